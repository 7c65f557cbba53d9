import { Button, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { recordsApi, recordsKeys, type Report } from './api.js';
import { dateTime } from './format.js';

/** Sends the signed report to professionals caring for the patient (the treating doctor first of all). */
export function ShareSection({ report, onChange }: { report: Report; onChange: (next: Report) => void }) {
  const { t, i18n } = useTranslation();
  const recipients = useQuery({ queryKey: recordsKeys.recipients(report.id), queryFn: () => recordsApi.recipients(report.id) });
  const [chosen, setChosen] = useState<string[]>([]);
  const share = useMutation({ mutationFn: () => recordsApi.share(report.id, chosen), onSuccess: onChange });
  return (
    <Stack gap="xs">
      <Title order={2}>{t('records.share.title')}</Title>
      <Text size="sm">{t('records.share.hint')}</Text>
      {report.sharedWith.map((s) => (
        <Text size="sm" key={s.recipient + s.sentAt}>
          {t('records.share.sent', { name: s.recipient, date: dateTime(s.sentAt, i18n.language) })} —{' '}
          {s.readAt ? t('records.share.read', { date: dateTime(s.readAt, i18n.language) }) : t('records.share.unread')}
        </Text>
      ))}
      {recipients.isPending ? (
        <Loading label={t('common.loading')} />
      ) : recipients.isError ? (
        <ErrorAlert error={recipients.error} />
      ) : recipients.data.length === 0 ? (
        <Text size="sm">{t('records.share.none')}</Text>
      ) : (
        <Checkbox.Group label={t('records.share.recipients')} value={chosen} onChange={setChosen}>
          <Stack gap={4} mt={4}>
            {recipients.data.map((r) => (
              <Checkbox key={r.id} value={r.id} label={r.name} />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
      <ErrorAlert error={share.error} />
      <Group>
        <Button onClick={() => share.mutate()} loading={share.isPending} disabled={chosen.length === 0}>
          {t('records.share.send')}
        </Button>
      </Group>
    </Stack>
  );
}
