import { Alert, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { RecordPicker, useChosenRecord } from '../identity/RecordPicker.js';
import { useAccount } from '../identity/RequireSession.js';
import { telemonitoringApi, telemonitoringKeys } from './api.js';
import { monitoredKinds } from './format.js';
import { Charts } from './LazyCharts.js';
import { ProgrammeSummary } from './ProgrammeSummary.js';
import { ReadingForm } from './ReadingForm.js';
import { SymptomQuestionnaire } from './SymptomQuestionnaire.js';

const DAYS = 30;

/** The patient's own telemonitoring: their programme, a reading typed in, their readings as charts. */
export function MyMonitoringPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const [record, choose] = useChosenRecord(me);
  const patientId = record?.id ?? '';
  const monitoring = useQuery({
    queryKey: telemonitoringKeys.monitoring(patientId, DAYS),
    queryFn: () => telemonitoringApi.monitoring(patientId, DAYS),
    enabled: Boolean(record),
  });
  const live = (monitoring.data?.enrolments ?? []).filter((e) => !e.endedAt);
  const enrolled = live.length > 0;
  // The symptom grade comes from the questionnaire, never typed in.
  const kinds = monitoring.data ? monitoredKinds(monitoring.data).filter((kind) => kind !== 'symptomGrade') : [];
  return (
    <Stack gap="md" maw={1100}>
      <PageTitle>{t('telemonitoring.mine.title')}</PageTitle>
      <Alert color="orange.9" variant="light">
        <Text size="sm" fw={600}>
          {t('telemonitoring.notEmergency')}
        </Text>
      </Alert>
      {record ? <RecordPicker me={me} value={record.id} onChange={choose} label={t('telemonitoring.mine.forWhom')} /> : null}
      {!record ? null : monitoring.isPending ? (
        <Loading label={t('common.loading')} />
      ) : monitoring.isError ? (
        <ErrorAlert error={monitoring.error} />
      ) : !enrolled ? (
        <Text role="status">{t('telemonitoring.mine.notEnrolled')}</Text>
      ) : (
        <>
          <ProgrammeSummary enrolments={monitoring.data.enrolments} title={t('telemonitoring.mine.programme')} />
          {live.some((e) => e.programme === 'oncology') ? <SymptomQuestionnaire patientId={patientId} /> : null}
          {kinds.length ? <ReadingForm patientId={patientId} kinds={kinds} /> : null}
          <section aria-labelledby="my-charts">
            <Title order={2} size="h3" id="my-charts" mb="sm">
              {t('telemonitoring.mine.chartsTitle')}
            </Title>
            <Charts monitoring={monitoring.data} />
          </section>
        </>
      )}
    </Stack>
  );
}
