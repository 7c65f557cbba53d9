import { Alert, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { ScrollTable } from '../../components/ScrollTable.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import {
  identityApi,
  PROFESSIONS,
  SPECIALTIES,
  type Locale,
  type Member,
  type MembershipRole,
  type Organisation,
  type Profession,
  type Specialty,
} from './api.js';
import { fieldError, formProblemOf, optional } from './forms.js';
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
        <Loading label={t('identity.common.loading')} />
      ) : organisation.isError ? (
        <ProblemAlert problem={formProblemOf(organisation.error, t('identity.common.unexpected'))} />
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
        {t('identity.common.labelValue', {
          label: t('identity.organisation.finess'),
          value: organisation.finess ?? t('identity.organisation.none'),
        })}
      </Text>
      <Title order={3}>{t('identity.organisation.sites')}</Title>
      {organisation.sites.length === 0 ? (
        <Text>{t('identity.organisation.noSites')}</Text>
      ) : (
        <ScrollTable label={t('identity.organisation.sites')} minWidth={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('identity.organisation.siteName')}</Table.Th>
              <Table.Th scope="col">{t('identity.organisation.siteAddress')}</Table.Th>
              <Table.Th scope="col">{t('identity.organisation.finess')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {organisation.sites.map((site) => (
              <Table.Tr key={site.id}>
                <Table.Th scope="row" fw={500}>
                  {site.name}
                </Table.Th>
                <Table.Td>
                  {[site.address, [site.postalCode, site.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || '—'}
                </Table.Td>
                <Table.Td>{site.finess ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      <SiteForm organisationId={organisation.id} />
    </Stack>
  );
}

const EMPTY_SITE = { name: '', address: '', postalCode: '', city: '', finess: '' };

function SiteForm({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [site, setSite] = useState(EMPTY_SITE);
  const [added, setAdded] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (input: typeof EMPTY_SITE) => {
      const [address, postalCode, city, finess] = [
        optional(input.address),
        optional(input.postalCode),
        optional(input.city),
        optional(input.finess),
      ];
      return identityApi.addSite(organisationId, {
        name: input.name.trim(),
        ...(address ? { address } : {}),
        ...(postalCode ? { postalCode } : {}),
        ...(city ? { city } : {}),
        ...(finess ? { finess } : {}),
      });
    },
    onSuccess: async (_reply, input) => {
      setAdded(input.name.trim());
      setSite(EMPTY_SITE);
      await queryClient.invalidateQueries({ queryKey: organisationKey(organisationId) });
    },
  });
  const problem = formProblemOf(add.error, t('identity.common.unexpected'));
  const set = (field: keyof typeof EMPTY_SITE) => (event: ChangeEvent<HTMLInputElement>) =>
    setSite({ ...site, [field]: event.currentTarget.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    add.mutate(site);
  };
  return (
    <Stack gap="sm" component="section" aria-labelledby="organisation-add-site">
      <Title order={3} id="organisation-add-site">
        {t('identity.organisation.addSite')}
      </Title>
      <ProblemAlert problem={problem} shownFields={Object.keys(EMPTY_SITE)} />
      {added ? (
        <Alert color="green.9" variant="light" role="status">
          {t('identity.organisation.siteAdded', { name: added })}
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('identity.organisation.siteName')}
            value={site.name}
            onChange={set('name')}
            error={fieldError(problem, 'name')}
            maxLength={200}
          />
          <TextInput
            label={t('identity.organisation.siteAddressField')}
            value={site.address}
            onChange={set('address')}
            error={fieldError(problem, 'address')}
            autoComplete="off"
            maxLength={300}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              label={t('identity.organisation.postalCode')}
              value={site.postalCode}
              onChange={set('postalCode')}
              error={fieldError(problem, 'postalCode', { 'invalid-format': t('identity.organisation.postalCodeInvalid') })}
              inputMode="numeric"
              autoComplete="off"
              maxLength={5}
            />
            <TextInput
              label={t('identity.organisation.city')}
              value={site.city}
              onChange={set('city')}
              error={fieldError(problem, 'city')}
              maxLength={100}
            />
          </SimpleGrid>
          <TextInput
            label={t('identity.organisation.siteFiness')}
            description={t('identity.organisation.finessHint')}
            value={site.finess}
            onChange={set('finess')}
            error={fieldError(problem, 'finess', { custom: t('identity.organisation.finessInvalid') })}
            autoComplete="off"
            maxLength={11}
          />
          <Group>
            <Button type="submit" loading={add.isPending}>
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
        <Loading label={t('identity.common.loading')} />
      ) : members.isError ? (
        <ProblemAlert problem={formProblemOf(members.error, t('identity.common.unexpected'))} />
      ) : members.data.length === 0 ? (
        <Text>{t('identity.organisation.noMembers')}</Text>
      ) : (
        <ScrollTable label={t('identity.organisation.members')} minWidth={820}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('identity.organisation.memberName')}</Table.Th>
              <Table.Th scope="col">{t('identity.fields.email')}</Table.Th>
              <Table.Th scope="col">{t('identity.organisation.role')}</Table.Th>
              <Table.Th scope="col">{t('identity.organisation.profession')}</Table.Th>
              <Table.Th scope="col">{t('identity.organisation.rppsColumn')}</Table.Th>
              <Table.Th scope="col">{t('identity.organisation.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.data.map((member) => (
              <MemberRow key={`${member.accountId}:${member.role}`} member={member} />
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Stack>
  );
}

function MemberRow({ member }: { member: Member }) {
  const { t } = useTranslation();
  const profession = PROFESSIONS.includes(member.profession as Profession)
    ? t(`identity.professions.${member.profession}`)
    : member.profession;
  const specialty = SPECIALTIES.includes(member.specialty as Specialty) ? t(`identity.specialties.${member.specialty}`) : member.specialty;
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {member.familyName.toUpperCase()} {member.givenName}
      </Table.Th>
      <Table.Td>{member.email}</Table.Td>
      <Table.Td>{t(`identity.roles.${member.role}`)}</Table.Td>
      <Table.Td>{[profession, specialty].filter(Boolean).join(' — ') || '—'}</Table.Td>
      <Table.Td>{member.rpps ?? '—'}</Table.Td>
      <Table.Td>
        {member.invitationPending ? (
          <StatusBadge tone="warning">{t('identity.organisation.invitationPending')}</StatusBadge>
        ) : (
          <StatusBadge tone="positive">{t('identity.organisation.active')}</StatusBadge>
        )}
      </Table.Td>
    </Table.Tr>
  );
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

const INVITATION_FIELDS = ['email', 'givenName', 'familyName', 'role', 'profession', 'specialty', 'rpps', 'sector', 'optam', 'locale'];

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
  const [draft, setDraft] = useState<InvitationDraft>(empty);
  const [invited, setInvited] = useState<string | null>(null);
  const invite = useMutation({
    mutationFn: (input: InvitationDraft) => {
      const rpps = optional(input.rpps);
      const isDoctor = input.profession === 'doctor';
      return identityApi.invite(organisationId, {
        email: input.email.trim(),
        givenName: input.givenName.trim(),
        familyName: input.familyName.trim(),
        role: input.role,
        locale: input.locale,
        ...(input.profession ? { profession: input.profession } : {}),
        ...(isDoctor && input.specialty ? { specialty: input.specialty } : {}),
        ...(rpps ? { rpps } : {}),
        ...(input.profession && input.sector ? { sector: input.sector === '1' ? 1 : 2 } : {}),
        ...(input.profession && input.sector === '2' ? { optam: input.optam } : {}),
      });
    },
    onSuccess: async (_reply, input) => {
      setInvited(input.email.trim());
      setDraft({ ...empty, role: input.role, profession: input.profession, locale: input.locale });
      await queryClient.invalidateQueries({ queryKey: membersKey(organisationId) });
    },
  });
  const problem = formProblemOf(invite.error, t('identity.common.unexpected'));
  const text = (field: 'email' | 'givenName' | 'familyName' | 'rpps') => (event: ChangeEvent<HTMLInputElement>) =>
    setDraft({ ...draft, [field]: event.currentTarget.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setInvited(null);
    invite.mutate(draft);
  };
  return (
    <Stack gap="sm" component="section" aria-labelledby="organisation-invite">
      <Title order={2} id="organisation-invite">
        {t('identity.organisation.invite')}
      </Title>
      <Text size="sm">{t('identity.organisation.inviteIntro')}</Text>
      <ProblemAlert problem={problem} shownFields={INVITATION_FIELDS} />
      {invited ? (
        <Alert color="green.9" variant="light" role="status">
          {t('identity.organisation.invited', { email: invited })}
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={560}>
          <TextInput
            type="email"
            label={t('identity.fields.email')}
            value={draft.email}
            onChange={text('email')}
            error={fieldError(problem, 'email')}
            autoComplete="off"
            maxLength={254}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              label={t('identity.fields.givenName')}
              value={draft.givenName}
              onChange={text('givenName')}
              error={fieldError(problem, 'givenName')}
              autoComplete="off"
              maxLength={100}
            />
            <TextInput
              label={t('identity.fields.familyName')}
              value={draft.familyName}
              onChange={text('familyName')}
              error={fieldError(problem, 'familyName')}
              autoComplete="off"
              maxLength={100}
            />
          </SimpleGrid>
          <NativeSelect
            label={t('identity.organisation.role')}
            value={draft.role}
            onChange={(event) => setDraft({ ...draft, role: event.currentTarget.value as MembershipRole })}
            data={(['practitioner', 'regulator', 'admin'] as const).map((role) => ({ value: role, label: t(`identity.roles.${role}`) }))}
            error={fieldError(problem, 'role')}
          />
          <NativeSelect
            label={t('identity.organisation.profession')}
            description={t('identity.organisation.professionHint')}
            value={draft.profession}
            onChange={(event) => setDraft({ ...draft, profession: event.currentTarget.value as Profession | '' })}
            data={[
              { value: '', label: t('identity.organisation.noProfession') },
              ...PROFESSIONS.map((profession) => ({ value: profession, label: t(`identity.professions.${profession}`) })),
            ]}
            error={fieldError(problem, 'profession')}
          />
          {draft.profession === 'doctor' ? (
            <NativeSelect
              label={t('identity.organisation.specialty')}
              value={draft.specialty}
              onChange={(event) => setDraft({ ...draft, specialty: event.currentTarget.value as Specialty | '' })}
              data={[
                { value: '', label: t('identity.organisation.notSpecified') },
                ...SPECIALTIES.map((specialty) => ({ value: specialty, label: t(`identity.specialties.${specialty}`) })),
              ]}
              error={fieldError(problem, 'specialty')}
            />
          ) : null}
          {draft.profession ? (
            <>
              <TextInput
                label={t('identity.organisation.rpps')}
                description={t('identity.organisation.rppsHint')}
                value={draft.rpps}
                onChange={text('rpps')}
                error={fieldError(problem, 'rpps', { custom: t('identity.organisation.rppsInvalid') })}
                inputMode="numeric"
                autoComplete="off"
                maxLength={14}
              />
              <NativeSelect
                label={t('identity.organisation.sector')}
                value={draft.sector}
                onChange={(event) => setDraft({ ...draft, sector: event.currentTarget.value as InvitationDraft['sector'] })}
                data={[
                  { value: '', label: t('identity.organisation.notSpecified') },
                  { value: '1', label: t('identity.organisation.sector1') },
                  { value: '2', label: t('identity.organisation.sector2') },
                ]}
                error={fieldError(problem, 'sector')}
              />
              {draft.sector === '2' ? (
                <Checkbox
                  label={t('identity.organisation.optam')}
                  description={t('identity.organisation.optamHint')}
                  checked={draft.optam}
                  onChange={(event) => setDraft({ ...draft, optam: event.currentTarget.checked })}
                  error={fieldError(problem, 'optam')}
                />
              ) : null}
            </>
          ) : null}
          <NativeSelect
            label={t('identity.organisation.mailLanguage')}
            value={draft.locale}
            onChange={(event) => setDraft({ ...draft, locale: event.currentTarget.value as Locale })}
            data={[
              { value: 'fr', label: t('language.fr') },
              { value: 'en', label: t('language.en') },
            ]}
            error={fieldError(problem, 'locale')}
          />
          <Group>
            <Button type="submit" loading={invite.isPending}>
              {t('identity.organisation.inviteSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
