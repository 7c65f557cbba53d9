import { Alert, Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { email } from '../../forms/fields.js';
import { useApiForm } from '../../forms/useApiForm.js';
import { identityApi } from './api.js';
import { destinationOf } from './destination.js';
import { PATHS } from './paths.js';
import { isSignedIn, useRefreshSession, useSession } from './session.js';

const NOTICES = ['password-reset', 'invitation-accepted'] as const;
type Notice = (typeof NOTICES)[number];

/** Problems the Pro Santé Connect callback reports by redirecting here with `?erreur=<slug>`. */
const OIDC_ERRORS: Record<string, 'oidcFailed' | 'oidcNotConfigured'> = {
  'oidc-failed': 'oidcFailed',
  'oidc-not-configured': 'oidcNotConfigured',
};

const credentials = z.object({ email, password: z.string().min(1, 'issues.required').max(256, 'issues.too-big') });

/** E-mail and password; then, for whoever needs it, the second factor or its enrolment. */
export function LoginPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const session = useSession();
  const refreshSession = useRefreshSession();
  const destination = destinationOf(location.state);
  const stateNotice = (location.state as { notice?: unknown } | null)?.notice;
  const notice = NOTICES.find((known) => known === stateNotice) as Notice | undefined;
  const oidcError = searchParams.get('erreur');

  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: { email: '', password: '' },
    schema: credentials,
    submit: identityApi.login,
    onSuccess: async (reply) => {
      await refreshSession();
      if (reply.next === 'done') await navigate(destination, { replace: true });
      else await navigate(reply.next === 'second-factor' ? PATHS.secondFactor : PATHS.enrolment, { state: { from: destination } });
    },
  });

  return (
    <Stack gap="md" maw={440}>
      <PageTitle>{t('identity.login.title')}</PageTitle>
      {notice ? (
        <Alert color="green.9" variant="light" role="status">
          {t(notice === 'password-reset' ? 'identity.login.passwordReset' : 'identity.login.invitationAccepted')}
        </Alert>
      ) : null}
      {isSignedIn(session.data) && !mutation.isPending ? (
        <Text>
          {t('identity.login.alreadySignedIn', { email: session.data.email })}{' '}
          <Anchor component={Link} to="/">
            {t('app.home')}
          </Anchor>
        </Text>
      ) : null}
      {problem ? (
        <ProblemAlert problem={problem} />
      ) : oidcError ? (
        <ProblemAlert problem={{ title: t(`identity.login.${OIDC_ERRORS[oidcError] ?? 'oidcFailed'}`) }} />
      ) : null}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <TextInput type="email" label={t('identity.fields.email')} autoComplete="username" {...form.getInputProps('email')} />
          <PasswordInput label={t('identity.fields.password')} autoComplete="current-password" {...form.getInputProps('password')} />
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('identity.login.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Stack gap={4}>
        <Anchor component={Link} to={PATHS.forgotPassword} size="sm">
          {t('identity.login.forgotPassword')}
        </Anchor>
        <Text size="sm">
          {t('identity.login.noAccount')}{' '}
          <Anchor component={Link} to={PATHS.register}>
            {t('identity.register.title')}
          </Anchor>
        </Text>
      </Stack>
    </Stack>
  );
}
