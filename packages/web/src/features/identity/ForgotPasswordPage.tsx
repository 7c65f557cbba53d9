import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { identityApi } from './api.js';
import { fieldError, formProblemOf } from './forms.js';
import { PATHS } from './paths.js';

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const request = useMutation({ mutationFn: identityApi.forgotPassword });
  const problem = formProblemOf(request.error, t('identity.common.unexpected'));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate(email.trim());
  };
  return (
    <Stack gap="md" maw={440}>
      <PageTitle>{t('identity.forgotPassword.title')}</PageTitle>
      {request.isSuccess ? (
        <Alert color="green.9" variant="light" role="status">
          {t('identity.forgotPassword.sent', { email: request.variables })}
        </Alert>
      ) : (
        <>
          <Text>{t('identity.forgotPassword.intro')}</Text>
          <ProblemAlert problem={problem} shownFields={['email']} />
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <TextInput
                type="email"
                label={t('identity.fields.email')}
                autoComplete="email"
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                error={fieldError(problem, 'email')}
              />
              <Group>
                <Button type="submit" loading={request.isPending}>
                  {t('identity.forgotPassword.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </>
      )}
      <Anchor component={Link} to={PATHS.login}>
        {t('identity.forgotPassword.backToLogin')}
      </Anchor>
    </Stack>
  );
}
