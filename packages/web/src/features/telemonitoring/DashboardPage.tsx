import { Anchor, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useLiveTopic } from '../../realtime/useLiveTopic.js';
import { AlertCard } from './AlertCard.js';
import { telemonitoringApi, telemonitoringKeys, type DashboardPatient } from './api.js';
import { formatters, LEVEL_TONE } from './format.js';
import { TELEMONITORING_PATHS } from './paths.js';

/**
 * The operator's dashboard: the patients under telemonitoring in their care, ranked by their open
 * alerts' severity, the open alerts to act on; a new alert shows without reload (the team's live topic).
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const [filter, setFilter] = useState<'alerts' | 'all'>('all');
  const dashboard = useQuery({ queryKey: telemonitoringKeys.dashboard, queryFn: telemonitoringApi.dashboard });
  const patients = (dashboard.data?.patients ?? []).filter((p) => filter === 'all' || p.topLevel !== null);
  // Unresolved alerts, those nobody took yet first: an acknowledged or snoozed one stays in sight until resolved.
  const pending = { open: 0, snoozed: 1, acknowledged: 2, resolved: 3 } as const;
  const open = patients
    .flatMap((p) => p.alerts.filter((a) => a.state !== 'resolved').map((alert) => ({ alert, name: p.name })))
    .sort((a, b) => pending[a.alert.state] - pending[b.alert.state]);
  const columns: Column<DashboardPatient>[] = [
    {
      key: 'name',
      header: t('telemonitoring.dashboard.patient'),
      primary: true,
      cell: (p) => (
        <Anchor
          component={Link}
          to={TELEMONITORING_PATHS.patientOf(p.patientId)}
          aria-label={t('telemonitoring.dashboard.open', { name: p.name })}
        >
          {p.name}
        </Anchor>
      ),
    },
    {
      key: 'programmes',
      header: t('telemonitoring.dashboard.programmes'),
      cell: (p) => p.programmes.map((x) => t(`telemonitoring.programme.${x}`)).join(', '),
    },
    {
      key: 'alerts',
      header: t('telemonitoring.dashboard.alerts'),
      cell: (p) =>
        p.topLevel ? (
          <Group gap="xs" wrap="nowrap">
            <StatusBadge tone={LEVEL_TONE[p.topLevel]}>{t(`telemonitoring.levels.${p.topLevel}`)}</StatusBadge>
            <Text size="sm">{t('telemonitoring.dashboard.counts', p.openAlerts)}</Text>
          </Group>
        ) : (
          t('telemonitoring.dashboard.noAlert')
        ),
    },
    {
      key: 'last',
      header: t('telemonitoring.dashboard.lastReading'),
      cell: (p) => (p.lastReadingAt ? format.dateTime(p.lastReadingAt) : t('telemonitoring.dashboard.never')),
    },
  ];
  return (
    <Stack gap="md" maw={1100}>
      <PageTitle>{t('telemonitoring.dashboard.title')}</PageTitle>
      <Text>{t('telemonitoring.dashboard.intro')}</Text>
      {(dashboard.data?.organisationIds ?? []).map((organisationId) => (
        <FollowTeam key={organisationId} organisationId={organisationId} />
      ))}
      {dashboard.isPending ? (
        <Loading label={t('common.loading')} />
      ) : dashboard.isError ? (
        <ErrorAlert error={dashboard.error} />
      ) : dashboard.data.patients.length === 0 ? (
        <Text role="status">{t('telemonitoring.dashboard.empty')}</Text>
      ) : (
        <>
          <section aria-labelledby="open-alerts">
            <Title order={2} size="h3" id="open-alerts" mb="sm">
              {t('telemonitoring.patient.alertsTitle')} ({open.length})
            </Title>
            <Stack gap="sm" aria-live="polite">
              {open.length === 0 ? <Text>{t('telemonitoring.patient.noAlerts')}</Text> : null}
              {open.map(({ alert, name }) => (
                <Stack key={alert.id} gap={4}>
                  <Anchor component={Link} to={TELEMONITORING_PATHS.patientOf(alert.patientId)} fw={700}>
                    {name}
                  </Anchor>
                  <AlertCard alert={alert} actions />
                </Stack>
              ))}
            </Stack>
          </section>
          <section aria-labelledby="patients-heading">
            <Group justify="space-between" align="flex-end" mb="sm">
              <Title order={2} size="h3" id="patients-heading">
                {t('telemonitoring.dashboard.patients')}
              </Title>
              <SegmentedControl
                aria-label={t('telemonitoring.dashboard.filter')}
                value={filter}
                onChange={(value) => setFilter(value as 'alerts' | 'all')}
                data={[
                  { value: 'all', label: t('telemonitoring.dashboard.filters.all') },
                  { value: 'alerts', label: t('telemonitoring.dashboard.filters.alerts') },
                ]}
              />
            </Group>
            <ResponsiveTable
              label={t('telemonitoring.dashboard.title')}
              minWidth={640}
              columns={columns}
              rows={patients}
              rowKey={(p) => p.patientId}
            />
          </section>
        </>
      )}
    </Stack>
  );
}

/** Follows the team's live topic: any alert raised or changed reloads the dashboard. */
function FollowTeam({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const reload = () => void queryClient.invalidateQueries({ queryKey: telemonitoringKeys.all });
  const live = useLiveTopic(`telemonitoring:${organisationId}`, { onEvent: reload, onResync: reload });
  if (live.status !== 'reconnecting') return null;
  return (
    <Text size="sm" role="status">
      {t('telemonitoring.dashboard.reconnecting')}
    </Text>
  );
}
