import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { ApiProblem } from '../../api/problem.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useApiForm } from '../../forms/useApiForm.js';
import { identityApi } from './api.js';
import { NewPasswordInput, newPassword, PASSWORD_MIN_LENGTH } from './fields.js';
import { PATHS } from './paths.js';

/**
 * The mailed reset link (`/nouveau-mot-de-passe`) and the invitation link (`/invitation`): choose a
 * password with the token, then log in.
 */
export function ChoosePasswordPage({ purpose }: { purpose: 'reset' | 'invitation' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: { password: '' },
    schema: z.object({ password: newPassword }),
    submit: ({ password }) =>
      purpose === 'reset' ? identityApi.resetPassword(token, password) : identityApi.acceptInvitation(token, password),
    onSuccess: () =>
      navigate(PATHS.login, { replace: true, state: { notice: purpose === 'reset' ? 'password-reset' : 'invitation-accepted' } }),
    messageValues: { min: PASSWORD_MIN_LENGTH },
  });
  const linkExpired = mutation.error instanceof ApiProblem && mutation.error.slug === 'token-invalid';
  const prefix = purpose === 'reset' ? 'identity.resetPassword' : 'identity.invitation';
  return (
    <Stack gap="md" maw={440}>
      <PageTitle>{t(`${prefix}.title`)}</PageTitle>
      {token === '' ? (
        <ProblemAlert problem={{ title: t('common.incompleteLink') }} />
      ) : (
        <>
          <Text>{t(`${prefix}.intro`)}</Text>
          <ProblemAlert problem={problem} />
          {linkExpired && purpose === 'reset' ? (
            <Anchor component={Link} to={PATHS.forgotPassword}>
              {t('identity.resetPassword.askAgain')}
            </Anchor>
          ) : null}
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="sm">
              <NewPasswordInput form={form} />
              <Group>
                <Button type="submit" loading={mutation.isPending}>
                  {t('identity.choosePassword.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </>
      )}
    </Stack>
  );
}
