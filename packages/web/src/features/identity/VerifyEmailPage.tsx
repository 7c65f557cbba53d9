import { Alert, Anchor, Button, Group, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert, ProblemAlert } from '../../components/ProblemAlert.js';
import { identityApi } from './api.js';
import { PATHS } from './paths.js';

/** The mailed link lands here: the token is sent once, and the page says whether the address is confirmed. */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  // A query keyed by the token runs the call once, even if the page mounts twice; the token is single-use.
  const verification = useQuery({
    queryKey: ['identity', 'verify-email', token],
    queryFn: () => identityApi.verifyEmail(token).then(() => true),
    enabled: token !== '',
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  return (
    <Stack gap="md" maw={560}>
      <PageTitle>{t('identity.verifyEmail.title')}</PageTitle>
      {token !== '' && verification.isPending ? (
        <Loading label={t('identity.verifyEmail.checking')} />
      ) : token === '' || verification.isError ? (
        <>
          {token === '' ? <ProblemAlert problem={{ title: t('common.incompleteLink') }} /> : <ErrorAlert error={verification.error} />}
          <Anchor component={Link} to={PATHS.login}>
            {t('identity.register.toLogin')}
          </Anchor>
        </>
      ) : (
        <>
          <Alert color="green.9" variant="light" role="status">
            {t('identity.verifyEmail.done')}
          </Alert>
          <Group>
            <Button component={Link} to={PATHS.login}>
              {t('identity.register.toLogin')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
