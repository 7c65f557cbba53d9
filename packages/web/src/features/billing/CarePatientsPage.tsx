import { Anchor, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable.js';
import { SCHEDULING_PATHS } from '../scheduling/paths.js';
import { TELEMONITORING_PATHS } from '../telemonitoring/paths.js';
import { billingApi, billingKeys, type CarePatient } from './api.js';
import { BILLING_PATHS } from './paths.js';

/** As French records show a patient: the name in use, then the first names. */
export function patientName(patient: Pick<CarePatient, 'usedName' | 'birthName' | 'firstNames'>): string {
  return `${patient.usedName ?? patient.birthName} ${patient.firstNames}`;
}

/** The patients the professional follows (live care relationships), with what can be done for each. */
export function CarePatientsPage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const patients = useQuery({
    queryKey: billingKeys.carePatients(q),
    queryFn: () => billingApi.carePatients(q),
    placeholderData: keepPreviousData,
  });
  const date = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'fr-FR');
  const columns: Column<CarePatient>[] = [
    { key: 'name', header: t('billing.patients.name'), cell: patientName, primary: true },
    { key: 'birth-date', header: t('billing.patients.birthDate'), cell: (patient) => date(patient.birthDate) },
    { key: 'organisation', header: t('billing.patients.organisation'), cell: (patient) => patient.organisationName },
    {
      key: 'actions',
      header: t('billing.patients.actions'),
      bare: true,
      cell: (patient) => (
        <Group gap="md">
          <Anchor
            component={Link}
            to={BILLING_PATHS.billingOf(patient.id)}
            aria-label={t('billing.patients.billFor', { name: patientName(patient) })}
          >
            {t('billing.patients.bill')}
          </Anchor>
          <Anchor
            component={Link}
            to={SCHEDULING_PATHS.forPatientOf(patient.id)}
            aria-label={t('billing.patients.bookFor', { name: patientName(patient) })}
          >
            {t('billing.patients.book')}
          </Anchor>
          <Anchor
            component={Link}
            to={TELEMONITORING_PATHS.patientOf(patient.id)}
            aria-label={t('billing.patients.monitorFor', { name: patientName(patient) })}
          >
            {t('billing.patients.monitor')}
          </Anchor>
        </Group>
      ),
    },
  ];
  return (
    <Stack gap="md" maw={960}>
      <PageTitle>{t('billing.patients.title')}</PageTitle>
      <Text>{t('billing.patients.intro')}</Text>
      <TextInput
        type="search"
        label={t('billing.patients.search')}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={440}
      />
      {patients.isPending ? (
        <Loading label={t('common.loading')} />
      ) : patients.isError ? (
        <ErrorAlert error={patients.error} />
      ) : patients.data.length === 0 ? (
        <Text role="status">{q ? t('billing.patients.noMatch', { q }) : t('billing.patients.empty')}</Text>
      ) : (
        <ResponsiveTable
          label={t('billing.patients.title')}
          minWidth={560}
          columns={columns}
          rows={patients.data}
          rowKey={(patient) => `${patient.id}:${patient.organisationId}`}
        />
      )}
    </Stack>
  );
}
