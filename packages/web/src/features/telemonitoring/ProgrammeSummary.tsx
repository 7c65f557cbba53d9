import { List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Enrolment } from './api.js';
import { formatters } from './format.js';

/** A patient's live programmes: since when, until when, what to send how often. */
export function ProgrammeSummary({ enrolments, title }: { enrolments: readonly Enrolment[]; title: string }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const cadence = (hours: number) =>
    hours === 24
      ? t('telemonitoring.mine.everyDay')
      : hours === 168
        ? t('telemonitoring.mine.everyWeek')
        : t('telemonitoring.mine.everyHours', { hours });
  const live = enrolments.filter((e) => !e.endedAt);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="programme-heading">
      <Stack gap="xs">
        <Title order={2} size="h3" id="programme-heading">
          {title}
        </Title>
        <List spacing="xs">
          {live.map((enrolment) => (
            <List.Item key={enrolment.id}>
              <Text fw={700}>{t(`telemonitoring.programme.${enrolment.programme}`)}</Text>
              <Text size="sm">
                {t('telemonitoring.mine.since', { start: format.date(enrolment.startsAt), end: format.date(enrolment.endsAt) })}
              </Text>
              <Text size="sm">
                {t('telemonitoring.mine.expected', {
                  what: enrolment.expected
                    .map((x) => `${t(`telemonitoring.kinds.${x.reading}`).toLowerCase()} ${cadence(x.everyHours)}`)
                    .join(' ; '),
                })}
              </Text>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Paper>
  );
}
