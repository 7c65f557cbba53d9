import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { email } from '../../forms/fields.js';
import { useApiForm } from '../../forms/useApiForm.js';
import { identityApi } from './api.js';
import { PATHS } from './paths.js';

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: { email: '' },
    schema: z.object({ email }),
    submit: (body) => identityApi.forgotPassword(body.email),
  });
  return (
    <Stack gap="md" maw={440}>
      <PageTitle>{t('identity.forgotPassword.title')}</PageTitle>
      {mutation.isSuccess ? (
        <Alert color="green.9" variant="light" role="status">
          {t('identity.forgotPassword.sent', { email: mutation.variables.email })}
        </Alert>
      ) : (
        <>
          <Text>{t('identity.forgotPassword.intro')}</Text>
          <ProblemAlert problem={problem} />
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="sm">
              <TextInput type="email" label={t('identity.fields.email')} autoComplete="email" {...form.getInputProps('email')} />
              <Group>
                <Button type="submit" loading={mutation.isPending}>
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
