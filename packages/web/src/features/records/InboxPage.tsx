import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { recordsApi, recordsKeys } from './api.js';
import { dateTime } from './format.js';
import { RECORDS_PATHS } from './paths.js';

/** The professional's secure inbox: reports colleagues sent, unread ones marked. */
export function InboxPage() {
  const { t, i18n } = useTranslation();
  const inbox = useQuery({ queryKey: recordsKeys.inbox, queryFn: recordsApi.inbox });
  return (
    <Stack gap="md" maw={880}>
      <PageTitle>{t('records.inbox.title')}</PageTitle>
      {inbox.isPending ? (
        <Loading label={t('common.loading')} />
      ) : inbox.isError ? (
        <ErrorAlert error={inbox.error} />
      ) : inbox.data.length === 0 ? (
        <Text role="status">{t('records.inbox.empty')}</Text>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {inbox.data.map((m) => (
            <Card key={m.id} withBorder component="li" padding="sm">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Stack gap={2}>
                  <Text fw={m.readAt ? 400 : 700}>{t('records.inbox.from', { name: m.sender })}</Text>
                  <Text size="sm">{t('records.inbox.about', { name: m.patient.name })}</Text>
                  <Text size="sm">{dateTime(m.createdAt, i18n.language)}</Text>
                </Stack>
                <Group gap="sm">
                  {m.readAt ? null : (
                    <Badge color="blue.9" variant="filled">
                      {t('records.inbox.unread')}
                    </Badge>
                  )}
                  <Anchor
                    component={Link}
                    to={RECORDS_PATHS.messageOf(m.id)}
                    aria-label={t('records.inbox.openLabel', { sender: m.sender, patient: m.patient.name })}
                  >
                    {t('records.inbox.open')}
                  </Anchor>
                </Group>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
