import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { ANSWERS_OPEN_WHILE, type AnswerValue } from '@parcours/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { schedulingApi, schedulingKeys } from '../scheduling/api.js';
import { SCHEDULING_PATHS } from '../scheduling/paths.js';
import { triageApi, triageKeys, type TriageAnswered } from './api.js';
import { EmergencyView, ReasonList } from './Orientation.js';
import { QuestionnaireForm } from './QuestionnaireForm.js';

// A second run is counted once sent (started, then oriented); one left half-way is not an abandon of the first.
const noStep = () => {};

/**
 * The patient answers the questionnaire again before the call (a symptom changed, a detail
 * forgotten), starting from the answers the appointment holds; the newest answers replace them and
 * the practitioner sees those. Answers that point to the 15 say so at once and are not sent to the
 * appointment, which keeps the earlier ones.
 */
export function ReviewAnswersPage() {
  const { t } = useTranslation();
  const { appointmentId = '' } = useParams();
  const appointment = useQuery({
    queryKey: schedulingKeys.appointment(appointmentId),
    queryFn: () => schedulingApi.appointment(appointmentId),
  });
  const patientId = appointment.data?.patient.id;
  const questionnaire = useQuery({
    queryKey: triageKeys.questionnaire(undefined),
    queryFn: () => triageApi.questionnaire(),
    staleTime: Infinity,
  });
  const recent = useQuery({
    queryKey: ['triage', 'recent', patientId ?? null],
    queryFn: () => triageApi.recent(patientId!),
    enabled: !!patientId,
  });
  const back = (
    <Anchor component={Link} to={SCHEDULING_PATHS.appointmentOf(appointmentId)}>
      {t('triage.review.back')}
    </Anchor>
  );
  if (appointment.isPending || questionnaire.isPending || (patientId && recent.isPending)) return <Loading label={t('triage.loading')} />;
  const failed = appointment.error ?? questionnaire.error ?? recent.error;
  if (failed) return <ErrorAlert error={failed} />;
  if (!ANSWERS_OPEN_WHILE.includes(appointment.data!.status)) {
    return (
      <Stack gap="md" maw={640}>
        <PageTitle>{t('triage.review.title')}</PageTitle>
        <Text>{t('triage.review.closed')}</Text>
        {back}
      </Stack>
    );
  }
  const held = recent.data?.find((answered) => answered.appointmentId === appointmentId);
  return (
    // Keyed by the appointment only: the answers just sent must not remount the page when the list reloads.
    <Review
      key={appointmentId}
      patientId={patientId!}
      appointmentId={appointmentId}
      triage={questionnaire.data!.triage}
      initial={held?.answers ?? {}}
      back={back}
    />
  );
}

function Review({
  patientId,
  appointmentId,
  triage,
  initial,
  back,
}: {
  patientId: string;
  appointmentId: string;
  triage: Parameters<typeof QuestionnaireForm>[0]['triage'];
  initial: Record<string, AnswerValue>;
  back: ReactNode;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [runId, setRunId] = useState(() => crypto.randomUUID());
  const [answers, setAnswers] = useState(initial);
  const [answered, setAnswered] = useState<TriageAnswered | null>(null);
  const send = useMutation({
    mutationFn: async (given: Record<string, AnswerValue>) => {
      void triageApi.funnel({ runId, event: 'started' }).catch(() => undefined);
      const reply = await triageApi.submit(patientId, { runId, answers: given });
      // Answers pointing to the 15 are never an appointment's: the earlier ones stay with it.
      if (reply.orientation.outcome !== 'emergency-15') await triageApi.linkToAppointment(patientId, reply.id, appointmentId);
      return reply;
    },
    onSuccess: (reply) => {
      setAnswered(reply);
      void queryClient.invalidateQueries({ queryKey: ['triage'] });
    },
  });
  const again = () => {
    setAnswered(null);
    setRunId(crypto.randomUUID());
  };

  if (answered?.orientation.outcome === 'emergency-15') return <EmergencyView answered={answered} onChange={again} />;
  if (answered) {
    const { outcome } = answered.orientation;
    return (
      <Stack gap="md" maw={640}>
        <PageTitle>{t('triage.review.sentTitle')}</PageTitle>
        <Alert role="status" color={outcome === 'in-person' ? 'red.9' : 'green.9'} variant="light">
          <Text fw={700}>{t(outcome === 'in-person' ? 'triage.review.inPerson' : 'triage.review.sent')}</Text>
          {outcome === 'teleconsultation' ? null : <ReasonList reasons={answered.reasons} />}
        </Alert>
        <Button variant="default" onClick={again} w="fit-content">
          {t('triage.reopen')}
        </Button>
        {back}
      </Stack>
    );
  }
  return (
    <Stack gap="md" maw={760}>
      <PageTitle>{t('triage.review.title')}</PageTitle>
      <Text>{t('triage.review.intro')}</Text>
      <QuestionnaireForm
        triage={triage}
        initial={answers}
        onStep={noStep}
        busy={send.isPending}
        onDone={(given) => {
          setAnswers(given);
          send.mutate(given);
        }}
      />
      {send.isError ? <ErrorAlert error={send.error} /> : null}
      {back}
    </Stack>
  );
}
