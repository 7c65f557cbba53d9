import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { ScrollTable } from '../../components/ScrollTable.js';
import { formProblemOf } from '../identity/forms.js';
import { billingApi, billingKeys, type CarePatient } from './api.js';
import { BILLING_PATHS } from './paths.js';

export function patientName(patient: CarePatient): string {
  return `${patient.usedName ?? patient.birthName} ${patient.firstNames}`;
}

/** The patients the professional follows (live care relationships), with what can be done for each. */
export function CarePatientsPage() {
  const { t, i18n } = useTranslation();
  const patients = useQuery({ queryKey: billingKeys.carePatients, queryFn: billingApi.carePatients });
  const date = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'fr-FR');
  return (
    <Stack gap="md" maw={960}>
      <PageTitle>{t('billing.patients.title')}</PageTitle>
      <Text>{t('billing.patients.intro')}</Text>
      {patients.isPending ? (
        <Loading label={t('identity.common.loading')} />
      ) : patients.isError ? (
        <ProblemAlert problem={formProblemOf(patients.error, t('identity.common.unexpected'))} />
      ) : patients.data.length === 0 ? (
        <Text>{t('billing.patients.empty')}</Text>
      ) : (
        <ScrollTable label={t('billing.patients.title')} minWidth={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('billing.patients.name')}</Table.Th>
              <Table.Th scope="col">{t('billing.patients.birthDate')}</Table.Th>
              <Table.Th scope="col">{t('billing.patients.organisation')}</Table.Th>
              <Table.Th scope="col">{t('billing.patients.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {patients.data.map((patient) => (
              <Table.Tr key={`${patient.id}:${patient.organisationId}`}>
                <Table.Th scope="row">{patientName(patient)}</Table.Th>
                <Table.Td>{date(patient.birthDate)}</Table.Td>
                <Table.Td>{patient.organisationName}</Table.Td>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={BILLING_PATHS.billingOf(patient.id)}
                    aria-label={t('billing.patients.billFor', { name: patientName(patient) })}
                  >
                    {t('billing.patients.bill')}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Stack>
  );
}
