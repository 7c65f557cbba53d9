import { Alert, Badge, Button, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { teleconsultationApi, teleconsultationKeys } from './api.js';
import { checkConnectivity, type ConnectivityResult } from './call/connectivity.js';

const TONE = { direct: 'green.9', relay: 'blue.9', none: 'red.9' } as const;

/**
 * The connectivity check: direct, TURN over UDP, TURN over TLS, with the ICE servers the server
 * hands out; plain advice on what to try. For an appointment, the result goes to its practitioner,
 * who sees it in the waiting room before admitting.
 */
export function ConnectivityCheck({ appointmentId }: { appointmentId?: string }) {
  const { t } = useTranslation();
  const check = useMutation({
    mutationFn: async (): Promise<ConnectivityResult & { reported: boolean }> => {
      const { iceServers } = await teleconsultationApi.iceServers();
      const result = await checkConnectivity(iceServers);
      if (appointmentId) {
        const { reachable: _computedByServer, ...report } = result;
        await teleconsultationApi.reportConnectivity(appointmentId, report);
      }
      return { ...result, reported: Boolean(appointmentId) };
    },
  });
  const path = (label: string, works: boolean | null) =>
    `${t(label)} : ${t(works === null ? 'teleconsultation.check.notConfigured' : works ? 'teleconsultation.check.works' : 'teleconsultation.check.fails')}`;
  const result = check.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="connectivity-heading">
      <Title order={2} fz="h4" id="connectivity-heading" mb="xs">
        {t('teleconsultation.check.title')}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{t('teleconsultation.check.intro')}</Text>
        <div>
          <Button variant="default" onClick={() => check.mutate()} loading={check.isPending}>
            {t(result ? 'teleconsultation.check.again' : 'teleconsultation.check.start')}
          </Button>
        </div>
        <div role="status" aria-live="polite" data-testid="connectivity-result">
          {check.isPending ? <Text size="sm">{t('teleconsultation.check.running')}</Text> : null}
          {result && !check.isPending ? (
            <Stack gap="xs">
              <List size="sm">
                <List.Item>{path('teleconsultation.check.direct', result.direct)}</List.Item>
                <List.Item>{path('teleconsultation.check.turnUdp', result.turnUdp)}</List.Item>
                <List.Item>{path('teleconsultation.check.turnTls', result.turnTls)}</List.Item>
              </List>
              <Alert color={TONE[result.reachable]} variant="light" title={t(`teleconsultation.check.reachable.${result.reachable}`)}>
                {t(`teleconsultation.check.advice.${result.reachable}`)}
              </Alert>
              {result.reported ? <Text size="sm">{t('teleconsultation.check.reported')}</Text> : null}
            </Stack>
          ) : null}
        </div>
        <ErrorAlert error={check.error} />
      </Stack>
    </Paper>
  );
}

/** For the practitioner, on a waiting patient's card: the patient's last check ("joignable : direct / relais / non"), live with the waiting room. */
export function ConnectivityBadge({ appointmentId }: { appointmentId: string }) {
  const { t, i18n } = useTranslation();
  const check = useQuery({
    queryKey: teleconsultationKeys.connectivity(appointmentId),
    queryFn: () => teleconsultationApi.connectivity(appointmentId),
  });
  if (!check.data) return null;
  const result = check.data.check;
  if (!result) {
    return (
      <Badge variant="outline" color="gray.8" data-testid="connectivity">
        {t('teleconsultation.check.notChecked')}
      </Badge>
    );
  }
  const time = new Date(result.checkedAt).toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'fr-FR', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Paris',
  });
  return (
    <Badge color={TONE[result.reachable]} data-testid="connectivity">
      {t(`teleconsultation.check.reachable.${result.reachable}`)} ({t('teleconsultation.check.checkedAt', { time })})
    </Badge>
  );
}
