import { Badge, Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiProblem } from '../../api/problem.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert, ProblemAlert } from '../../components/ProblemAlert.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { todayInParis } from '../../components/today.js';
import { useLiveTopic } from '../../realtime/useLiveTopic.js';
import { useAccount } from '../identity/RequireSession.js';
import { schedulingApi, schedulingKeys, type Appointment, type Modality, type StatusChange } from './api.js';
import { CancelDialog, STATUS_TONE } from './MyAppointmentsPage.js';
import { SCHEDULING_PATHS } from './paths.js';
import { addDays, dayIn, formatters } from './time.js';

/** One colour per modality, with its name beside it (never the colour alone). */
const MODALITY_COLOUR: Record<Modality, string> = { video: 'blue.9', phone: 'teal.9', 'in-person': 'grape.9' };

/** What may follow each status, from the practitioner's side (the server's transitions). */
const NEXT: Partial<Record<Appointment['status'], StatusChange[]>> = {
  booked: ['checked-in', 'in-progress', 'no-show'],
  'checked-in': ['in-progress', 'no-show'],
  'in-progress': ['completed'],
};

/** The actions the server accepts now: a no-show is only known once the appointment's time has come. */
export function actionsAt(appointment: Pick<Appointment, 'status' | 'startsAt'>, at: number): StatusChange[] {
  const next = NEXT[appointment.status] ?? [];
  return Date.parse(appointment.startsAt) <= at ? next : next.filter((status) => status !== 'no-show');
}

/** The time now, read again until `at` (an appointment's start) has come, so that what it allows appears then. */
function useNow(at: number): number {
  const [current, setCurrent] = useState(() => Date.now());
  useEffect(() => {
    if (at <= current) return;
    // At most a minute at a time: a device asleep meanwhile wakes to the right time.
    const timer = setTimeout(() => setCurrent(Date.now()), Math.min(at - current + 50, 60_000));
    return () => clearTimeout(timer);
  }, [at, current]);
  return current;
}

/** The practitioner's agenda, day or week, every organisation; it follows bookings and cancellations live. */
export function AgendaPage() {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const me = useAccount();
  const queryClient = useQueryClient();
  const [view, setView] = useState<'day' | 'week'>('day');
  const [from, setFrom] = useState(todayInParis());
  const days = view === 'day' ? 1 : 7;
  const agenda = useQuery({ queryKey: schedulingKeys.agenda(from, days), queryFn: () => schedulingApi.agenda(from, days) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['scheduling', 'agenda'] });
  const live = useLiveTopic(`agenda:${me.id}`, { onEvent: refresh, onResync: refresh });
  const byDay = new Map<string, Appointment[]>();
  for (const appointment of agenda.data ?? []) {
    const day = dayIn(appointment.startsAt, appointment.timeZone);
    byDay.set(day, [...(byDay.get(day) ?? []), appointment]);
  }
  return (
    <Stack gap="md" maw={960}>
      <PageTitle>{t('scheduling.agenda.title')}</PageTitle>
      <Text>{t('scheduling.agenda.intro')}</Text>
      <Button component={Link} to={SCHEDULING_PATHS.forPatient} variant="light" w="fit-content">
        {t('scheduling.agenda.forPatient')}
      </Button>
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs">
          <Button variant="default" onClick={() => setFrom(addDays(from, -days))}>
            {t('scheduling.agenda.previous')}
          </Button>
          <Button variant="default" onClick={() => setFrom(todayInParis())}>
            {t('scheduling.agenda.today')}
          </Button>
          <Button variant="default" onClick={() => setFrom(addDays(from, days))}>
            {t('scheduling.agenda.next')}
          </Button>
        </Group>
        <SegmentedControl
          aria-label={t('scheduling.agenda.view')}
          value={view}
          onChange={(value) => setView(value as 'day' | 'week')}
          data={[
            { value: 'day', label: t('scheduling.agenda.day') },
            { value: 'week', label: t('scheduling.agenda.week') },
          ]}
        />
      </Group>
      <Text size="sm" c="dimmed" role="status" data-testid="live-status">
        {live.status === 'live' ? t('scheduling.agenda.live') : live.status === 'idle' ? '' : t('scheduling.agenda.offline')}
      </Text>
      {agenda.isPending ? (
        <Loading label={t('common.loading')} />
      ) : agenda.isError ? (
        <ErrorAlert error={agenda.error} />
      ) : (
        Array.from({ length: days }, (_, i) => addDays(from, i)).map((day) => (
          <Stack key={day} gap="xs" component="section" aria-labelledby={`day-${day}`}>
            <Title order={2} fz="h4" id={`day-${day}`}>
              {format.longDay(day)}
            </Title>
            {(byDay.get(day) ?? []).length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('scheduling.agenda.empty')}
              </Text>
            ) : (
              (byDay.get(day) ?? []).map((appointment) => <AgendaEntry key={appointment.id} appointment={appointment} />)
            )}
          </Stack>
        ))
      )}
    </Stack>
  );
}

function AgendaEntry({ appointment }: { appointment: Appointment }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const queryClient = useQueryClient();
  const time = format.time(appointment.startsAt, appointment.timeZone);
  const [cancelling, setCancelling] = useState(false);
  const change = useMutation({
    mutationFn: (status: StatusChange) => schedulingApi.changeStatus(appointment.id, status),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['scheduling', 'agenda'] }),
  });
  const now = useNow(Date.parse(appointment.startsAt));
  const next = actionsAt(appointment, now);
  const noShowLater = (NEXT[appointment.status] ?? []).includes('no-show') && !next.includes('no-show');
  return (
    <Paper
      withBorder
      p="sm"
      component="article"
      aria-label={`${time} ${appointment.patient.name}`}
      style={{ borderLeft: `6px solid var(--mantine-color-${MODALITY_COLOUR[appointment.modality].replace('.', '-')})` }}
    >
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={2}>
          <Text fw={700}>
            {time} – {format.time(appointment.endsAt, appointment.timeZone)} · {appointment.patient.name}
          </Text>
          <Group gap={6}>
            <Badge color={MODALITY_COLOUR[appointment.modality]} variant="filled" tt="none">
              {t(`scheduling.modality.${appointment.modality}`)}
            </Badge>
            <Text size="sm">{appointment.organisation.name}</Text>
          </Group>
        </Stack>
        <StatusBadge tone={STATUS_TONE[appointment.status]}>{t(`scheduling.status.${appointment.status}`)}</StatusBadge>
      </Group>
      <Group gap="xs" mt="xs" role="group" aria-label={t('scheduling.agenda.actionsFor', { time })}>
        <Button component={Link} to={SCHEDULING_PATHS.appointmentOf(appointment.id)} size="xs" variant="subtle">
          {t('scheduling.agenda.details')}
        </Button>
        {next.map((status) => (
          <Button
            key={status}
            size="xs"
            variant="default"
            onClick={() => change.mutate(status)}
            loading={change.isPending && change.variables === status}
          >
            {t(`scheduling.agenda.actions.${status}`)}
          </Button>
        ))}
        {appointment.status === 'booked' || appointment.status === 'checked-in' ? (
          <Button size="xs" variant="outline" color="red.9" onClick={() => setCancelling(true)}>
            {t('scheduling.agenda.cancel')}
          </Button>
        ) : null}
      </Group>
      {noShowLater ? (
        <Text size="sm" c="dimmed" mt={4}>
          {t('scheduling.agenda.noShowFrom', { time })}
        </Text>
      ) : null}
      {cancelling ? <CancelDialog appointment={appointment} onClose={() => setCancelling(false)} /> : null}
      {change.error ? (
        <ProblemAlert problem={{ title: change.error instanceof ApiProblem ? change.error.title : t('common.unexpected') }} />
      ) : null}
    </Paper>
  );
}
