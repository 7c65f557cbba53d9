import { Alert, Button, List, Paper, Stack, Text, Title } from '@mantine/core';
import { ONCOLOGY_QUESTIONNAIRE, type AnswerValue } from '@parcours/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { QuestionnaireForm } from '../triage/QuestionnaireForm.js';
import { telemonitoringApi, telemonitoringKeys, type SymptomsScore } from './api.js';
import { LEVEL_COLOR } from './format.js';

/**
 * The oncology programme's symptom questionnaire, on the patient's own page: the triage engine's
 * form (one group per screen), sent once (its identifier makes a retry count once), then what the
 * score means for them — the team is told, and a fever under treatment is to be called in now.
 */
export function SymptomQuestionnaire({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fr';
  const queryClient = useQueryClient();
  const [identifier, setIdentifier] = useState(() => crypto.randomUUID());
  const send = useMutation({
    mutationFn: (answers: Record<string, AnswerValue>) => telemonitoringApi.answerSymptoms(patientId, { identifier, answers }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: telemonitoringKeys.all }),
  });
  const onStep = useCallback(() => undefined, []);
  const again = () => {
    setIdentifier(crypto.randomUUID());
    send.reset();
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="symptoms-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="symptoms-heading">
          {t('telemonitoring.symptoms.title')}
        </Title>
        {send.data ? (
          <Score score={send.data} language={language} onAgain={again} />
        ) : (
          <>
            <Text size="sm">{t('telemonitoring.symptoms.intro')}</Text>
            <QuestionnaireForm
              key={identifier}
              triage={ONCOLOGY_QUESTIONNAIRE}
              initial={{}}
              onStep={onStep}
              onDone={(answers) => send.mutate(answers)}
              busy={send.isPending}
            />
            <ErrorAlert error={send.error} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

function Score({ score, language, onAgain }: { score: SymptomsScore; language: 'fr' | 'en'; onAgain: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Alert
        role="status"
        variant="light"
        color={score.level ? LEVEL_COLOR[score.level] : 'green.9'}
        title={t(`telemonitoring.symptoms.result.${score.level ?? 'none'}`)}
        data-testid="symptom-score"
        data-level={score.level ?? 'none'}
      >
        {score.findings.length ? (
          <List size="sm">
            {score.findings.map((finding) => (
              <List.Item key={finding.symptom}>{finding.message[language]}</List.Item>
            ))}
          </List>
        ) : null}
      </Alert>
      {score.level === 'urgent' ? (
        <Alert role="alert" color="red.9" variant="filled">
          {t('telemonitoring.symptoms.callNow')}
        </Alert>
      ) : null}
      <Button variant="default" w="fit-content" onClick={onAgain}>
        {t('telemonitoring.symptoms.again')}
      </Button>
    </Stack>
  );
}
