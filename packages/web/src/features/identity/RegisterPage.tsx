import { Alert, Anchor, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { email } from '../../forms/fields.js';
import { useApiForm } from '../../forms/useApiForm.js';
import { identityApi, type Locale, type Registration } from './api.js';
import {
  EMPTY_IDENTITY,
  IdentityFields,
  identityIssues,
  identitySchema,
  NewPasswordInput,
  newPassword,
  PASSWORD_MIN_LENGTH,
  PersonNameFields,
  personNames,
} from './fields.js';
import { PATHS } from './paths.js';

const registration = z.object({
  email,
  password: newPassword,
  ...personNames,
  identity: identitySchema,
}) satisfies z.ZodType<Registration, unknown>;

/** A patient creates their account with their INS identity traits; a link to confirm the address is mailed. */
export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const sentMessage = useRef<HTMLDivElement>(null);
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: {
      email: '',
      password: '',
      givenName: '',
      familyName: '',
      identity: EMPTY_IDENTITY,
    },
    schema: registration,
    // The account speaks the language the page was filled in.
    submit: (body) => identityApi.register({ ...body, locale: (i18n.language === 'en' ? 'en' : 'fr') satisfies Locale }),
    issues: identityIssues('identity.'),
    messageValues: { min: PASSWORD_MIN_LENGTH },
  });
  useEffect(() => {
    if (mutation.isSuccess) sentMessage.current?.focus();
  }, [mutation.isSuccess]);

  if (mutation.isSuccess) {
    return (
      <Stack gap="md" maw={560}>
        <PageTitle>{t('identity.register.title')}</PageTitle>
        <Alert color="green.9" variant="light" title={t('identity.register.sentTitle')} ref={sentMessage} tabIndex={-1} role="status">
          {t('identity.register.sentText', { email: mutation.variables.email })}
        </Alert>
        <Anchor component={Link} to={PATHS.login}>
          {t('identity.register.toLogin')}
        </Anchor>
      </Stack>
    );
  }

  return (
    <Stack gap="md" maw={560}>
      <PageTitle>{t('identity.register.title')}</PageTitle>
      <Text>{t('identity.register.intro')}</Text>
      <ProblemAlert problem={problem} />
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          <Stack gap="sm" component="section" aria-labelledby="register-account">
            <Title order={2} id="register-account" fz="h3">
              {t('identity.register.account')}
            </Title>
            <TextInput
              type="email"
              label={t('identity.fields.email')}
              autoComplete="email"
              maxLength={254}
              {...form.getInputProps('email')}
            />
            <NewPasswordInput form={form} />
            <PersonNameFields form={form} />
          </Stack>
          <Stack gap="sm" component="section" aria-labelledby="register-identity">
            <Title order={2} id="register-identity" fz="h3">
              {t('identity.register.identity')}
            </Title>
            <Text size="sm">{t('identity.register.identityIntro')}</Text>
            <IdentityFields form={form} prefix="identity." />
          </Stack>
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('identity.register.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Text size="sm">
        {t('identity.register.haveAccount')}{' '}
        <Anchor component={Link} to={PATHS.login}>
          {t('identity.register.toLogin')}
        </Anchor>
      </Text>
    </Stack>
  );
}
