import { Badge, Button, Card, Group, Modal, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useLiveTopic } from '../../realtime/useLiveTopic.js';
import { useAccount } from '../identity/RequireSession.js';
import { SCHEDULING_PATHS } from '../scheduling/paths.js';
import { teleconsultationApi, teleconsultationKeys, type WaitingPatient } from './api.js';
import { ConnectivityBadge } from './ConnectivityCheck.js';
import { TELECONSULTATION_PATHS } from './paths.js';

// White on these passes 4.5:1 (the triage feature's colours).
const SEVERITY_COLOURS = { none: 'gray.8', moderate: '#9c3d00', high: 'red.9' } as const;
const TONE = { waiting: 'info', postponed: 'warning', admitted: 'positive' } as const;

/** The practitioner's waiting room: who waits, since when, the questionnaire's severity and flags; admit, postpone, cancel. Live. */
export function WaitingRoomPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const queryClient = useQueryClient();
  const room = useQuery({ queryKey: teleconsultationKeys.waitingRoom, queryFn: teleconsultationApi.waitingRoom });
  const refresh = () => queryClient.invalidateQueries({ queryKey: teleconsultationKeys.waitingRoom });
  const live = useLiveTopic(`waiting-room:${me.id}`, { onEvent: refresh, onResync: refresh });
  // What changed between the first load and the topic's confirmation would be missed: load again once followed.
  useEffect(() => {
    if (live.status === 'live') void queryClient.invalidateQueries({ queryKey: teleconsultationKeys.waitingRoom });
  }, [live.status, queryClient]);
  return (
    <Stack gap="md" maw={960}>
      <PageTitle>{t('teleconsultation.room.title')}</PageTitle>
      <Text>{t('teleconsultation.room.intro')}</Text>
      {room.isPending ? (
        <Loading label={t('common.loading')} />
      ) : room.isError ? (
        <ErrorAlert error={room.error} />
      ) : room.data.patients.length === 0 ? (
        <Text role="status">{t('teleconsultation.room.none')}</Text>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {room.data.patients.map((patient) => (
            <li key={patient.appointmentId}>
              <WaitingCard patient={patient} />
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function WaitingCard({ patient }: { patient: WaitingPatient }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'postpone' | 'cancel' | null>(null);
  const time = (iso: string) =>
    new Date(iso).toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'fr-FR', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Paris',
    });
  const admit = useMutation({
    mutationFn: () => teleconsultationApi.admit(patient.appointmentId),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: teleconsultationKeys.all });
      void navigate(TELECONSULTATION_PATHS.callOf(patient.appointmentId));
    },
  });
  const name = patient.patient.name;
  return (
    <Card
      withBorder
      padding="md"
      component="article"
      aria-label={name}
      data-testid="waiting-patient"
      data-appointment-id={patient.appointmentId}
    >
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={2}>
          <Text fw={700}>{name}</Text>
          <Text size="sm">
            {t('teleconsultation.room.slot', { time: time(patient.startsAt) })} ·{' '}
            {t('teleconsultation.room.since', { time: time(patient.checkedInAt) })}
          </Text>
          {patient.postponedUntil ? (
            <Text size="sm">{t('teleconsultation.room.postponedUntil', { time: time(patient.postponedUntil) })}</Text>
          ) : null}
        </Stack>
        <StatusBadge tone={TONE[patient.state]}>{t(`teleconsultation.states.${patient.state}`)}</StatusBadge>
      </Group>
      <Group gap="xs" mt="xs">
        <ConnectivityBadge appointmentId={patient.appointmentId} />
        {patient.triage ? (
          <>
            <Badge color={SEVERITY_COLOURS[patient.triage.severity]}>
              {t('teleconsultation.room.severity', { severity: t(`triage.severity.${patient.triage.severity}`) })}
            </Badge>
            {patient.triage.flags.map((flag) => (
              <Badge key={flag} variant="outline" color="blue.9">
                {t(`triage.flags.${flag}`, { defaultValue: flag })}
              </Badge>
            ))}
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('teleconsultation.room.noTriage')}
          </Text>
        )}
      </Group>
      <ErrorAlert error={admit.error} />
      <Group gap="xs" mt="sm">
        {patient.state === 'admitted' ? (
          <Button component={Link} to={TELECONSULTATION_PATHS.callOf(patient.appointmentId)}>
            {t('teleconsultation.room.joinCall')}
          </Button>
        ) : (
          <Button onClick={() => admit.mutate()} loading={admit.isPending} aria-label={`${t('teleconsultation.room.admit')} — ${name}`}>
            {t('teleconsultation.room.admit')}
          </Button>
        )}
        <Button variant="default" onClick={() => setDialog('postpone')} aria-label={`${t('teleconsultation.room.postpone')} — ${name}`}>
          {t('teleconsultation.room.postpone')}
        </Button>
        {patient.state !== 'admitted' ? (
          <Button
            variant="outline"
            color="red.9"
            onClick={() => setDialog('cancel')}
            aria-label={`${t('teleconsultation.room.cancel')} — ${name}`}
          >
            {t('teleconsultation.room.cancel')}
          </Button>
        ) : null}
        <Button component={Link} to={SCHEDULING_PATHS.appointmentOf(patient.appointmentId)} variant="subtle">
          {t('teleconsultation.room.openAppointment')}
        </Button>
      </Group>
      {dialog ? <DecisionDialog kind={dialog} patient={patient} onClose={() => setDialog(null)} /> : null}
    </Card>
  );
}

/** Postpone (by how many minutes, with a word to the patient) or cancel (with a word), after confirming. */
function DecisionDialog({ kind, patient, onClose }: { kind: 'postpone' | 'cancel'; patient: WaitingPatient; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [minutes, setMinutes] = useState<number | string>(10);
  const [notice, setNotice] = useState('');
  const decide = useMutation({
    mutationFn: () => {
      const said = notice.trim() ? { notice: notice.trim() } : {};
      return kind === 'postpone'
        ? teleconsultationApi.postpone(patient.appointmentId, { minutes: Number(minutes), ...said })
        : teleconsultationApi.cancel(patient.appointmentId, said);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: teleconsultationKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('teleconsultation.room.close') }}
      title={t(kind === 'postpone' ? 'teleconsultation.room.postponeTitle' : 'teleconsultation.room.cancelTitle')}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          decide.mutate();
        }}
      >
        <Stack gap="sm">
          <Text fw={700}>{patient.patient.name}</Text>
          {kind === 'postpone' ? (
            <NumberInput label={t('teleconsultation.room.minutes')} min={5} max={120} step={5} value={minutes} onChange={setMinutes} />
          ) : null}
          <Textarea
            label={t('teleconsultation.room.notice')}
            maxLength={500}
            autosize
            minRows={2}
            value={notice}
            onChange={(e) => setNotice(e.currentTarget.value)}
          />
          <ErrorAlert error={decide.error} />
          <Group>
            <Button type="submit" color={kind === 'cancel' ? 'red.9' : undefined} loading={decide.isPending}>
              {t(kind === 'postpone' ? 'teleconsultation.room.confirmPostpone' : 'teleconsultation.room.confirmCancel')}
            </Button>
            <Button variant="default" onClick={onClose}>
              {t(kind === 'postpone' ? 'teleconsultation.room.close' : 'teleconsultation.room.keep')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
