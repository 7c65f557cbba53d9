import { List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../components/StatusBadge.js';
import type { SymptomReport } from './api.js';
import { formatters, LEVEL_TONE } from './format.js';

/** The symptom questionnaires of the period, for the care team: when, the grade, what it was made of. */
export function SymptomReports({ reports }: { reports: readonly SymptomReport[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fr';
  const format = formatters(i18n.language);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="symptom-reports-heading">
      <Stack gap="xs">
        <Title order={2} size="h3" id="symptom-reports-heading">
          {t('telemonitoring.symptoms.reportsTitle')}
        </Title>
        {reports.length === 0 ? <Text>{t('telemonitoring.symptoms.noReports')}</Text> : null}
        <List spacing="xs" listStyleType="none" p={0}>
          {reports.map((report) => (
            <List.Item key={report.identifier} data-testid="symptom-report">
              <Text fw={700} component="span">
                {format.dateTime(report.answeredAt)}
              </Text>{' '}
              <StatusBadge tone={report.level ? LEVEL_TONE[report.level] : 'neutral'}>
                {t('telemonitoring.symptoms.grade', { grade: report.grade })}
              </StatusBadge>
              {report.findings.length ? (
                <List size="sm" withPadding>
                  {report.findings.map((finding) => (
                    <List.Item key={finding.symptom}>{finding.message[language]}</List.Item>
                  ))}
                </List>
              ) : (
                <Text size="sm">{t('telemonitoring.symptoms.noSymptom')}</Text>
              )}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Paper>
  );
}
