import { Alert, Anchor, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { identityApi, type Locale } from './api.js';
import {
  EMPTY_IDENTITY,
  IdentityFields,
  NewPasswordInput,
  identityBody,
  identityFieldNames,
  passwordProblem,
  PersonNameFields,
  type IdentityDraft,
} from './fields.js';
import { fieldError, formProblemOf, PASSWORD_MIN_LENGTH, type FormProblem } from './forms.js';
import { PATHS } from './paths.js';

const ACCOUNT_FIELDS = ['email', 'password', 'givenName', 'familyName', 'locale'];

/** A patient creates their account with their INS identity traits; a link to confirm the address is mailed. */
export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [givenName, setGivenName] = useState('');
  const [familyName, setFamilyName] = useState('');
  const [identity, setIdentity] = useState<IdentityDraft>(EMPTY_IDENTITY);
  const [localProblem, setLocalProblem] = useState<FormProblem | null>(null);
  const sentMessage = useRef<HTMLDivElement>(null);
  const register = useMutation({ mutationFn: identityApi.register });
  const problem = localProblem ?? formProblemOf(register.error, t('identity.common.unexpected'));
  useEffect(() => {
    if (register.isSuccess) sentMessage.current?.focus();
  }, [register.isSuccess]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const tooShort = passwordProblem(
      password,
      t('identity.common.fixFields'),
      t('identity.fields.passwordTooShort', { min: PASSWORD_MIN_LENGTH }),
    );
    setLocalProblem(tooShort);
    if (tooShort) return;
    register.mutate({
      email: email.trim(),
      password,
      givenName: givenName.trim(),
      familyName: familyName.trim(),
      locale: (i18n.language === 'en' ? 'en' : 'fr') satisfies Locale,
      identity: identityBody(identity),
    });
  };

  if (register.isSuccess) {
    return (
      <Stack gap="md" maw={560}>
        <PageTitle>{t('identity.register.title')}</PageTitle>
        <Alert color="green.9" variant="light" title={t('identity.register.sentTitle')} ref={sentMessage} tabIndex={-1} role="status">
          {t('identity.register.sentText', { email: email.trim() })}
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
      <ProblemAlert problem={problem} shownFields={[...ACCOUNT_FIELDS, ...identityFieldNames('identity.')]} />
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <Stack gap="sm" component="section" aria-labelledby="register-account">
            <Title order={2} id="register-account" fz="h3">
              {t('identity.register.account')}
            </Title>
            <TextInput
              type="email"
              label={t('identity.fields.email')}
              autoComplete="email"
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={fieldError(problem, 'email')}
              maxLength={254}
            />
            <NewPasswordInput value={password} onChange={setPassword} error={fieldError(problem, 'password')} />
            <PersonNameFields
              givenName={givenName}
              familyName={familyName}
              onChange={(names) => {
                setGivenName(names.givenName);
                setFamilyName(names.familyName);
              }}
              problem={problem}
            />
          </Stack>
          <Stack gap="sm" component="section" aria-labelledby="register-identity">
            <Title order={2} id="register-identity" fz="h3">
              {t('identity.register.identity')}
            </Title>
            <Text size="sm">{t('identity.register.identityIntro')}</Text>
            <IdentityFields value={identity} onChange={setIdentity} problem={problem} prefix="identity." />
          </Stack>
          <Group>
            <Button type="submit" loading={register.isPending}>
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
