import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { useLiveTopic } from '../../realtime/useLiveTopic.js';
import { assistApi, assistKeys, type Measurement } from './api.js';
import { formatMeasurement } from './call/measurements.js';

/** One shared measurement as a list item: kind, value, who measured, when, and how. */
export function MeasurementItem({ measurement }: { measurement: Measurement }) {
  const { t, i18n } = useTranslation();
  const at = new Date(measurement.effectiveAt).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
  return (
    <Group component="li" gap="xs" wrap="wrap" data-measurement-kind={measurement.kind}>
      <Text fw={700}>{t(`teleconsultation.measurements.kinds.${measurement.kind}`)}</Text>
      <Text>{formatMeasurement(measurement, i18n.language)}</Text>
      <Text size="sm" c="dimmed">
        {at}
        {measurement.assistant.name ? ` — ${t('teleconsultation.measurements.by', { name: measurement.assistant.name })}` : ''}
      </Text>
      {measurement.source === 'bluetooth' ? (
        <Badge variant="light" color="blue.9">
          {t('teleconsultation.measurements.bluetoothSource')}
        </Badge>
      ) : null}
    </Group>
  );
}

/**
 * The measurements assistants shared in the call, for the practitioner: each appears as soon as it
 * is shared (the visit's assistance topic says so; the values are read through the audited route).
 */
export function MeasurementsPanel({ appointmentId, practitionerId }: { appointmentId: string; practitionerId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const measurements = useQuery({ queryKey: assistKeys.measurements(appointmentId), queryFn: () => assistApi.measurements(appointmentId) });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: assistKeys.measurements(appointmentId) });
    void queryClient.invalidateQueries({ queryKey: assistKeys.assistants(appointmentId) });
  };
  useLiveTopic(`visit-assistance:${appointmentId}:${practitionerId}`, { onEvent: refresh, onResync: refresh });
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="measurements-heading">
      <Title order={2} fz="h4" id="measurements-heading" mb="xs">
        {t('teleconsultation.measurements.title')}
      </Title>
      <ErrorAlert error={measurements.error} />
      <Stack
        gap={4}
        component="ul"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
        aria-live="polite"
        aria-label={t('teleconsultation.measurements.title')}
      >
        {measurements.data?.length === 0 ? (
          <Text component="li" size="sm" c="dimmed">
            {t('teleconsultation.measurements.none')}
          </Text>
        ) : null}
        {[...(measurements.data ?? [])].reverse().map((m) => (
          <MeasurementItem key={m.id} measurement={m} />
        ))}
      </Stack>
    </Paper>
  );
}
