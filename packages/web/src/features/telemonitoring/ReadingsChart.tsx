import '@mantine/charts/styles.css';
import { LineChart, type ChartReferenceLineProps } from '@mantine/charts';
import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../components/ScrollTable.js';
import type { Enrolment, Reading, ReadingKind } from './api.js';
import { formatters, LEVEL_COLOR, readingText } from './format.js';

/** The threshold lines the patient's rules draw on a kind's chart (a rule's bounds, a reference). */
export function thresholdsOf(enrolments: readonly Enrolment[], kind: ReadingKind) {
  const lines = enrolments
    .filter((e) => !e.endedAt)
    .flatMap((e) => e.rules.filter((rule) => rule.enabled && rule.reading === kind).flatMap((rule) => rule.lines));
  const seen = new Set<string>();
  return lines.filter((line) => {
    const key = `${line.value}:${line.level}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A kind's readings over time on a time axis, with the thresholds of the patient's rules and the
 * readings that were evidence of an alert marked. The values are also offered as a table: a chart
 * alone says nothing to a screen reader.
 */
export function ReadingsChart({
  kind,
  readings,
  enrolments,
}: {
  kind: ReadingKind;
  readings: readonly Reading[];
  enrolments: readonly Enrolment[];
}) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const name = t(`telemonitoring.kinds.${kind}`);
  const unit = t(`telemonitoring.units.${kind}`);
  const headingId = `chart-${kind}`;
  const pressure = kind === 'bloodPressure';
  const flagged = (r: Reading) => r.interpretation !== null && r.interpretation !== 'N';
  const data = readings.map((r) => ({
    at: Date.parse(r.at),
    ...(pressure ? { systolic: r.systolic, diastolic: r.diastolic } : { value: r.value }),
    flagged: flagged(r) ? (pressure ? r.systolic : r.value) : null,
  }));
  const referenceLines: ChartReferenceLineProps[] = thresholdsOf(enrolments, kind).map((line) => ({
    y: line.value,
    color: LEVEL_COLOR[line.level],
    label: `${t(`telemonitoring.chart.thresholds.${line.level}`)} ${format.number(line.value)}`,
    labelPosition: 'insideTopRight',
    strokeDasharray: '6 4',
  }));
  const values = readings.flatMap((r) => (pressure ? [r.systolic ?? 0, r.diastolic ?? 0] : [r.value ?? 0]));
  const bounds = [...values, ...referenceLines.map((line) => Number(line.y))];
  const span = Math.max(...bounds) - Math.min(...bounds) || 1;
  const last = readings.at(-1);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={3} size="h4" id={headingId}>
          {name}
          {unit ? ` (${unit})` : ''}
        </Title>
        {last ? (
          <Text size="sm">
            {t('telemonitoring.chart.last', { value: `${readingText(last, format.number)} ${unit}`.trim(), at: format.dateTime(last.at) })}
          </Text>
        ) : (
          <Text size="sm">{t('telemonitoring.chart.none')}</Text>
        )}
        {readings.length > 0 ? (
          <div role="img" aria-label={t('telemonitoring.chart.label', { kind: name })}>
            <LineChart
              h={220}
              data={data}
              dataKey="at"
              series={[
                ...(pressure
                  ? [
                      { name: 'systolic', label: t('telemonitoring.chart.systolic'), color: 'parcours.8' },
                      { name: 'diastolic', label: t('telemonitoring.chart.diastolic'), color: 'teal.9' },
                    ]
                  : [{ name: 'value', label: name, color: 'parcours.8' }]),
                { name: 'flagged', label: t('telemonitoring.chart.flagged'), color: 'red.9' },
              ]}
              lineProps={(series) =>
                series.name === 'flagged' ? { strokeWidth: 0, dot: { r: 5, fill: 'var(--mantine-color-red-9)' } } : {}
              }
              connectNulls
              curveType="linear"
              referenceLines={referenceLines}
              xAxisProps={{
                type: 'number',
                scale: 'time',
                domain: ['dataMin', 'dataMax'],
                tickFormatter: (at: number) => format.day(at),
              }}
              yAxisProps={{ domain: [Math.floor(Math.min(...bounds) - span * 0.1), Math.ceil(Math.max(...bounds) + span * 0.1)] }}
              valueFormatter={(value) => format.number(value)}
              tooltipProps={{ labelFormatter: (at: number) => format.dateTime(at) }}
              withLegend={pressure}
            />
          </div>
        ) : null}
        {readings.length > 0 ? (
          <details>
            <summary>{t('telemonitoring.chart.table')}</summary>
            <ScrollTable label={name} minWidth={320}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('telemonitoring.chart.when')}</Table.Th>
                  <Table.Th scope="col">{t('telemonitoring.chart.value')}</Table.Th>
                  <Table.Th scope="col">{t('telemonitoring.chart.interpretation')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...readings].reverse().map((r) => (
                  <Table.Tr key={r.identifier}>
                    <Table.Td>{format.dateTime(r.at)}</Table.Td>
                    <Table.Td>{`${readingText(r, format.number)} ${unit}`.trim()}</Table.Td>
                    <Table.Td>{flagged(r) ? r.interpretation : ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          </details>
        ) : null}
      </Stack>
    </Paper>
  );
}
