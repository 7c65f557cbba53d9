import { Alert, Anchor, Button, Group, Modal, Paper, Stack, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { ApiProblem } from '../../api/problem.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert, ProblemAlert } from '../../components/ProblemAlert.js';
import { PHONE_QUERY } from '../../components/ResponsiveTable.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useApiForm } from '../../forms/useApiForm.js';
import { useAccount } from '../identity/RequireSession.js';
import { JoinButton } from '../teleconsultation/JoinButton.js';
import { calendarUrl, schedulingApi, schedulingKeys, type Appointment, type AppointmentStatus } from './api.js';
import { SCHEDULING_PATHS } from './paths.js';
import { SlotPicker } from './SlotPicker.js';
import { formatters } from './time.js';

export const STATUS_TONE: Record<AppointmentStatus, 'positive' | 'warning' | 'negative' | 'neutral' | 'info'> = {
  booked: 'info',
  'checked-in': 'warning',
  'in-progress': 'warning',
  completed: 'positive',
  cancelled: 'negative',
  'no-show': 'negative',
  reoriented: 'neutral',
};

/** "Mes rendez-vous": the appointments of every record the account manages, upcoming and past; cancel, move, add to a calendar. */
export function MyAppointmentsPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const lists = useQueries({
    queries: me.patients.map((record) => ({
      queryKey: schedulingKeys.appointments(record.id),
      queryFn: () => schedulingApi.appointments(record.id),
    })),
  });
  // The moment the page opened splits upcoming from past (a render must not read the clock).
  const [now] = useState(() => Date.now());
  const all = lists.flatMap((list) => list.data ?? []);
  const upcoming = all.filter((a) => Date.parse(a.endsAt) > now).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = all.filter((a) => Date.parse(a.endsAt) <= now).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  const several = me.patients.length > 1;
  const failed = lists.find((list) => list.isError);
  return (
    <Stack gap="md" maw={960}>
      <PageTitle>{t('scheduling.mine.title')}</PageTitle>
      {lists.some((list) => list.isPending) ? (
        <Loading label={t('common.loading')} />
      ) : failed ? (
        <ErrorAlert error={failed.error} />
      ) : (
        <Tabs defaultValue="upcoming">
          <Tabs.List>
            <Tabs.Tab value="upcoming">
              {t('scheduling.mine.upcoming')} ({upcoming.length})
            </Tabs.Tab>
            <Tabs.Tab value="past">
              {t('scheduling.mine.past')} ({past.length})
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="upcoming" pt="md">
            <AppointmentList appointments={upcoming} showPatient={several} actions />
          </Tabs.Panel>
          <Tabs.Panel value="past" pt="md">
            <AppointmentList appointments={past} showPatient={several} />
          </Tabs.Panel>
        </Tabs>
      )}
      <TextReminders />
    </Stack>
  );
}

function AppointmentList({
  appointments,
  showPatient,
  actions = false,
}: {
  appointments: Appointment[];
  showPatient: boolean;
  actions?: boolean;
}) {
  const { t } = useTranslation();
  if (appointments.length === 0) return <Text role="status">{t('scheduling.mine.none')}</Text>;
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {appointments.map((appointment) => (
        <li key={appointment.id}>
          <AppointmentCard appointment={appointment} showPatient={showPatient} actions={actions} />
        </li>
      ))}
    </Stack>
  );
}

export function AppointmentCard({
  appointment,
  showPatient,
  actions,
}: {
  appointment: Appointment;
  showPatient: boolean;
  actions: boolean;
}) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const [dialog, setDialog] = useState<'cancel' | 'move' | null>(null);
  const live = appointment.status === 'booked';
  return (
    <Paper
      withBorder
      p="md"
      component="article"
      aria-label={`${format.day(appointment.startsAt, appointment.timeZone)} ${format.time(appointment.startsAt, appointment.timeZone)}`}
    >
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={2}>
          <Text fw={700}>
            {format.day(appointment.startsAt, appointment.timeZone)} · {format.time(appointment.startsAt, appointment.timeZone)}
          </Text>
          <Text>
            {appointment.practitioner.name} — {appointment.organisation.name}
          </Text>
          <Text size="sm" c="dimmed">
            {t(`scheduling.modality.${appointment.modality}`)}
            {showPatient ? ` · ${t('scheduling.mine.forWhom', { name: appointment.patient.name })}` : ''}
          </Text>
        </Stack>
        <StatusBadge tone={STATUS_TONE[appointment.status]}>{t(`scheduling.status.${appointment.status}`)}</StatusBadge>
      </Group>
      <Group gap="xs" mt="sm">
        <JoinButton appointment={appointment} />
        <Button component={Link} to={SCHEDULING_PATHS.appointmentOf(appointment.id)} variant="default" size="sm">
          {t('scheduling.mine.details')}
        </Button>
        {live ? (
          <Button component="a" href={calendarUrl(appointment.id)} download="rendez-vous.ics" variant="default" size="sm">
            {t('scheduling.mine.addToCalendar')}
          </Button>
        ) : null}
        {actions && live ? (
          <>
            <Button variant="default" size="sm" onClick={() => setDialog('move')}>
              {t('scheduling.mine.reschedule')}
            </Button>
            <Button variant="outline" color="red.9" size="sm" onClick={() => setDialog('cancel')}>
              {t('scheduling.mine.cancel')}
            </Button>
          </>
        ) : null}
      </Group>
      {dialog === 'cancel' ? <CancelDialog appointment={appointment} onClose={() => setDialog(null)} /> : null}
      {dialog === 'move' ? <MoveDialog appointment={appointment} onClose={() => setDialog(null)} /> : null}
    </Paper>
  );
}

const cancelSchema = z
  .object({ reason: z.string().trim().max(500, 'issues.too-big') })
  .transform(({ reason }) => (reason ? { reason } : {}));

/** Cancels after confirming, saying why if one wishes (the history keeps it; never a medical reason). */
export function CancelDialog({ appointment, onClose }: { appointment: Appointment; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: { reason: '' },
    schema: cancelSchema,
    submit: (body: { reason?: string }) => schedulingApi.cancel(appointment.id, body.reason),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: schedulingKeys.all });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('scheduling.close') }} title={t('scheduling.mine.cancelTitle')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Textarea
            label={t('scheduling.mine.reason')}
            description={t('scheduling.mine.reasonHint')}
            autosize
            minRows={2}
            {...form.getInputProps('reason')}
          />
          <ProblemAlert problem={problem} />
          <Group>
            <Button type="submit" color="red.9" loading={mutation.isPending}>
              {t('scheduling.mine.confirmCancel')}
            </Button>
            <Button variant="default" onClick={onClose}>
              {t('scheduling.mine.keep')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Another slot of the same consultation, with the same practitioner. */
function MoveDialog({ appointment, onClose }: { appointment: Appointment; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery(PHONE_QUERY);
  const queryClient = useQueryClient();
  const move = useMutation({
    mutationFn: (startsAt: string) => schedulingApi.reschedule(appointment.id, { startsAt }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: schedulingKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('scheduling.close') }}
      title={t('scheduling.mine.rescheduleTitle')}
      fullScreen={phone}
      size="xl"
    >
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {t('scheduling.mine.chooseSlot')}
        </Title>
        {move.error ? (
          <ProblemAlert problem={{ title: move.error instanceof ApiProblem ? move.error.title : t('common.unexpected') }} />
        ) : null}
        <SlotPicker filters={{ typeId: appointment.typeId }} onPick={(slot) => move.mutate(slot.start)} />
      </Stack>
    </Modal>
  );
}

const mobileSchema = z.object({
  mobile: z
    .string()
    .trim()
    .refine(
      (value) => /^(\+[1-9]\d{7,14}|0[67](\s?\d{2}){4})$/.test(value.replace(/[.-]/g, ' ').replace(/\s+/g, ' ')),
      'scheduling.mine.sms.invalid',
    ),
});

/** The mobile number text reminders go to. */
function TextReminders() {
  const { t } = useTranslation();
  const contact = useQuery({ queryKey: schedulingKeys.reminderContact, queryFn: schedulingApi.reminderContact });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sms-heading">
      <Title order={2} fz="h4" id="sms-heading" mb="xs">
        {t('scheduling.mine.sms.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('scheduling.mine.sms.hint')}
      </Text>
      {contact.isPending ? (
        <Loading label={t('common.loading')} />
      ) : contact.isError ? (
        <ErrorAlert error={contact.error} />
      ) : (
        <MobileForm saved={contact.data.mobile} />
      )}
    </Paper>
  );
}

function MobileForm({ saved }: { saved: string | null }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: { mobile: saved ?? '' },
    schema: mobileSchema,
    submit: ({ mobile }) => schedulingApi.setReminderContact(mobile),
    onSuccess: (answer) => queryClient.setQueryData(schedulingKeys.reminderContact, answer),
    issues: { mobile: { custom: 'scheduling.mine.sms.invalid', 'not-a-mobile-number': 'scheduling.mine.sms.invalid' } },
  });
  const remove = useMutation({
    mutationFn: () => schedulingApi.setReminderContact(null),
    onSuccess: (answer) => {
      queryClient.setQueryData(schedulingKeys.reminderContact, answer);
      form.setValues({ mobile: '' });
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <TextInput type="tel" autoComplete="tel" label={t('scheduling.mine.sms.mobile')} maw={320} {...form.getInputProps('mobile')} />
        <ProblemAlert problem={problem} />
        {mutation.isSuccess ? (
          <Alert color="green.9" variant="light" role="status">
            {t('scheduling.mine.sms.saved')}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {t('scheduling.mine.sms.save')}
          </Button>
          {saved ? (
            <Anchor component="button" type="button" onClick={() => remove.mutate()}>
              {t('scheduling.mine.sms.remove')}
            </Anchor>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}
