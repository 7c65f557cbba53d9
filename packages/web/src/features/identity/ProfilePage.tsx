import { Alert, Button, Card, Group, List, NativeSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert, ProblemAlert } from '../../components/ProblemAlert.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { setLanguage } from '../../i18n/index.js';
import { useApiForm } from '../../forms/useApiForm.js';
import { identityApi, type Me } from './api.js';
import { EMPTY_IDENTITY, IdentityFields, identityIssues, identitySchema, PersonNameFields, personNames } from './fields.js';
import { useAccount } from './RequireSession.js';
import { useRefreshSession } from './session.js';
import { TotpEnrolment } from './TotpEnrolment.js';

/** The account's names and language, the records it manages, and its second factor. */
export function ProfilePage() {
  const { t } = useTranslation();
  const me = useAccount();
  return (
    <Stack gap="xl" maw={720}>
      <PageTitle>{t('identity.profile.title')}</PageTitle>
      <AccountForm me={me} />
      <ManagedRecords me={me} />
      <AddDependant />
      <SecondFactorSection me={me} />
    </Stack>
  );
}

const accountUpdate = z.object({ ...personNames, locale: z.enum(['fr', 'en']) });

function AccountForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const refreshSession = useRefreshSession();
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: { givenName: me.givenName, familyName: me.familyName, locale: me.locale },
    schema: accountUpdate,
    submit: identityApi.updateMe,
    onSuccess: async (_reply, update) => {
      await setLanguage(update.locale);
      await refreshSession();
    },
  });
  // Unless the person changed it here, each field follows the account: the header's language switch,
  // or a change made elsewhere (another tab, device or node: the account's live topic re-reads /me).
  const { getValues, setFieldValue } = form;
  const followed = useRef({ givenName: me.givenName, familyName: me.familyName, locale: me.locale });
  useEffect(() => {
    const current = { givenName: me.givenName, familyName: me.familyName, locale: me.locale };
    for (const field of ['givenName', 'familyName', 'locale'] as const) {
      if (getValues()[field] === followed.current[field]) setFieldValue(field, current[field]);
    }
    followed.current = current;
  }, [me.givenName, me.familyName, me.locale, getValues, setFieldValue]);
  return (
    <Stack gap="sm" component="section" aria-labelledby="profile-account">
      <Title order={2} id="profile-account">
        {t('identity.profile.account')}
      </Title>
      <Text size="sm">{t('common.labelValue', { label: t('identity.fields.email'), value: me.email })}</Text>
      <ProblemAlert problem={problem} />
      {mutation.isSuccess ? (
        <Alert color="green.9" variant="light" role="status">
          {t('identity.profile.saved')}
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm" maw={440}>
          <PersonNameFields form={form} />
          <NativeSelect
            label={t('identity.fields.preferredLanguage')}
            description={t('identity.fields.preferredLanguageHint')}
            data={[
              { value: 'fr', label: t('language.fr') },
              { value: 'en', label: t('language.en') },
            ]}
            {...form.getInputProps('locale')}
          />
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('identity.profile.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

function ManagedRecords({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="section" aria-labelledby="profile-records">
      <Title order={2} id="profile-records">
        {t('identity.profile.records')}
      </Title>
      {me.patients.length === 0 ? (
        <Text>{t('identity.profile.noRecords')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {me.patients.map((patient) => (
            <PatientCard key={patient.id} patient={patient} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function PatientCard({ patient }: { patient: Me['patients'][number] }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const name = `${patient.firstNames} ${patient.birthName}`;
  // Reading the identity is an access to the record (it is audited): only on demand.
  const details = useQuery({
    queryKey: ['identity', 'patient', patient.id],
    queryFn: () => identityApi.patient(patient.id),
    enabled: open,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const detailsId = `patient-${patient.id}`;
  const pair = (label: string, value: string) => t('common.labelValue', { label, value });
  const birthDate = (date: string) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${date}T00:00:00Z`),
    );
  return (
    <Card withBorder padding="md">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600} id={`${detailsId}-name`}>
            {name}
          </Text>
          <StatusBadge tone={patient.isSelf ? 'info' : 'neutral'}>
            {patient.isSelf ? t('identity.profile.selfBadge') : t('identity.profile.dependant')}
          </StatusBadge>
        </Group>
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            aria-expanded={open}
            aria-controls={detailsId}
            aria-describedby={`${detailsId}-name`}
            onClick={() => setOpen(!open)}
          >
            {open ? t('identity.profile.hideIdentity') : t('identity.profile.showIdentity')}
          </Button>
        </Group>
        <div id={detailsId} hidden={!open}>
          {!open ? null : details.isPending ? (
            <Loading label={t('common.loading')} />
          ) : details.isError ? (
            <ErrorAlert error={details.error} />
          ) : (
            <List size="sm" spacing={2} listStyleType="none">
              <List.Item>{pair(t('identity.fields.sex'), t(`identity.sex.${details.data.sex}`))}</List.Item>
              <List.Item>{pair(t('identity.fields.birthDate'), birthDate(details.data.birthDate))}</List.Item>
              {details.data.usedName ? <List.Item>{pair(t('identity.profile.usedName'), details.data.usedName)}</List.Item> : null}
              {details.data.birthPlaceInsee ? (
                <List.Item>{pair(t('identity.profile.birthPlace'), details.data.birthPlaceInsee)}</List.Item>
              ) : null}
              {details.data.ins ? <List.Item>{pair(t('identity.profile.ins'), details.data.ins)}</List.Item> : null}
              <List.Item>
                {pair(t('identity.profile.identityStatus'), t(`identity.identityStatus.${details.data.identityStatus}`))}
              </List.Item>
            </List>
          )}
        </div>
      </Stack>
    </Card>
  );
}

function AddDependant() {
  const { t } = useTranslation();
  const refreshSession = useRefreshSession();
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: EMPTY_IDENTITY,
    schema: identitySchema,
    submit: identityApi.addDependant,
    onSuccess: async () => {
      form.reset();
      await refreshSession();
    },
    issues: identityIssues(''),
  });
  const added = mutation.isSuccess ? `${mutation.variables.firstNames} ${mutation.variables.birthName.toUpperCase()}` : null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="profile-dependant">
      <Title order={2} id="profile-dependant">
        {t('identity.profile.addDependant')}
      </Title>
      <Text size="sm">{t('identity.profile.addDependantIntro')}</Text>
      <ProblemAlert problem={problem} />
      {added ? (
        <Alert color="green.9" variant="light" role="status">
          {t('identity.profile.dependantAdded', { name: added })}
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm" maw={440}>
          <IdentityFields form={form} prefix="" />
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('identity.profile.addDependantSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

function SecondFactorSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const refreshSession = useRefreshSession();
  const [enrolling, setEnrolling] = useState(false);
  return (
    <Stack gap="sm" component="section" aria-labelledby="profile-second-factor">
      <Title order={2} id="profile-second-factor">
        {t('identity.profile.secondFactor')}
      </Title>
      {me.secondFactor.enrolled && !enrolling ? (
        <Text>
          <StatusBadge tone="positive">{t('identity.profile.secondFactorOn')}</StatusBadge> {t('identity.profile.secondFactorOnText')}
        </Text>
      ) : enrolling ? (
        <TotpEnrolment
          accountId={me.id}
          headingOrder={3}
          onDone={async () => {
            await refreshSession();
            setEnrolling(false);
          }}
        />
      ) : (
        <>
          <Text>{me.isProfessional ? t('identity.profile.secondFactorRequired') : t('identity.profile.secondFactorOptional')}</Text>
          <Group>
            <Button variant="light" onClick={() => setEnrolling(true)}>
              {t('identity.profile.setUpSecondFactor')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
