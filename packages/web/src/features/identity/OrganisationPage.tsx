import { Alert, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { checkFiness, checkRpps, PROFESSIONS, SPECIALTIES, type Profession, type Specialty } from '@parcours/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert, ProblemAlert } from '../../components/ProblemAlert.js';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { email, optionalIdentifier, optionalText, requiredText } from '../../forms/fields.js';
import { useApiForm } from '../../forms/useApiForm.js';
import { identityApi, type Invitation, type Locale, type Member, type MembershipRole, type Organisation, type SiteInput } from './api.js';
import { useAccount } from './RequireSession.js';

const organisationKey = (id: string) => ['identity', 'organisation', id];
const membersKey = (id: string) => ['identity', 'organisation', id, 'members'];

/** For administrators: the organisation, its sites and its members; add a site, invite a professional. */
export function OrganisationPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const administered = me.memberships.filter((membership) => membership.role === 'admin');
  const [chosen, setChosen] = useState<string | null>(null);
  const organisationId = administered.some((membership) => membership.organisationId === chosen) ? chosen : administered[0]?.organisationId;
  return (
    <Stack gap="xl" maw={960}>
      <PageTitle>{t('identity.organisation.title')}</PageTitle>
      {!organisationId ? (
        <Text>{t('identity.organisation.adminsOnly')}</Text>
      ) : (
        <>
          {administered.length > 1 ? (
            <NativeSelect
              label={t('identity.organisation.choose')}
              value={organisationId}
              onChange={(event) => setChosen(event.currentTarget.value)}
              data={administered.map((membership) => ({ value: membership.organisationId, label: membership.organisationName }))}
              maw={440}
            />
          ) : null}
          <OrganisationDetails key={organisationId} organisationId={organisationId} />
        </>
      )}
    </Stack>
  );
}

function OrganisationDetails({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const organisation = useQuery({ queryKey: organisationKey(organisationId), queryFn: () => identityApi.organisation(organisationId) });
  return (
    <>
      {organisation.isPending ? (
        <Loading label={t('common.loading')} />
      ) : organisation.isError ? (
        <ErrorAlert error={organisation.error} />
      ) : (
        <Sites organisation={organisation.data} />
      )}
      <Members organisationId={organisationId} />
      <InviteForm organisationId={organisationId} />
    </>
  );
}

function Sites({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="section" aria-labelledby="organisation-name">
      <Title order={2} id="organisation-name">
        {organisation.name}
      </Title>
      <Text size="sm">
        {t('common.labelValue', {
          label: t('identity.organisation.finess'),
          value: organisation.finess ?? t('identity.organisation.none'),
        })}
      </Text>
      <Title order={3}>{t('identity.organisation.sites')}</Title>
      {organisation.sites.length === 0 ? (
        <Text>{t('identity.organisation.noSites')}</Text>
      ) : (
        <ResponsiveTable
          label={t('identity.organisation.sites')}
          minWidth={560}
          rows={organisation.sites}
          rowKey={(site) => site.id}
          columns={[
            { key: 'name', header: t('identity.organisation.siteName'), cell: (site) => site.name, primary: true },
            {
              key: 'address',
              header: t('identity.organisation.siteAddress'),
              cell: (site) => [site.address, [site.postalCode, site.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || '—',
            },
            { key: 'finess', header: t('identity.organisation.finess'), cell: (site) => site.finess ?? '—' },
          ]}
        />
      )}
      <SiteForm organisationId={organisation.id} />
    </Stack>
  );
}

const site = z.object({
  name: requiredText(200),
  address: optionalText(300),
  postalCode: optionalText(5).refine((code) => code === undefined || /^\d{5}$/.test(code), 'identity.organisation.postalCodeInvalid'),
  city: optionalText(100),
  finess: optionalIdentifier(checkFiness, 'identity.organisation.finessInvalid'),
}) satisfies z.ZodType<SiteInput, unknown>;

const EMPTY_SITE = { name: '', address: '', postalCode: '', city: '', finess: '' };

function SiteForm({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: EMPTY_SITE,
    schema: site,
    submit: (body) => identityApi.addSite(organisationId, body),
    onSuccess: async () => {
      form.reset();
      await queryClient.invalidateQueries({ queryKey: organisationKey(organisationId) });
    },
    issues: {
      postalCode: { 'invalid-format': 'identity.organisation.postalCodeInvalid' },
      finess: { custom: 'identity.organisation.finessInvalid' },
    },
  });
  return (
    <Stack gap="sm" component="section" aria-labelledby="organisation-add-site">
      <Title order={3} id="organisation-add-site">
        {t('identity.organisation.addSite')}
      </Title>
      <ProblemAlert problem={problem} />
      {mutation.isSuccess ? (
        <Alert color="green.9" variant="light" role="status">
          {t('identity.organisation.siteAdded', { name: mutation.variables.name })}
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('identity.organisation.siteName')} maxLength={200} {...form.getInputProps('name')} />
          <TextInput
            label={t('identity.organisation.siteAddressField')}
            autoComplete="off"
            maxLength={300}
            {...form.getInputProps('address')}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              label={t('identity.organisation.postalCode')}
              inputMode="numeric"
              autoComplete="off"
              maxLength={5}
              {...form.getInputProps('postalCode')}
            />
            <TextInput label={t('identity.organisation.city')} maxLength={100} {...form.getInputProps('city')} />
          </SimpleGrid>
          <TextInput
            label={t('identity.organisation.siteFiness')}
            description={t('identity.organisation.finessHint')}
            autoComplete="off"
            maxLength={11}
            {...form.getInputProps('finess')}
          />
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('identity.organisation.addSiteSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

function Members({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const members = useQuery({ queryKey: membersKey(organisationId), queryFn: () => identityApi.members(organisationId) });
  return (
    <Stack gap="sm" component="section" aria-labelledby="organisation-members">
      <Title order={2} id="organisation-members">
        {t('identity.organisation.members')}
      </Title>
      {members.isPending ? (
        <Loading label={t('common.loading')} />
      ) : members.isError ? (
        <ErrorAlert error={members.error} />
      ) : members.data.length === 0 ? (
        <Text>{t('identity.organisation.noMembers')}</Text>
      ) : (
        <ResponsiveTable
          label={t('identity.organisation.members')}
          minWidth={820}
          rows={members.data}
          rowKey={(member) => `${member.accountId}:${member.role}`}
          columns={memberColumns(t)}
        />
      )}
    </Stack>
  );
}

/** The members' columns: who, how to reach them, what they do here, and whether they joined. */
function memberColumns(t: TFunction): Column<Member>[] {
  // A profession or specialty outside the lists (none today) is left unsaid rather than shown as a code.
  const profession = (member: Member) =>
    PROFESSIONS.includes(member.profession as Profession) ? t(`terms.professions.${member.profession}`) : null;
  const specialty = (member: Member) =>
    SPECIALTIES.includes(member.specialty as Specialty) ? t(`terms.specialties.${member.specialty}`) : null;
  return [
    {
      key: 'name',
      header: t('identity.organisation.memberName'),
      cell: (m) => `${m.familyName.toUpperCase()} ${m.givenName}`,
      primary: true,
    },
    { key: 'email', header: t('identity.fields.email'), cell: (m) => m.email },
    { key: 'role', header: t('identity.organisation.role'), cell: (m) => t(`identity.roles.${m.role}`) },
    {
      key: 'profession',
      header: t('identity.organisation.profession'),
      cell: (m) => [profession(m), specialty(m)].filter(Boolean).join(' — ') || '—',
    },
    { key: 'rpps', header: t('identity.organisation.rppsColumn'), cell: (m) => m.rpps ?? '—' },
    {
      key: 'status',
      header: t('identity.organisation.status'),
      cell: (m) =>
        m.invitationPending ? (
          <StatusBadge tone="warning">{t('identity.organisation.invitationPending')}</StatusBadge>
        ) : (
          <StatusBadge tone="positive">{t('identity.organisation.active')}</StatusBadge>
        ),
    },
  ];
}

/** An RPPS whose form is right but whose check digit fails Luhn. */
function rppsKeyMismatch(rpps: string): boolean {
  const check = checkRpps(rpps);
  return rpps.trim() !== '' && check.valid && check.warnings.includes('rpps-check-digit');
}

interface InvitationDraft {
  email: string;
  givenName: string;
  familyName: string;
  role: MembershipRole;
  profession: Profession | '';
  specialty: Specialty | '';
  rpps: string;
  sector: '' | '1' | '2';
  optam: boolean;
  locale: Locale;
}

/** The invitation as the API takes it: the practitioner's details only where they apply. */
const invitation = z
  .object({
    email,
    givenName: requiredText(100),
    familyName: requiredText(100),
    role: z.enum(['admin', 'practitioner', 'regulator']),
    profession: z.enum(['', ...PROFESSIONS]),
    specialty: z.enum(['', ...SPECIALTIES]),
    rpps: optionalIdentifier(checkRpps, 'identity.organisation.rppsInvalid'),
    sector: z.enum(['', '1', '2']),
    optam: z.boolean(),
    locale: z.enum(['fr', 'en']),
  })
  .refine((draft) => draft.role === 'admin' || draft.profession !== '', {
    path: ['profession'],
    message: 'identity.organisation.professionRequired',
    // Also while other fields are missing: an empty form names every one at once.
    when: () => true,
  })
  .transform(({ profession, specialty, rpps, sector, optam, ...invitation }): Invitation => ({
    ...invitation,
    ...(profession ? { profession } : {}),
    ...(profession === 'doctor' && specialty ? { specialty } : {}),
    ...(profession && rpps ? { rpps } : {}),
    ...(profession && sector ? { sector: sector === '1' ? 1 : 2 } : {}),
    ...(profession && sector === '2' ? { optam } : {}),
  }));

function InviteForm({ organisationId }: { organisationId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  // Most invitations are for a doctor; an administrator may have no profession.
  const empty: InvitationDraft = {
    email: '',
    givenName: '',
    familyName: '',
    role: 'practitioner',
    profession: 'doctor',
    specialty: '',
    rpps: '',
    sector: '',
    optam: false,
    locale: i18n.language === 'en' ? 'en' : 'fr',
  };
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: empty,
    schema: invitation,
    submit: (body) => identityApi.invite(organisationId, body),
    onSuccess: async (_reply, sent) => {
      // The next invitation is likely for the same kind of person.
      form.setValues({ ...empty, role: sent.role, profession: sent.profession ?? '', locale: sent.locale ?? empty.locale });
      await queryClient.invalidateQueries({ queryKey: membersKey(organisationId) });
    },
    issues: { rpps: { custom: 'identity.organisation.rppsInvalid' }, profession: { custom: 'identity.organisation.professionRequired' } },
  });
  const draft = form.getValues();
  return (
    <Stack gap="sm" component="section" aria-labelledby="organisation-invite">
      <Title order={2} id="organisation-invite">
        {t('identity.organisation.invite')}
      </Title>
      <Text size="sm">{t('identity.organisation.inviteIntro')}</Text>
      <ProblemAlert problem={problem} />
      {mutation.isSuccess ? (
        <Alert color="green.9" variant="light" role="status">
          {t('identity.organisation.invited', { email: mutation.variables.email })}
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm" maw={560}>
          <TextInput type="email" label={t('identity.fields.email')} autoComplete="off" maxLength={254} {...form.getInputProps('email')} />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput label={t('identity.fields.givenName')} autoComplete="off" maxLength={100} {...form.getInputProps('givenName')} />
            <TextInput label={t('identity.fields.familyName')} autoComplete="off" maxLength={100} {...form.getInputProps('familyName')} />
          </SimpleGrid>
          <NativeSelect
            label={t('identity.organisation.role')}
            data={(['practitioner', 'regulator', 'admin'] as const).map((role) => ({ value: role, label: t(`identity.roles.${role}`) }))}
            {...form.getInputProps('role')}
          />
          <NativeSelect
            label={t('identity.organisation.profession')}
            description={t('identity.organisation.professionHint')}
            data={[
              { value: '', label: t('identity.organisation.noProfession') },
              ...PROFESSIONS.map((profession) => ({ value: profession, label: t(`terms.professions.${profession}`) })),
            ]}
            {...form.getInputProps('profession')}
          />
          {draft.profession === 'doctor' ? (
            <NativeSelect
              label={t('identity.organisation.specialty')}
              data={[
                { value: '', label: t('identity.organisation.notSpecified') },
                ...SPECIALTIES.map((specialty) => ({ value: specialty, label: t(`terms.specialties.${specialty}`) })),
              ]}
              {...form.getInputProps('specialty')}
            />
          ) : null}
          {draft.profession ? (
            <>
              <TextInput
                label={t('identity.organisation.rpps')}
                // A wrong check digit is only a warning: the Luhn key is assumed, not published (domain: checkRpps).
                description={
                  rppsKeyMismatch(draft.rpps) ? (
                    <Text component="span" size="xs" fw={700} c="dark.8" data-testid="rpps-warning">
                      {t('identity.organisation.rppsCheckDigit')}
                    </Text>
                  ) : (
                    t('identity.organisation.rppsHint')
                  )
                }
                inputMode="numeric"
                autoComplete="off"
                maxLength={14}
                {...form.getInputProps('rpps')}
              />
              <NativeSelect
                label={t('identity.organisation.sector')}
                data={[
                  { value: '', label: t('identity.organisation.notSpecified') },
                  { value: '1', label: t('identity.organisation.sector1') },
                  { value: '2', label: t('identity.organisation.sector2') },
                ]}
                {...form.getInputProps('sector')}
              />
              {draft.sector === '2' ? (
                <Checkbox
                  label={t('identity.organisation.optam')}
                  description={t('identity.organisation.optamHint')}
                  {...form.getInputProps('optam', { type: 'checkbox' })}
                />
              ) : null}
            </>
          ) : null}
          <NativeSelect
            label={t('identity.organisation.mailLanguage')}
            data={[
              { value: 'fr', label: t('language.fr') },
              { value: 'en', label: t('language.en') },
            ]}
            {...form.getInputProps('locale')}
          />
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('identity.organisation.inviteSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
