import { Alert, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiProblem } from '../../api/problem.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { recordsApi, recordsKeys } from './api.js';
import { day } from './format.js';

/** Public: the page a document's QR code opens. Its status and date of issue; no name, no health data. */
export function VerifyPage() {
  const { number = '' } = useParams();
  const { t, i18n } = useTranslation();
  const verification = useQuery({ queryKey: recordsKeys.verify(number), queryFn: () => recordsApi.verify(number), retry: false });
  const unknown = verification.error instanceof ApiProblem && (verification.error.status === 404 || verification.error.status === 400);
  return (
    <Stack gap="md" maw={640}>
      <PageTitle>{t('records.verify.title')}</PageTitle>
      <Text>{t('records.verify.intro')}</Text>
      {verification.isPending ? (
        <Loading label={t('common.loading')} />
      ) : unknown ? (
        <Alert color="red.9" variant="light" role="alert">
          {t('records.verify.notFound')}
        </Alert>
      ) : verification.isError ? (
        <ErrorAlert error={verification.error} />
      ) : (
        <Alert color={verification.data.status === 'cancelled' ? 'red.9' : 'green.9'} variant="light" role="status">
          <Text fw={700}>{t('records.verify.found')}</Text>
          <Text>{t('records.verify.number', { number: verification.data.number })}</Text>
          <Text>{t('records.verify.kind', { kind: t(`records.verify.kinds.${verification.data.kind}`) })}</Text>
          <Text>{t('records.verify.issuedOn', { date: day(verification.data.issuedOn, i18n.language) })}</Text>
          <Text fw={700}>{t('records.verify.status', { status: t(`records.verify.statuses.${verification.data.status}`) })}</Text>
        </Alert>
      )}
    </Stack>
  );
}
