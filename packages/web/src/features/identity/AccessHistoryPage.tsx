import { Button, Group, Stack, Switch, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { identityApi, type AccessHistoryPage } from './api.js';
import { RecordPicker, recordName, useChosenRecord } from './RecordPicker.js';
import { useAccount } from './RequireSession.js';

// Audit actions with a wording for the patient; any other is named in general terms, never by its code.
const ACTIONS: Record<string, string> = {
  'patient.read': 'patientRead',
  'patient.create': 'patientCreate',
  'consent.give': 'consentGive',
  'consent.withdraw': 'consentWithdraw',
  'consent.read': 'consentRead',
  'access-history.read': 'accessHistoryRead',
  'patient.list': 'patientList',
  'patient.insurance.read': 'insuranceRead',
  'patient.insurance.update': 'insuranceUpdate',
  'billing.estimate': 'billingEstimate',
  'billing.decide': 'billingDecide',
  'appointment.read': 'appointmentRead',
  'appointment.list': 'appointmentList',
  'appointment.agenda': 'appointmentAgenda',
  'appointment.book': 'appointmentBook',
  'appointment.cancel': 'appointmentCancel',
  'appointment.reschedule': 'appointmentReschedule',
  'appointment.status': 'appointmentStatus',
};
const ROLES = ['patient', 'practitioner', 'regulator', 'admin', 'system'];

/** Who opened the records this account manages, and when — as Mon espace santé shows it. */
export function AccessHistoryPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const [patient, choose] = useChosenRecord(me);
  return (
    <Stack gap="md" maw={960}>
      <PageTitle>{t('identity.accessHistory.title')}</PageTitle>
      <Text>{t('identity.accessHistory.intro')}</Text>
      {!patient ? (
        <Text>{t('identity.profile.noRecords')}</Text>
      ) : (
        <>
          <RecordPicker me={me} value={patient.id} onChange={choose} label={t('identity.accessHistory.record')} />
          <History key={patient.id} patientId={patient.id} name={recordName(patient, t('identity.profile.self'))} />
        </>
      )}
    </Stack>
  );
}

function History({ patientId, name }: { patientId: string; name: string }) {
  const { t, i18n } = useTranslation();
  const [hideOwnViews, setHideOwnViews] = useState(false);
  // Reading the history is itself recorded: no refetch behind the person's back. The server sets
  // the page size and says where the next page starts.
  const history = useInfiniteQuery({
    queryKey: ['identity', 'access-history', patientId, hideOwnViews],
    queryFn: ({ pageParam }) =>
      identityApi.accessHistory(patientId, {
        ...(pageParam ? { before: pageParam } : {}),
        ...(hideOwnViews ? { hideOwnViews: 'true' } : {}),
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page: AccessHistoryPage) => page.next ?? undefined,
    refetchOnWindowFocus: false,
    staleTime: 5 * 60_000,
  });
  const filter = (
    <Switch
      label={t('identity.accessHistory.hideOwnViews')}
      checked={hideOwnViews}
      onChange={(event) => setHideOwnViews(event.currentTarget.checked)}
    />
  );
  if (history.isPending) return <Loading label={t('common.loading')} />;
  if (history.isError) return <ErrorAlert error={history.error} />;
  const entries = history.data.pages.flatMap((page) => page.entries);
  if (entries.length === 0)
    return (
      <Stack gap="sm">
        {filter}
        <Text>{t('identity.accessHistory.empty')}</Text>
      </Stack>
    );
  const when = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  });
  const action = (code: string) => t(`identity.actions.${ACTIONS[code] ?? 'other'}`);
  const role = (code: string) => t(`identity.roles.${ROLES.includes(code) ? code : 'other'}`);
  return (
    <Stack gap="sm">
      {filter}
      <ResponsiveTable
        label={t('identity.accessHistory.tableLabel', { name })}
        caption={t('identity.accessHistory.caption', { name })}
        minWidth={680}
        rows={entries}
        rowKey={(entry, index) => `${entry.at}:${index}`}
        columns={[
          {
            key: 'when',
            header: t('identity.accessHistory.when'),
            cell: (entry) => <time dateTime={entry.at}>{when.format(new Date(entry.at))}</time>,
          },
          {
            key: 'who',
            header: t('identity.accessHistory.who'),
            cell: (entry) => entry.who ?? t('identity.accessHistory.unknownName'),
            primary: true,
          },
          { key: 'role', header: t('identity.accessHistory.role'), cell: (entry) => role(entry.role) },
          { key: 'organisation', header: t('identity.accessHistory.organisation'), cell: (entry) => entry.organisation ?? '—' },
          { key: 'action', header: t('identity.accessHistory.action'), cell: (entry) => action(entry.action) },
        ]}
      />
      {history.hasNextPage ? (
        <Group>
          <Button variant="default" onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
            {t('identity.accessHistory.more')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
