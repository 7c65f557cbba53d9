import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { ApiProblem, identityApi } from './api.js';
import { NewPasswordInput, passwordProblem } from './fields.js';
import { fieldError, formProblemOf, PASSWORD_MIN_LENGTH, type FormProblem } from './forms.js';
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
  const [password, setPassword] = useState('');
  const [localProblem, setLocalProblem] = useState<FormProblem | null>(null);
  const choose = useMutation({
    mutationFn: (chosen: string) =>
      purpose === 'reset' ? identityApi.resetPassword(token, chosen) : identityApi.acceptInvitation(token, chosen),
    onSuccess: () =>
      navigate(PATHS.login, { replace: true, state: { notice: purpose === 'reset' ? 'password-reset' : 'invitation-accepted' } }),
  });
  const problem = localProblem ?? formProblemOf(choose.error, t('identity.common.unexpected'));
  const linkExpired = choose.error instanceof ApiProblem && choose.error.slug === 'token-invalid';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const tooShort = passwordProblem(
      password,
      t('identity.common.fixFields'),
      t('identity.fields.passwordTooShort', { min: PASSWORD_MIN_LENGTH }),
    );
    setLocalProblem(tooShort);
    if (!tooShort) choose.mutate(password);
  };
  const prefix = purpose === 'reset' ? 'identity.resetPassword' : 'identity.invitation';
  return (
    <Stack gap="md" maw={440}>
      <PageTitle>{t(`${prefix}.title`)}</PageTitle>
      {token === '' ? (
        <ProblemAlert problem={{ title: t('identity.common.incompleteLink') }} />
      ) : (
        <>
          <Text>{t(`${prefix}.intro`)}</Text>
          <ProblemAlert problem={problem} shownFields={['password']} />
          {linkExpired && purpose === 'reset' ? (
            <Anchor component={Link} to={PATHS.forgotPassword}>
              {t('identity.resetPassword.askAgain')}
            </Anchor>
          ) : null}
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <NewPasswordInput value={password} onChange={setPassword} error={fieldError(problem, 'password')} />
              <Group>
                <Button type="submit" loading={choose.isPending}>
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
