import { Button, Group, Modal, NativeSelect, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { telemonitoringApi, telemonitoringKeys, type Alert } from './api.js';
import { formatters, LEVEL_TONE } from './format.js';

/**
 * An alert as the care team sees it: its level and state, the engine's sentence, and what can be
 * done — acknowledge, snooze for a step of its level's ladder, resolve with a note.
 */
export function AlertCard({ alert, actions }: { alert: Alert; actions: boolean }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const queryClient = useQueryClient();
  const [minutes, setMinutes] = useState(String(alert.nextSnoozeMinutes[0] ?? 15));
  const [resolving, setResolving] = useState(false);
  const done = () => queryClient.invalidateQueries({ queryKey: telemonitoringKeys.all });
  const act = useMutation({
    mutationFn: (action: 'acknowledge' | 'snooze') =>
      action === 'acknowledge'
        ? telemonitoringApi.acknowledge(alert.patientId, alert.id)
        : telemonitoringApi.snooze(alert.patientId, alert.id, Number(minutes)),
    onSuccess: done,
  });
  const language = i18n.language === 'en' ? 'en' : 'fr';
  const live = alert.state !== 'resolved';
  const headingId = `alert-${alert.id}`;
  const duration = (m: number) =>
    m >= 60 && m % 60 === 0 ? t('telemonitoring.alert.hours', { count: m / 60 }) : t('telemonitoring.alert.minutes', { count: m });
  return (
    <Paper
      withBorder
      p="sm"
      component="article"
      aria-labelledby={headingId}
      data-testid="alert"
      data-level={alert.level}
      data-state={alert.state}
    >
      <Stack gap={6}>
        <Group gap="xs">
          <StatusBadge tone={LEVEL_TONE[alert.level]}>{t(`telemonitoring.levels.${alert.level}`)}</StatusBadge>
          <StatusBadge tone="neutral">{t(`telemonitoring.states.${alert.state}`)}</StatusBadge>
        </Group>
        <Text fw={600} id={headingId}>
          {alert.message[language]}
        </Text>
        <Text size="sm">{t('telemonitoring.alert.since', { at: format.dateTime(alert.since) })}</Text>
        {alert.escalatedAt && live ? <Text size="sm">{t('telemonitoring.alert.escalated')}</Text> : null}
        {alert.acknowledgedAt && live ? (
          <Text size="sm">{t('telemonitoring.alert.acknowledged', { at: format.dateTime(alert.acknowledgedAt) })}</Text>
        ) : null}
        {alert.snoozedUntil ? (
          <Text size="sm">{t('telemonitoring.alert.snoozedUntil', { at: format.dateTime(alert.snoozedUntil) })}</Text>
        ) : null}
        {alert.resolutionNote ? <Text size="sm">{t('telemonitoring.alert.resolvedNote', { note: alert.resolutionNote })}</Text> : null}
        {actions && live ? (
          <Group gap="sm" align="flex-end" wrap="wrap">
            {alert.state === 'open' ? (
              <Button
                size="sm"
                onClick={() => act.mutate('acknowledge')}
                loading={act.isPending && act.variables === 'acknowledge'}
                aria-describedby={headingId}
              >
                {t('telemonitoring.alert.acknowledge')}
              </Button>
            ) : null}
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <NativeSelect
                size="sm"
                label={t('telemonitoring.alert.snoozeFor')}
                value={minutes}
                onChange={(event) => setMinutes(event.currentTarget.value)}
                data={alert.nextSnoozeMinutes.map((m) => ({ value: String(m), label: duration(m) }))}
              />
              <Button
                size="sm"
                variant="default"
                onClick={() => act.mutate('snooze')}
                loading={act.isPending && act.variables === 'snooze'}
                aria-describedby={headingId}
              >
                {t('telemonitoring.alert.snooze')}
              </Button>
            </Group>
            <Button size="sm" variant="default" onClick={() => setResolving(true)} aria-describedby={headingId}>
              {t('telemonitoring.alert.resolve')}
            </Button>
          </Group>
        ) : null}
        <ErrorAlert error={act.error} />
      </Stack>
      {resolving ? <ResolveDialog alert={alert} onClose={() => setResolving(false)} onDone={done} /> : null}
    </Paper>
  );
}

function ResolveDialog({ alert, onClose, onDone }: { alert: Alert; onClose: () => void; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const resolve = useMutation({
    mutationFn: () => telemonitoringApi.resolve(alert.patientId, alert.id, note),
    onSuccess: async () => {
      await onDone();
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('telemonitoring.alert.resolveTitle')}
      closeButtonProps={{ 'aria-label': t('telemonitoring.alert.cancel') }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          resolve.mutate();
        }}
      >
        <Stack gap="sm">
          <Textarea
            label={t('telemonitoring.alert.note')}
            description={t('telemonitoring.alert.noteHint')}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            required
            maxLength={1_000}
            autosize
            minRows={3}
          />
          <ErrorAlert error={resolve.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('telemonitoring.alert.cancel')}
            </Button>
            <Button type="submit" loading={resolve.isPending} disabled={note.trim() === ''}>
              {t('telemonitoring.alert.confirmResolve')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
