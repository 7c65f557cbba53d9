import { Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { DEFAULT_QUESTIONNAIRE, indexItems, optionCodes, translated, type AnswerValue } from '@parcours/domain';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../../api/client.js';
import { todayInParis } from '../../components/today.js';
import { triageApi, triageKeys } from './api.js';

// White on these passes 4.5:1 (WCAG 1.4.3): Mantine's orange does not, hence a darker one.
const SEVERITY_COLOURS = { none: 'gray.8', moderate: '#9c3d00', high: 'red.9' } as const;
const DAYS = 14;

/**
 * Beside the agenda: the severity and flags the questionnaire found for the practitioner's next
 * appointments, most severe first.
 */
export function AgendaTriage() {
  const { t, i18n } = useTranslation();
  const from = todayInParis();
  const agenda = useQuery({
    queryKey: ['triage', 'agenda', from],
    queryFn: () => answer(api.GET('/api/v1/agenda', { params: { query: { from, days: DAYS } } })),
  });
  const ids = (agenda.data ?? []).filter((a) => a.status !== 'cancelled').map((a) => a.id);
  const orientations = useQuery({
    queryKey: triageKeys.appointments(ids),
    queryFn: () => triageApi.appointmentOrientations(ids),
    enabled: ids.length > 0,
  });
  const byId = new Map((agenda.data ?? []).map((a) => [a.id, a]));
  const rank = { high: 0, moderate: 1, none: 2 } as const;
  const shown = [...(orientations.data ?? [])].sort((a, b) => rank[a.orientation.severity] - rank[b.orientation.severity]);
  const when = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Paris',
  });
  return (
    <Stack component="section" aria-labelledby="agenda-triage-title" gap="sm" maw={960} mt="xl">
      <Title order={2} fz="h3" id="agenda-triage-title">
        {t('triage.agenda.title')}
      </Title>
      <Text size="sm">{t('triage.agenda.intro')}</Text>
      {shown.length === 0 && !orientations.isFetching ? <Text c="dimmed">{t('triage.agenda.none')}</Text> : null}
      {shown.map((item) => {
        const appointment = byId.get(item.appointmentId);
        return (
          <Card key={item.id} withBorder padding="sm" data-testid="agenda-triage">
            <Group justify="space-between" wrap="wrap">
              <Text fw={700}>
                {appointment ? `${when.format(new Date(appointment.startsAt))} — ${appointment.patient.name}` : item.appointmentId}
              </Text>
              <Badge color={SEVERITY_COLOURS[item.orientation.severity]} size="lg">
                {t('triage.agenda.severity', { severity: t(`triage.severity.${item.orientation.severity}`) })}
              </Badge>
            </Group>
            <Group gap="xs" mt="xs">
              <Badge variant="outline" color="gray.8">
                {t(`triage.outcome.${item.orientation.outcome}`)}
              </Badge>
              {item.orientation.flags.map((flag) => (
                <Badge key={flag} variant="outline" color="blue.9">
                  {t(`triage.flags.${flag}`, { defaultValue: flag })}
                </Badge>
              ))}
            </Group>
            <details>
              <summary>
                <Text component="span" size="sm">
                  {t('triage.agenda.answers')}
                </Text>
              </summary>
              <List size="sm" mt={4}>
                {Object.entries(item.answers).map(([linkId, value]) => (
                  <List.Item key={linkId}>{answerLine(linkId, value, i18n.language === 'en' ? 'en' : 'fr', t)}</List.Item>
                ))}
              </List>
            </details>
          </Card>
        );
      })}
    </Stack>
  );
}

/** "Question: answer", in the reader's language, from the default questionnaire's wording (a copy's own questions by their linkId). */
function answerLine(linkId: string, value: AnswerValue, language: 'fr' | 'en', t: (key: string) => string): string {
  const item = indexItems(DEFAULT_QUESTIONNAIRE).byLinkId.get(linkId);
  const question = (item && translated(item, 'text', language)) ?? linkId;
  let shown = String(value);
  if (typeof value === 'boolean') shown = value ? t('triage.yes') : t('triage.no');
  else if (item && typeof value === 'string' && optionCodes(item).includes(value)) {
    const option = item.answerOption?.find((o) => o.valueCoding?.code === value)?.valueCoding;
    shown = (option && translated(option, 'display', language)) ?? value;
  }
  return `${question} ${shown}`;
}
