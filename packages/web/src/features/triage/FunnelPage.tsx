import { Card, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { useAccount } from '../identity/RequireSession.js';
import { triageApi } from './api.js';
import { abandonFigures, outcomeFigures, stageFigures } from './funnel.js';

// The charts come with their library when first shown: pages without charts do not carry it.
const FunnelCharts = lazy(() => import('./FunnelCharts.js'));

/** Periods offered, in days. */
const PERIODS = ['7', '30', '90', '365'] as const;

/**
 * Where the organisation's questionnaire runs end: started, oriented (where), booked, seen,
 * reoriented after the call, or left at a screen — counts only, no answer and no patient.
 */
export function FunnelPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const administered = me.memberships.filter((membership) => membership.role === 'admin');
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [days, setDays] = useState<(typeof PERIODS)[number]>('30');
  const organisationId = chosen ?? administered[0]?.organisationId;
  return (
    <Stack gap="md">
      <PageTitle>{t('triage.statistics.title')}</PageTitle>
      <Text>{t('triage.statistics.intro')}</Text>
      <Group align="end" gap="md">
        {administered.length > 1 ? (
          <NativeSelect
            label={t('triage.editor.organisation')}
            value={organisationId}
            onChange={(event) => setChosen(event.currentTarget.value)}
            data={administered.map((m) => ({ value: m.organisationId, label: m.organisationName }))}
            maw={440}
          />
        ) : null}
        <Stack gap={4}>
          <Text id="funnel-period" size="sm" fw={500}>
            {t('triage.statistics.period')}
          </Text>
          <SegmentedControl
            aria-labelledby="funnel-period"
            value={days}
            onChange={(value) => setDays(value as (typeof PERIODS)[number])}
            data={PERIODS.map((value) => ({ value, label: t('triage.statistics.days', { count: Number(value) }) }))}
          />
        </Stack>
      </Group>
      {organisationId ? <Funnel organisationId={organisationId} days={Number(days)} /> : <Text>{t('triage.editor.none')}</Text>}
    </Stack>
  );
}

function Funnel({ organisationId, days }: { organisationId: string; days: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fr';
  const funnel = useQuery({
    queryKey: ['triage', 'statistics', organisationId, days],
    queryFn: () => triageApi.statistics(organisationId, days),
  });
  // The screens' titles name the steps where runs were left.
  const copy = useQuery({ queryKey: ['triage', 'copy', organisationId], queryFn: () => triageApi.copy(organisationId) });
  if (funnel.isPending) return <Loading label={t('triage.loading')} />;
  if (funnel.isError) return <ErrorAlert error={funnel.error} />;
  const stages = stageFigures(funnel.data);
  const outcomes = outcomeFigures(funnel.data);
  const abandons = abandonFigures(funnel.data, copy.data?.triage.questionnaire, language);
  const percent = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', { style: 'percent', maximumFractionDigits: 0 });
  if ((funnel.data.runs.started ?? 0) === 0) return <Text>{t('triage.statistics.empty')}</Text>;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} component="dl" m={0}>
        {stages.map(({ stage, runs, share }) => (
          <Card key={stage} withBorder padding="sm">
            <Text component="dt" size="sm" c="dimmed">
              {t(`triage.statistics.stage.${stage}`)}
            </Text>
            <Text component="dd" m={0} fz="xl" fw={700}>
              {runs}
              {stage === 'started' ? null : (
                <Text span size="sm" fw={400} c="dimmed">
                  {' '}
                  ({percent.format(share)})
                </Text>
              )}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <Suspense fallback={<Loading label={t('common.loading')} />}>
        <FunnelCharts
          outcomes={outcomes.map(({ outcome, runs }) => ({ label: t(`triage.outcome.${outcome}`), runs }))}
          abandons={abandons.map(({ label, runs }) => ({ label, runs }))}
        />
      </Suspense>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('triage.statistics.abandonsTitle')}
        </Title>
        <ResponsiveTable
          label={t('triage.statistics.abandonsTitle')}
          minWidth={360}
          rows={abandons}
          rowKey={(row) => row.step}
          columns={[
            { key: 'step', header: t('triage.statistics.step'), cell: (row) => row.label, primary: true },
            { key: 'runs', header: t('triage.statistics.runs'), cell: (row) => row.runs },
          ]}
        />
      </Stack>
    </Stack>
  );
}
