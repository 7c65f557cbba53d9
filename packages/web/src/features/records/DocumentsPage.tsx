import { Anchor, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable.js';
import { RecordPicker, useChosenRecord } from '../identity/RecordPicker.js';
import { useAccount } from '../identity/RequireSession.js';
import { recordsApi, recordsKeys, type PatientDocument } from './api.js';
import { day } from './format.js';

/** « Mes documents »: the patient's (or their child's) signed reports, prescriptions, sick-leave notices and files shared in calls, to download. */
export function DocumentsPage() {
  const { t, i18n } = useTranslation();
  const me = useAccount();
  const [record, choose] = useChosenRecord(me);
  const documents = useQuery({
    queryKey: recordsKeys.documents(record?.id ?? ''),
    queryFn: () => recordsApi.documents(record!.id),
    enabled: Boolean(record),
  });
  const columns: Column<PatientDocument>[] = [
    { key: 'title', header: t('records.documents.columns.title'), cell: (d) => d.title, primary: true },
    { key: 'kind', header: t('records.documents.columns.kind'), cell: (d) => t(`records.documents.kinds.${d.kind}`) },
    {
      key: 'author',
      header: t('records.documents.columns.author'),
      cell: (d) => t(d.kind === 'file' ? 'records.documents.sharedBy' : 'records.documents.by', { name: d.author }),
    },
    { key: 'date', header: t('records.documents.columns.date'), cell: (d) => day(d.date, i18n.language) },
    {
      key: 'actions',
      header: t('records.documents.columns.actions'),
      bare: true,
      cell: (d) => (
        <Anchor href={d.pdf} download aria-label={t('records.documents.downloadLabel', { title: d.title })}>
          {t('records.documents.download')}
        </Anchor>
      ),
    },
  ];
  return (
    <Stack gap="md" maw={960}>
      <PageTitle>{t('records.documents.title')}</PageTitle>
      {record ? <RecordPicker me={me} value={record.id} onChange={choose} label={t('records.documents.forWhom')} /> : null}
      {!record ? (
        <Text role="status">{t('records.documents.empty')}</Text>
      ) : documents.isPending ? (
        <Loading label={t('common.loading')} />
      ) : documents.isError ? (
        <ErrorAlert error={documents.error} />
      ) : documents.data.length === 0 ? (
        <Text role="status">{t('records.documents.empty')}</Text>
      ) : (
        <ResponsiveTable label={t('records.documents.title')} minWidth={640} columns={columns} rows={documents.data} rowKey={(d) => d.id} />
      )}
    </Stack>
  );
}
