import { Anchor, Button, Code, CopyButton, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Loading } from '../../components/Loading.js';
import { ErrorAlert, ProblemAlert } from '../../components/ProblemAlert.js';
import { QrCode } from '../../components/QrCode.js';
import { useApiForm } from '../../forms/useApiForm.js';
import { identityApi } from './api.js';
import { totpCode } from './fields.js';

/** The secret in groups of four, easier to type into an authenticator by hand. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * TOTP enrolment (RFC 6238): a new secret shown as a QR code, as a key to type and as an otpauth
 * link; a first code turns it on; the recovery codes are shown once, until the person says they kept them.
 */
export function TotpEnrolment({
  accountId,
  headingOrder,
  onConfirmed,
  onDone,
}: {
  accountId: string;
  headingOrder: 2 | 3;
  /** The second factor is on (and passed for this session): the recovery codes are on screen. */
  onConfirmed?: () => void;
  /** The person has kept their recovery codes. */
  onDone: () => void | Promise<void>;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const codesHeading = useRef<HTMLHeadingElement>(null);
  // A query, not a mutation, so that a second mount (React's strict mode) does not draw a second secret.
  const enrolmentKey = ['identity', 'totp-enrolment', accountId];
  const enrolment = useQuery({
    queryKey: enrolmentKey,
    queryFn: identityApi.startEnrolment,
    staleTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    // Once confirmed, asking again would draw a new secret (and be refused): the secret is spent.
    enabled: recoveryCodes === null,
  });
  const confirm = useApiForm({
    initialValues: { code: '' },
    schema: z.object({ code: totpCode }),
    submit: ({ code }) => identityApi.confirmEnrolment(code),
    onSuccess: (reply) => {
      setRecoveryCodes(reply.recoveryCodes);
      onConfirmed?.();
    },
    issues: { code: { 'invalid-format': 'identity.fields.totpCodeInvalid' } },
  });
  const finish = useMutation({
    mutationFn: async () => {
      queryClient.removeQueries({ queryKey: enrolmentKey });
      await onDone();
    },
  });
  useEffect(() => {
    if (recoveryCodes) codesHeading.current?.focus();
  }, [recoveryCodes]);

  if (recoveryCodes) {
    return (
      <Stack gap="sm">
        <Title order={headingOrder} ref={codesHeading} tabIndex={-1}>
          {t('identity.totp.codesTitle')}
        </Title>
        <Text>{t('identity.totp.codesText')}</Text>
        <List data-testid="recovery-codes" spacing={4} listStyleType="none" ff="monospace">
          {recoveryCodes.map((recoveryCode) => (
            <List.Item key={recoveryCode}>
              <Code fz="md">{recoveryCode}</Code>
            </List.Item>
          ))}
        </List>
        <Group>
          <CopyButton value={recoveryCodes.join('\n')}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? t('identity.totp.copied') : t('identity.totp.copyCodes')}
              </Button>
            )}
          </CopyButton>
          <Button onClick={() => finish.mutate()} loading={finish.isPending}>
            {t('identity.totp.codesKept')}
          </Button>
        </Group>
      </Stack>
    );
  }

  if (enrolment.isPending) return <Loading label={t('identity.totp.preparing')} />;
  if (enrolment.isError) return <ErrorAlert error={enrolment.error} />;

  const { secret, uri } = enrolment.data;
  return (
    <Stack gap="md">
      <Stack gap="xs">
        <Title order={headingOrder}>{t('identity.totp.step1')}</Title>
        <Text>{t('identity.totp.scan')}</Text>
        <QrCode value={uri} label={t('identity.totp.qrLabel')} />
        <Text>{t('identity.totp.orKey')}</Text>
        <Group gap="sm">
          <Code data-testid="totp-secret" data-secret={secret} fz="lg">
            {grouped(secret)}
          </Code>
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button variant="default" size="xs" onClick={copy}>
                {copied ? t('identity.totp.copied') : t('identity.totp.copyKey')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Group gap="sm">
          <Anchor href={uri}>{t('identity.totp.openLink')}</Anchor>
          <CopyButton value={uri}>
            {({ copied, copy }) => (
              <Button variant="default" size="xs" onClick={copy}>
                {copied ? t('identity.totp.copied') : t('identity.totp.copyLink')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
      <Stack gap="xs">
        <Title order={headingOrder}>{t('identity.totp.step2')}</Title>
        <ProblemAlert problem={confirm.problem} />
        <form onSubmit={confirm.onSubmit} noValidate>
          <Stack gap="sm" maw={320}>
            <TextInput
              label={t('identity.fields.totpCode')}
              description={t('identity.fields.totpCodeHint')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              {...confirm.form.getInputProps('code')}
            />
            <Group>
              <Button type="submit" loading={confirm.mutation.isPending}>
                {t('identity.totp.activate')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Stack>
  );
}
