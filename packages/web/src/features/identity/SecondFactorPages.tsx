import { Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { z } from 'zod';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert, ProblemAlert } from '../../components/ProblemAlert.js';
import { useApiForm } from '../../forms/useApiForm.js';
import { identityApi, type Me, type SecondFactorAnswer } from './api.js';
import { destinationOf } from './destination.js';
import { totpCode } from './fields.js';
import { PATHS } from './paths.js';
import { TotpEnrolment } from './TotpEnrolment.js';
import { useRefreshSession, useSession } from './session.js';

/**
 * Where a half-open session belongs: log in first, enrol, or give the code; `null` when this page
 * (`step`) is the right one.
 */
function redirectFor(me: Me | null | undefined, step: 'second-factor' | 'enrolment', destination: string): string | null {
  if (!me) return PATHS.login;
  if (!me.secondFactor.pending) return destination;
  if (step === 'second-factor' && !me.secondFactor.enrolled) return PATHS.enrolment;
  if (step === 'enrolment' && me.secondFactor.enrolled) return PATHS.secondFactor;
  return null;
}

/** The second step of a log-in: a code from the authenticator app, or a recovery code. */
export function SecondFactorPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();
  const destination = destinationOf(location.state);
  if (session.isPending) return <Loading label={t('common.loading')} />;
  if (session.isError) return <ErrorAlert error={session.error} />;
  const redirect = redirectFor(session.data, 'second-factor', destination);
  if (redirect) return <Navigate to={redirect} replace state={{ from: destination }} />;
  return <SecondFactorForm />;
}

/** Either answer, from whichever input is shown. */
const secondFactorAnswer = (mode: 'code' | 'recoveryCode'): z.ZodType<SecondFactorAnswer> =>
  mode === 'code'
    ? z.object({ code: totpCode }).transform(({ code }) => ({ code }))
    : z
        .object({ recoveryCode: z.string().trim().min(1, 'issues.required').max(20, 'issues.too-big') })
        .transform(({ recoveryCode }) => ({ recoveryCode }));

function SecondFactorForm() {
  const { t } = useTranslation();
  const refreshSession = useRefreshSession();
  const [mode, setMode] = useState<'code' | 'recoveryCode'>('code');
  // Success re-reads the session; the page then sends the person on (see redirectFor).
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: { code: '', recoveryCode: '' },
    schema: secondFactorAnswer(mode),
    submit: identityApi.verifySecondFactor,
    onSuccess: () => refreshSession(),
    issues: { code: { 'invalid-format': 'identity.fields.totpCodeInvalid' } },
  });
  const switchMode = () => {
    mutation.reset();
    form.clearErrors();
    setMode(mode === 'code' ? 'recoveryCode' : 'code');
  };
  return (
    <Stack gap="md" maw={440}>
      <PageTitle>{t('identity.secondFactor.title')}</PageTitle>
      <Text>{mode === 'code' ? t('identity.secondFactor.intro') : t('identity.secondFactor.recoveryIntro')}</Text>
      <ProblemAlert problem={problem} />
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {mode === 'code' ? (
            <TextInput
              label={t('identity.fields.totpCode')}
              description={t('identity.fields.totpCodeHint')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              {...form.getInputProps('code')}
            />
          ) : (
            <TextInput
              label={t('identity.fields.recoveryCode')}
              description={t('identity.fields.recoveryCodeHint')}
              autoComplete="off"
              maxLength={20}
              {...form.getInputProps('recoveryCode')}
            />
          )}
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('identity.secondFactor.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Anchor component="button" type="button" onClick={switchMode} ta="left">
        {mode === 'code' ? t('identity.secondFactor.useRecoveryCode') : t('identity.secondFactor.useTotp')}
      </Anchor>
    </Stack>
  );
}

/** Professionals (and administrators) must turn a second factor on before their first use. */
export function EnrolmentPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const refreshSession = useRefreshSession();
  // Once confirmed, the session is no longer pending: stay to show the recovery codes.
  const [confirmed, setConfirmed] = useState(false);
  const destination = destinationOf(location.state);
  if (session.isPending) return <Loading label={t('common.loading')} />;
  if (session.isError) return <ErrorAlert error={session.error} />;
  const redirect = confirmed ? null : redirectFor(session.data, 'enrolment', destination);
  if (redirect || !session.data) return <Navigate to={redirect ?? PATHS.login} replace state={{ from: destination }} />;
  return (
    <Stack gap="md" maw={640}>
      <PageTitle>{t('identity.enrolment.title')}</PageTitle>
      <Text>{t('identity.enrolment.intro')}</Text>
      <TotpEnrolment
        accountId={session.data.id}
        headingOrder={2}
        onConfirmed={() => setConfirmed(true)}
        onDone={async () => {
          await refreshSession();
          await navigate(destination, { replace: true });
        }}
      />
    </Stack>
  );
}
