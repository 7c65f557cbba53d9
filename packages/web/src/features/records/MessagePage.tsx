import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { prescriptionPdfUrl, recordsApi, recordsKeys, reportPdfUrl } from './api.js';
import { dateTime } from './format.js';
import { RECORDS_PATHS } from './paths.js';

/** One message of the inbox and its report; opening it is the read receipt. */
export function MessagePage() {
  const { messageId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const message = useQuery({ queryKey: recordsKeys.message(messageId), queryFn: () => recordsApi.message(messageId) });
  useEffect(() => {
    if (message.isSuccess) void queryClient.invalidateQueries({ queryKey: recordsKeys.inbox });
  }, [message.isSuccess, queryClient]);
  const report = message.data?.report;
  return (
    <Stack gap="md" maw={880}>
      <PageTitle>{message.data ? t('records.inbox.message', { name: message.data.sender }) : t('records.inbox.title')}</PageTitle>
      <Anchor component={Link} to={RECORDS_PATHS.inbox}>
        {t('records.inbox.back')}
      </Anchor>
      {message.isPending ? (
        <Loading label={t('common.loading')} />
      ) : message.isError ? (
        <ErrorAlert error={message.error} />
      ) : (
        <Stack gap="sm">
          <Text>{t('records.inbox.about', { name: message.data.patient.name })}</Text>
          <Text size="sm">{dateTime(message.data.createdAt, i18n.language)}</Text>
          {message.data.note ? <Text style={{ whiteSpace: 'pre-wrap' }}>{message.data.note}</Text> : null}
          {report ? (
            <Stack gap="xs">
              <Title order={2}>{t('records.report.title')}</Title>
              <Text size="sm">{t('records.report.act', { date: dateTime(report.actStartedAt, i18n.language) })}</Text>
              <Text size="sm">{t('records.report.author', { name: report.author.name })}</Text>
              <Title order={3}>{t('records.report.narrative')}</Title>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{report.narrative}</Text>
              <Title order={3}>{t('records.report.acts')}</Title>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{report.acts}</Text>
              <Title order={3}>{t('records.report.incidents')}</Title>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{report.incidents}</Text>
              {report.addenda.map((a) => (
                <Text size="sm" key={a.version} style={{ whiteSpace: 'pre-wrap' }}>
                  {t('records.report.version', { version: a.version, date: dateTime(a.createdAt, i18n.language), author: a.author })} :{' '}
                  {a.text}
                </Text>
              ))}
              <Anchor href={reportPdfUrl(report.id)} download>
                {t('records.report.pdf')}
              </Anchor>
              {report.prescriptions
                .filter((p) => p.status !== 'draft')
                .map((p) => (
                  <Anchor key={p.id} href={prescriptionPdfUrl(p.id)} download>
                    {t('records.prescription.pdf', { number: p.number })}
                  </Anchor>
                ))}
            </Stack>
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}
