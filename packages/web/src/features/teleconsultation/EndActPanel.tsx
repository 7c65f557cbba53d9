import { Button, Paper, Radio, Stack, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { teleconsultationApi, teleconsultationKeys, type EndRequest } from './api.js';

/** The practitioner ends the act: completed, reoriented (not billed) or interrupted, with a technical incident if any. */
export function EndActPanel({
  appointmentId,
  beforeEnd,
  onEnded,
}: {
  appointmentId: string;
  beforeEnd: () => Promise<unknown>;
  onEnded: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<EndRequest['outcome']>('completed');
  const [incident, setIncident] = useState('');
  const end = useMutation({
    mutationFn: async () => {
      // The quality measured so far goes with the act's end, for the report.
      await beforeEnd();
      return teleconsultationApi.end(appointmentId, { outcome, ...(incident.trim() ? { incidentNote: incident.trim() } : {}) });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: teleconsultationKeys.all });
      onEnded();
    },
  });
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="end-heading">
      <Title order={2} fz="h4" id="end-heading" mb="xs">
        {t('teleconsultation.end.title')}
      </Title>
      <Stack gap="sm">
        <Radio.Group
          label={t('teleconsultation.end.outcome')}
          value={outcome}
          onChange={(value) => setOutcome(value as EndRequest['outcome'])}
        >
          <Stack gap={6} mt={6}>
            {(['completed', 'reoriented', 'interrupted'] as const).map((value) => (
              <Radio key={value} value={value} label={t(`teleconsultation.end.${value}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          label={t('teleconsultation.end.incident')}
          description={t('teleconsultation.end.incidentHint')}
          autosize
          minRows={2}
          maxLength={2000}
          value={incident}
          onChange={(event) => setIncident(event.currentTarget.value)}
        />
        <ErrorAlert error={end.error} />
        <Button color="red.9" onClick={() => end.mutate()} loading={end.isPending}>
          {t('teleconsultation.end.submit')}
        </Button>
      </Stack>
    </Paper>
  );
}
