import { Alert, Anchor, Button, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useLiveTopic } from '../../realtime/useLiveTopic.js';
import { SCHEDULING_PATHS } from '../scheduling/paths.js';
import { teleconsultationApi, teleconsultationKeys, type Visit } from './api.js';
import { ConnectivityCheck } from './ConnectivityCheck.js';
import { ConsentStep } from './ConsentStep.js';
import { DeviceTest } from './DeviceTest.js';
import { TELECONSULTATION_PATHS } from './paths.js';

const TONE = {
  'not-checked-in': 'neutral',
  waiting: 'info',
  postponed: 'warning',
  admitted: 'positive',
  cancelled: 'negative',
  ended: 'neutral',
} as const;

/**
 * The patient's waiting room for one appointment: check in from 15 minutes before, test the camera
 * and microphone, follow the practitioner's admit, postpone or cancel live (no reload), consent, enter.
 */
export function VisitPage() {
  const { t, i18n } = useTranslation();
  const { appointmentId = '' } = useParams();
  const queryClient = useQueryClient();
  const key = teleconsultationKeys.visit(appointmentId);
  const now = useNow();
  const visit = useQuery({ queryKey: key, queryFn: () => teleconsultationApi.visit(appointmentId), refetchInterval: 60_000 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const live = useLiveTopic(visit.data ? `patient-visits:${visit.data.patientId}` : null, { onEvent: refresh, onResync: refresh });
  // What changed between the first load and the topic's confirmation would be missed: load again once followed.
  useEffect(() => {
    if (live.status === 'live') void queryClient.invalidateQueries({ queryKey: teleconsultationKeys.visit(appointmentId) });
  }, [live.status, queryClient, appointmentId]);
  const checkIn = useMutation({
    mutationFn: () => teleconsultationApi.checkIn(appointmentId),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
  const time = (iso: string) =>
    new Date(iso).toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'fr-FR', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Paris',
    });
  const day = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'fr-FR', {
      dateStyle: 'full',
      timeStyle: 'short',
      timeZone: 'Europe/Paris',
    });

  return (
    <Stack gap="md" maw={860}>
      <PageTitle>{t('teleconsultation.visit.title')}</PageTitle>
      <Anchor component={Link} to={SCHEDULING_PATHS.mine}>
        {t('teleconsultation.visit.back')}
      </Anchor>
      {visit.isPending ? (
        <Loading label={t('common.loading')} />
      ) : visit.isError ? (
        <ErrorAlert error={visit.error} />
      ) : (
        <>
          <Paper withBorder p="md">
            <Stack gap="xs">
              <Text fw={700}>
                {t('teleconsultation.visit.with', { name: visit.data.practitioner.name, when: day(visit.data.startsAt) })}
              </Text>
              <div>
                <StatusBadge tone={TONE[visit.data.state]}>{t(`teleconsultation.states.${visit.data.state}`)}</StatusBadge>
              </div>
              <div role="status" aria-live="polite" data-testid="visit-state">
                <StateMessage visit={visit.data} time={time} now={now} />
              </div>
              <Text size="sm" c="dimmed">
                {t('teleconsultation.visit.live')}
              </Text>
              {visit.data.state === 'not-checked-in' && now >= Date.parse(visit.data.checkInOpensAt) ? (
                <>
                  <Text size="sm">{t('teleconsultation.visit.checkInHint')}</Text>
                  <ErrorAlert error={checkIn.error} />
                  <div>
                    <Button onClick={() => checkIn.mutate()} loading={checkIn.isPending}>
                      {t('teleconsultation.visit.checkIn')}
                    </Button>
                  </div>
                </>
              ) : null}
            </Stack>
          </Paper>
          {visit.data.state === 'admitted' ? (
            <ConsentStep patientId={visit.data.patientId}>
              <div>
                <Button component={Link} to={TELECONSULTATION_PATHS.callOf(appointmentId)} size="md">
                  {t('teleconsultation.visit.enter')}
                </Button>
              </div>
            </ConsentStep>
          ) : null}
          {visit.data.state !== 'cancelled' && visit.data.state !== 'ended' ? (
            <>
              <DeviceTest />
              <ConnectivityCheck appointmentId={appointmentId} />
            </>
          ) : null}
        </>
      )}
    </Stack>
  );
}

/** The clock, read every half-minute: the check-in opens on its own at its time. */
function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

function StateMessage({ visit, time, now }: { visit: Visit; time: (iso: string) => string; now: number }) {
  const { t } = useTranslation();
  switch (visit.state) {
    case 'not-checked-in':
      return now < Date.parse(visit.checkInOpensAt) ? (
        <Text>{t('teleconsultation.visit.opensAt', { time: time(visit.checkInOpensAt) })}</Text>
      ) : null;
    case 'waiting':
      return (
        <Text>
          {t('teleconsultation.visit.waiting')}{' '}
          {visit.estimatedWaitMinutes
            ? t('teleconsultation.visit.wait', { count: visit.estimatedWaitMinutes })
            : t('teleconsultation.visit.waitNow')}
        </Text>
      );
    case 'postponed':
      return (
        <Stack gap={4}>
          <Text>{t('teleconsultation.visit.postponed', { time: time(visit.postponedUntil ?? visit.startsAt) })}</Text>
          {visit.notice ? <Text>{t('teleconsultation.visit.notice', { notice: visit.notice })}</Text> : null}
          {visit.estimatedWaitMinutes ? <Text>{t('teleconsultation.visit.wait', { count: visit.estimatedWaitMinutes })}</Text> : null}
        </Stack>
      );
    case 'admitted':
      return <Text fw={700}>{t('teleconsultation.visit.admitted')}</Text>;
    case 'cancelled':
      return (
        <Alert color="red.9" variant="light">
          {t('teleconsultation.visit.cancelled')}
          {visit.notice ? ` ${t('teleconsultation.visit.notice', { notice: visit.notice })}` : ''}
        </Alert>
      );
    case 'ended':
      return <Text>{t('teleconsultation.visit.ended')}</Text>;
  }
}
