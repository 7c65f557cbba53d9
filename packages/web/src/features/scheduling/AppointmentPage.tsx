import { Anchor, List, Paper, Stack, Text, Title } from '@mantine/core';
import { ANSWERS_OPEN_WHILE } from '@parcours/domain';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { useAccount } from '../identity/RequireSession.js';
import { schedulingApi, schedulingKeys } from './api.js';
import { AppointmentCard } from './MyAppointmentsPage.js';
import { RECORDS_PATHS } from '../records/paths.js';
import { TRIAGE_PATHS } from '../triage/paths.js';
import { SCHEDULING_PATHS } from './paths.js';
import { formatters } from './time.js';

/** One appointment (the link in the mails): what, when, with whom, its history, and what can be done. */
export function AppointmentPage() {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const { appointmentId = '' } = useParams();
  const me = useAccount();
  const appointment = useQuery({
    queryKey: schedulingKeys.appointment(appointmentId),
    queryFn: () => schedulingApi.appointment(appointmentId),
  });
  // Its practitioner came from the agenda; the patient's side from "Mes rendez-vous".
  const fromAgenda = appointment.data?.practitioner.id === me.id;
  return (
    <Stack gap="md" maw={760}>
      <PageTitle>{t('scheduling.appointment.title')}</PageTitle>
      <Anchor component={Link} to={fromAgenda ? SCHEDULING_PATHS.agenda : SCHEDULING_PATHS.mine}>
        {t(fromAgenda ? 'scheduling.appointment.backToAgenda' : 'scheduling.appointment.back')}
      </Anchor>
      {appointment.isPending ? (
        <Loading label={t('common.loading')} />
      ) : appointment.isError ? (
        <ErrorAlert error={appointment.error} />
      ) : (
        <>
          <AppointmentCard appointment={appointment.data} showPatient actions />
          {fromAgenda && !['cancelled', 'no-show'].includes(appointment.data.status) ? (
            <Anchor component={Link} to={RECORDS_PATHS.reportOf(appointment.data.id)}>
              {t('records.report.open')}
            </Anchor>
          ) : null}
          {/* The patient's side may answer the questionnaire again until the call. */}
          {me.patients.some((record) => record.id === appointment.data.patient.id) &&
          appointment.data.modality !== 'in-person' &&
          ANSWERS_OPEN_WHILE.includes(appointment.data.status) ? (
            <Anchor component={Link} to={TRIAGE_PATHS.reviewOf(appointment.data.id)}>
              {t('triage.review.open')}
            </Anchor>
          ) : null}
          <Paper withBorder p="md" component="section" aria-labelledby="history-heading">
            <Title order={2} fz="h4" id="history-heading" mb="xs">
              {t('scheduling.appointment.history')}
            </Title>
            <List spacing={4}>
              {appointment.data.history.map((entry) => (
                <List.Item key={`${entry.at}-${entry.change}`}>
                  <Text size="sm">
                    {format.day(entry.at, appointment.data.timeZone)} {format.time(entry.at, appointment.data.timeZone)} —{' '}
                    {t(`scheduling.appointment.changes.${entry.change}`, {
                      previous: entry.previousStartsAt
                        ? `${format.day(entry.previousStartsAt, appointment.data.timeZone)} ${format.time(entry.previousStartsAt, appointment.data.timeZone)}`
                        : '',
                    })}{' '}
                    {t(`scheduling.appointment.by.${entry.byRole}`, { defaultValue: '' })}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Paper>
        </>
      )}
    </Stack>
  );
}
