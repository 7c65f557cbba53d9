import { Alert, Button, Checkbox, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/problem.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert, ProblemAlert } from '../../components/ProblemAlert.js';
import { assistApi, assistKeys, type InvitationInfo, type RedeemRequest } from './api.js';
import { AssistCall } from './AssistCall.js';

const PROFESSIONS = ['nurse', 'pharmacist', 'physician', 'midwife', 'physiotherapist', 'other'] as const;
const PLACES = ['pharmacy', 'home', 'nursing-home', 'health-centre', 'teleconsultation-booth', 'other'] as const;
const SETTINGS = ['planned-care', 'dedicated-place', 'home-visit'] as const;

/** Where this tab keeps the assistant's credential once the link is used: a reload stays in the call. */
const STORAGE_KEY = 'parcours.assist';

interface StoredSession {
  token: string;
  credential: string;
}

function storedSession(token: string): StoredSession | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
    return stored?.token === token ? stored : null;
  } catch {
    return null;
  }
}

/**
 * The page an invitation link opens (`/assister#<token>`), without an account: what the link is
 * for, who the assistant is (for a professional: profession, RPPS, where, and a nurse's setting) and
 * the information to accept; then, once the practitioner has let the patient in, the call.
 */
export function AssistPage() {
  const { t } = useTranslation();
  const token = window.location.hash.replace(/^#/, '');
  const [session, setSession] = useState<StoredSession | null>(() => (token ? storedSession(token) : null));
  return (
    <Stack gap="md" maw={1100}>
      <PageTitle>{t('teleconsultation.assist.pageTitle')}</PageTitle>
      {!token ? (
        <Alert color="red.9" variant="light" role="alert">
          {t('teleconsultation.assist.noToken')}
        </Alert>
      ) : session ? (
        <AssistedVisit
          credential={session.credential}
          onExpired={() => {
            sessionStorage.removeItem(STORAGE_KEY);
            setSession(null);
          }}
        />
      ) : (
        <Invitation
          token={token}
          onJoined={(credential) => {
            const next = { token, credential };
            sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
            setSession(next);
          }}
        />
      )}
    </Stack>
  );
}

function Invitation({ token, onJoined }: { token: string; onJoined: (credential: string) => void }) {
  const { t, i18n } = useTranslation();
  const info = useQuery({
    queryKey: [...assistKeys.invitation(token), i18n.language],
    queryFn: () => assistApi.check(token),
    retry: false,
  });
  if (info.isPending) return <Loading label={t('teleconsultation.assist.checking')} />;
  if (info.isError) return <Refused error={info.error} />;
  return <JoinForm token={token} info={info.data} onJoined={onJoined} />;
}

function Refused({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="invitation-refused">
      <Title order={2} fz="h3">
        {t('teleconsultation.assist.refused')}
      </Title>
      <ErrorAlert error={error} />
    </Stack>
  );
}

function JoinForm({ token, info, onJoined }: { token: string; info: InvitationInfo; onJoined: (credential: string) => void }) {
  const { t, i18n } = useTranslation();
  const professional = info.kind === 'professional';
  const [name, setName] = useState('');
  const [profession, setProfession] = useState('');
  const [rpps, setRpps] = useState('');
  const [place, setPlace] = useState('');
  const [setting, setSetting] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [asked, setAsked] = useState(false);
  const redeem = useMutation({
    mutationFn: (body: RedeemRequest) => assistApi.redeem(body),
    onSuccess: (reply) => onJoined(reply.credential),
  });
  const serverIssue = (field: string) =>
    redeem.error instanceof ApiProblem ? redeem.error.errors.find((e) => e.field === field)?.message : undefined;
  const missing = {
    name: !name.trim() ? t('teleconsultation.assist.nameRequired') : undefined,
    profession: professional && !profession ? t('teleconsultation.assist.professionRequired') : undefined,
    setting: profession === 'nurse' && !setting ? t('teleconsultation.assist.settingRequired') : undefined,
    agreed: !agreed ? t('teleconsultation.assist.agreeRequired') : undefined,
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked(true);
    if (Object.values(missing).some(Boolean)) return;
    redeem.mutate({
      token,
      name: name.trim(),
      informationVersion: info.information.version,
      ...(professional && profession ? { profession: profession as (typeof PROFESSIONS)[number] } : {}),
      ...(professional && rpps.trim() ? { rpps: rpps.trim() } : {}),
      ...(professional && place ? { place: place as (typeof PLACES)[number] } : {}),
      ...(profession === 'nurse' && setting ? { setting: setting as (typeof SETTINGS)[number] } : {}),
    });
  };
  const error = (field: keyof typeof missing) => (asked ? missing[field] : undefined) ?? serverIssue(field);
  // A refusal of the link itself (used meanwhile, expired) replaces the form.
  if (redeem.error instanceof ApiProblem && redeem.error.status === 410) return <Refused error={redeem.error} />;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={640}>
        <Text>{t(`teleconsultation.assist.intro.${info.kind}`)}</Text>
        <Text size="sm">
          {t('teleconsultation.assist.validUntil', {
            date: new Date(info.expiresAt).toLocaleString(i18n.language, { dateStyle: 'long', timeStyle: 'short' }),
          })}
        </Text>
        <TextInput
          label={t('teleconsultation.assist.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          autoComplete="name"
          error={error('name')}
        />
        {professional ? (
          <>
            <NativeSelect
              label={t('teleconsultation.assist.profession')}
              value={profession}
              onChange={(e) => setProfession(e.currentTarget.value)}
              required
              data={[
                { value: '', label: t('teleconsultation.assist.choose') },
                ...PROFESSIONS.map((p) => ({ value: p, label: t(`teleconsultation.assist.professions.${p}`) })),
              ]}
              error={error('profession')}
            />
            {profession === 'nurse' ? (
              <NativeSelect
                label={t('teleconsultation.assist.setting')}
                value={setting}
                onChange={(e) => setSetting(e.currentTarget.value)}
                required
                data={[
                  { value: '', label: t('teleconsultation.assist.choose') },
                  ...SETTINGS.map((s) => ({ value: s, label: t(`teleconsultation.assist.settings.${s}`) })),
                ]}
                error={error('setting')}
              />
            ) : null}
            <TextInput
              label={t('teleconsultation.assist.rpps')}
              value={rpps}
              onChange={(e) => setRpps(e.currentTarget.value)}
              inputMode="numeric"
              maxLength={11}
              error={serverIssue('rpps')}
            />
            <NativeSelect
              label={t('teleconsultation.assist.place')}
              value={place}
              onChange={(e) => setPlace(e.currentTarget.value)}
              data={[
                { value: '', label: t('teleconsultation.assist.choose') },
                ...PLACES.map((p) => ({ value: p, label: t(`teleconsultation.assist.places.${p}`) })),
              ]}
            />
          </>
        ) : null}
        <Paper withBorder p="sm" component="section" aria-labelledby="assist-information">
          <Title order={2} fz="h4" id="assist-information" mb="xs">
            {t('teleconsultation.assist.information', { version: info.information.version })}
          </Title>
          <Text size="sm">{info.information.text}</Text>
        </Paper>
        <Checkbox
          label={t('teleconsultation.assist.agree')}
          checked={agreed}
          onChange={(e) => setAgreed(e.currentTarget.checked)}
          error={error('agreed')}
        />
        {redeem.error && !(redeem.error instanceof ApiProblem && redeem.error.errors.length > 0) ? (
          <ErrorAlert error={redeem.error} />
        ) : null}
        <Button type="submit" loading={redeem.isPending}>
          {t('teleconsultation.assist.join')}
        </Button>
      </Stack>
    </form>
  );
}

function AssistedVisit({ credential, onExpired }: { credential: string; onExpired: () => void }) {
  const { t } = useTranslation();
  // The assistant has no live topic of their own: the visit's state is asked every few seconds.
  const visit = useQuery({
    queryKey: assistKeys.visit(credential),
    queryFn: () => assistApi.visit(credential),
    refetchInterval: (query) => (query.state.data?.state === 'ended' || query.state.data?.state === 'cancelled' ? false : 3_000),
    retry: false,
  });
  if (visit.isPending) return <Loading label={t('common.loading')} />;
  if (visit.isError) {
    if (visit.error instanceof ApiProblem && visit.error.status === 401) {
      return (
        <Stack gap="sm">
          <ProblemAlert problem={{ title: t('teleconsultation.assist.expired') }} />
          <Button variant="default" onClick={onExpired}>
            {t('teleconsultation.assist.join')}
          </Button>
        </Stack>
      );
    }
    return <ErrorAlert error={visit.error} />;
  }
  const state = visit.data.state;
  return (
    <Stack gap="md">
      <Text>{t('teleconsultation.assist.with', { name: visit.data.practitioner.name })}</Text>
      {state === 'admitted' ? (
        <AssistCall credential={credential} visit={visit.data} />
      ) : (
        <Alert color="blue.9" variant="light" role="status">
          {state === 'ended'
            ? t('teleconsultation.assist.ended')
            : state === 'cancelled'
              ? t('teleconsultation.assist.cancelled')
              : t('teleconsultation.assist.waiting')}
        </Alert>
      )}
    </Stack>
  );
}
