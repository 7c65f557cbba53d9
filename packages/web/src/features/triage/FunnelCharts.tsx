import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { SimpleGrid, Stack, Title, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

interface Bar {
  label: string;
  runs: number;
}

/**
 * Where the runs were oriented, and where they were left, as bars. Loaded apart: the charting
 * library is large. Each chart carries its figures as a list for screen readers (the page's table
 * gives the abandons too).
 */
export default function FunnelCharts({ outcomes, abandons }: { outcomes: Bar[]; abandons: Bar[] }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <Chart title={t('triage.statistics.outcomesTitle')} bars={outcomes} color="teal.7" />
      <Chart title={t('triage.statistics.abandonsTitle')} bars={abandons} color="orange.8" />
    </SimpleGrid>
  );
}

function Chart({ title, bars, color }: { title: string; bars: Bar[]; color: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Stack gap="xs" component="figure" m={0} aria-labelledby={titleId}>
      <Title order={2} size="h4" id={titleId}>
        {title}
      </Title>
      <div aria-hidden="true">
        <BarChart
          h={260}
          data={bars}
          dataKey="label"
          orientation="vertical"
          yAxisProps={{ width: 150 }}
          series={[{ name: 'runs', label: t('triage.statistics.runs'), color }]}
          withTooltip={false}
          withBarValueLabel
        />
      </div>
      <VisuallyHidden>
        <ul>
          {bars.map((bar) => (
            <li key={bar.label}>
              {bar.label} — {bar.runs}
            </li>
          ))}
        </ul>
      </VisuallyHidden>
    </Stack>
  );
}
