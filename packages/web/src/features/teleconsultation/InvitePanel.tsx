import { Alert, Button, CopyButton, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/problem.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { useLiveTopic } from '../../realtime/useLiveTopic.js';
import { assistApi, assistKeys, type Assistant, type AssistantKind, type Invitation } from './api.js';

const KINDS: readonly AssistantKind[] = ['professional', 'relative', 'interpreter'];

/**
 * How an assistant is named in the call: their name and profession, once they opened their link. The
 * list is read again when the visit's topic says an assistant joined (the practitioner's assistance
 * topic, the patient's visits topic).
 */
export function useAssistantNames(
  appointmentId: string,
  enabled: boolean,
  visit: { role: 'patient' | 'practitioner'; patientId: string; practitioner: { id: string } } | undefined,
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const assistants = useQuery({
    queryKey: assistKeys.assistants(appointmentId),
    queryFn: () => assistApi.assistants(appointmentId),
    enabled,
  });
  const topic =
    !enabled || !visit
      ? null
      : visit.role === 'patient'
        ? `patient-visits:${visit.patientId}`
        : `visit-assistance:${appointmentId}:${visit.practitioner.id}`;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: assistKeys.assistants(appointmentId) });
  useLiveTopic(topic, { onEvent: refresh, onResync: refresh });
  return (subject: string): string | undefined => {
    if (!subject.startsWith('assistant:')) return undefined;
    const assistant = assistants.data?.find((a) => a.subject === subject);
    return assistant ? assistantLabel(assistant, t) : t('teleconsultation.assist.participant');
  };
}

export function assistantLabel(
  assistant: Pick<Assistant, 'name' | 'kind' | 'profession'>,
  t: (key: string, options?: Record<string, string>) => string,
): string {
  const role = assistant.profession
    ? t(`teleconsultation.assist.professions.${assistant.profession}`)
    : t(`teleconsultation.invite.kinds.${assistant.kind}`);
  return assistant.name ? `${assistant.name} (${role})` : t('teleconsultation.invite.unnamed', { kind: role });
}

/**
 * Inviting someone into the call (the practitioner, or the patient's side): the kind, an e-mail if
 * wished, then the single-use link to copy, shown once; the invitations so far, to withdraw.
 */
export function InvitePanel({ appointmentId }: { appointmentId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<AssistantKind>('professional');
  const [email, setEmail] = useState('');
  const [created, setCreated] = useState<Invitation | null>(null);
  const assistants = useQuery({ queryKey: assistKeys.assistants(appointmentId), queryFn: () => assistApi.assistants(appointmentId) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: assistKeys.assistants(appointmentId) });
  const invite = useMutation({
    mutationFn: () => assistApi.invite(appointmentId, { kind, ...(email.trim() ? { email: email.trim() } : {}) }),
    onSuccess: (invitation) => {
      setCreated(invitation);
      setEmail('');
      void refresh();
    },
  });
  const withdraw = useMutation({ mutationFn: (id: string) => assistApi.withdraw(appointmentId, id), onSuccess: () => void refresh() });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  const time = (iso: string) => new Date(iso).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="invite-heading">
      <Title order={2} fz="h4" id="invite-heading" mb="xs">
        {t('teleconsultation.invite.title')}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{t('teleconsultation.invite.intro')}</Text>
        <form onSubmit={submit}>
          <Group align="end" gap="sm" wrap="wrap">
            <NativeSelect
              label={t('teleconsultation.invite.kind')}
              value={kind}
              onChange={(event) => setKind(event.currentTarget.value as AssistantKind)}
              data={KINDS.map((k) => ({ value: k, label: t(`teleconsultation.invite.kinds.${k}`) }))}
            />
            <TextInput
              type="email"
              label={t('teleconsultation.invite.email')}
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              autoComplete="off"
              miw={240}
              error={invite.error instanceof ApiProblem ? invite.error.errors.find((e) => e.field === 'email')?.message : undefined}
            />
            <Button type="submit" loading={invite.isPending}>
              {t('teleconsultation.invite.create')}
            </Button>
          </Group>
        </form>
        <ErrorAlert error={invite.error} />
        {created ? (
          <Alert color="blue.9" variant="light">
            <Stack gap="xs">
              <TextInput
                label={t('teleconsultation.invite.link')}
                value={created.link}
                readOnly
                onFocus={(event) => event.currentTarget.select()}
              />
              <Group gap="xs">
                <CopyButton value={created.link}>
                  {({ copied, copy }) => (
                    <Button variant="default" size="xs" onClick={copy}>
                      {t(copied ? 'teleconsultation.invite.copied' : 'teleconsultation.invite.copy')}
                    </Button>
                  )}
                </CopyButton>
                <Text size="sm">{t('teleconsultation.invite.shownOnce')}</Text>
              </Group>
              {created.emailed ? <Text size="sm">{t('teleconsultation.invite.emailed')}</Text> : null}
            </Stack>
          </Alert>
        ) : null}
        {assistants.data && assistants.data.length > 0 ? (
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('teleconsultation.invite.list')}>
            {assistants.data.map((assistant) => (
              <Group key={assistant.id} component="li" gap="xs" justify="space-between" wrap="wrap" data-assistant-id={assistant.id}>
                <Text size="sm">
                  {assistantLabel(assistant, t)} — {t(`teleconsultation.invite.statuses.${assistant.status}`)}
                  {assistant.status === 'pending' ? ` (${time(assistant.expiresAt)})` : ''}
                </Text>
                {assistant.status === 'pending' || assistant.status === 'joined' ? (
                  <Button
                    variant="subtle"
                    color="red.9"
                    size="xs"
                    aria-label={t('teleconsultation.invite.withdrawOf', { name: assistantLabel(assistant, t) })}
                    onClick={() => withdraw.mutate(assistant.id)}
                  >
                    {t('teleconsultation.invite.withdraw')}
                  </Button>
                ) : null}
              </Group>
            ))}
          </Stack>
        ) : null}
        <ErrorAlert error={withdraw.error ?? assistants.error} />
      </Stack>
    </Paper>
  );
}
