import { Alert, Anchor, Group, Stack, Text } from '@mantine/core';
import type { AnswerValue, Outcome } from '@parcours/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { RecordPicker, useChosenRecord } from '../identity/RecordPicker.js';
import { useAccount } from '../identity/RequireSession.js';
import { triageApi, triageKeys, type TriageAnswered } from './api.js';
import { EmergencyView, OrientedView } from './Orientation.js';
import { QuestionnaireForm } from './QuestionnaireForm.js';

/** A run of the questionnaire, for the funnel (a secure context: the app is served over HTTPS or from localhost). */
function newRunId(): string {
  return crypto.randomUUID();
}

/**
 * Before booking a teleconsultation: the questionnaire, then its orientation. The 15 stops here (no
 * booking); in person and advice say why and lead on; a teleconsultation goes straight to booking.
 * The answers can be changed until then; the server gives them to the appointment booked next.
 */
export function TriageGate({ children }: { children: (outcome: Outcome) => ReactNode }) {
  const { t } = useTranslation();
  const me = useAccount();
  const [record, choose] = useChosenRecord(me);
  const questionnaire = useQuery({
    queryKey: triageKeys.questionnaire(undefined),
    queryFn: () => triageApi.questionnaire(),
    staleTime: Infinity,
  });
  const latest = useQuery({ queryKey: triageKeys.latest(record?.id), queryFn: () => triageApi.latest(record!.id), enabled: !!record });
  const [runId] = useState(newRunId);
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>({});
  const [own, setOwn] = useState<Flow | null>(null);
  const step = useRef<string | null>(null);
  const started = useRef(false);
  const finished = useRef(false);

  // Answers of the last hours, not yet booked and not sent to the 15, still hold: they can be
  // changed, not asked again.
  const recent = latest.data && isStillValid(latest.data) ? latest.data : null;
  const flow: Flow =
    own ?? (recent ? { answered: recent, editing: false, booking: recent.orientation.outcome === 'teleconsultation' } : NEW);
  const asking = flow.editing || !flow.answered;

  // The funnel: a run started when the questions show, and left at its step unless it reached an orientation.
  useEffect(() => {
    if (!asking || started.current || latest.isPending) return;
    started.current = true;
    void triageApi.funnel({ runId, event: 'started' }).catch(() => undefined);
  }, [asking, latest.isPending, runId]);
  useEffect(
    () => () => {
      if (started.current && !finished.current && step.current) {
        void triageApi.funnel({ runId, event: 'abandoned', step: step.current }).catch(() => undefined);
      }
    },
    [runId],
  );
  const onStep = useCallback((linkId: string) => {
    step.current = linkId;
  }, []);

  const submit = useMutation({
    mutationFn: (given: Record<string, AnswerValue>) => triageApi.submit(record!.id, { runId, answers: given }),
    onSuccess: (reply) => {
      finished.current = true;
      setOwn({ answered: reply, editing: false, booking: reply.orientation.outcome === 'teleconsultation' });
    },
  });

  if (!record) return null;
  if (questionnaire.isPending || latest.isPending) return <Loading label={t('triage.loading')} />;
  if (questionnaire.isError) return <ErrorAlert error={questionnaire.error} />;

  const reopen = () => setOwn({ answered: flow.answered, editing: true, booking: false });

  if (asking) {
    return (
      <Stack gap="md">
        <PageTitle>{t('triage.title')}</PageTitle>
        <Text>{t('triage.intro')}</Text>
        <RecordPicker me={me} value={record.id} onChange={choose} label={t('triage.forWhom')} />
        <QuestionnaireForm
          key={record.id}
          triage={questionnaire.data.triage}
          initial={answers}
          onStep={onStep}
          busy={submit.isPending}
          onDone={(given) => {
            setAnswers(given);
            submit.mutate(given);
          }}
        />
        {submit.isError ? <ErrorAlert error={submit.error} /> : null}
      </Stack>
    );
  }

  const answered = flow.answered!;
  const { outcome } = answered.orientation;
  if (outcome === 'emergency-15') return <EmergencyView answered={answered} onChange={reopen} />;
  if (!flow.booking) return <OrientedView answered={answered} onBook={() => setOwn({ ...flow, booking: true })} onChange={reopen} />;
  return (
    <Stack gap="md">
      <Alert variant="light" color="green.9">
        <Group justify="space-between">
          <Text size="sm">{t('triage.teleconsultation.ready')}</Text>
          <Anchor component="button" type="button" size="sm" onClick={reopen}>
            {t('triage.reopen')}
          </Anchor>
        </Group>
      </Alert>
      {children(outcome)}
    </Stack>
  );
}

interface Flow {
  answered: TriageAnswered | null;
  editing: boolean;
  booking: boolean;
}
const NEW: Flow = { answered: null, editing: true, booking: false };

/** How long answers hold before a booking (the server links them to a booking made within it). */
const ANSWERS_HOLD_MS = 2 * 3_600_000;

function isStillValid(answered: TriageAnswered): boolean {
  return (
    answered.appointmentId === null &&
    answered.orientation.outcome !== 'emergency-15' &&
    Date.now() - Date.parse(answered.createdAt) < ANSWERS_HOLD_MS
  );
}
