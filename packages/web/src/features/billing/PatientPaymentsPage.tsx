import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Loading } from '../../components/Loading.js';
import { formatEuros } from '../../components/money.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { useAccount } from '../identity/RequireSession.js';
import { billingApi, billingKeys, billingLinks, type BillingRecord } from './api.js';
import { actDate, PaymentStatus, paymentLines } from './RecordCard.js';

/**
 * The patient's (and their dependants') teleconsultations and what is left to pay for each: online
 * by card when offered (the provider's secure page, then back here), and the fee note to download.
 */
export function PatientPaymentsPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const [params] = useSearchParams();
  const justPaid = params.get('paye');
  const lists = useQueries({
    queries: me.patients.map((patient) => ({
      queryKey: billingKeys.records(patient.id),
      queryFn: () => billingApi.patientRecords(patient.id),
      // Back from the payment page, the provider's notification may still be on its way: ask again until it came.
      refetchInterval: (query: { state: { data?: BillingRecord[] } }) =>
        justPaid && query.state.data?.some((r) => r.appointmentId === justPaid && r.balance > 0) ? 2_000 : false,
    })),
  });
  const paidNow = lists.flatMap((l) => l.data ?? []).find((r) => r.appointmentId === justPaid);
  return (
    <Stack gap="md" maw={860}>
      <PageTitle>{t('billing.payments.title')}</PageTitle>
      <Text>{t('billing.payments.intro')}</Text>
      {paidNow && (
        <Alert color={paidNow.balance === 0 ? 'green.9' : 'blue.9'} variant="light" role="status">
          {t(paidNow.balance === 0 ? 'billing.payments.confirmed' : 'billing.payments.pending')}
        </Alert>
      )}
      {me.patients.map((patient, index) => {
        const list = lists[index]!;
        return (
          <Stack key={patient.id} gap="sm" component="section" aria-label={t('billing.payments.forPatient', { name: patient.firstNames })}>
            {me.patients.length > 1 && (
              <Title order={2} fz="h3">
                {t('billing.payments.forPatient', { name: patient.firstNames })}
              </Title>
            )}
            {list.isPending ? (
              <Loading label={t('common.loading')} />
            ) : list.error ? (
              <ErrorAlert error={list.error} />
            ) : list.data.length === 0 ? (
              <Text c="dimmed">{t('billing.payments.none')}</Text>
            ) : (
              list.data.map((record) => <PatientAct key={record.id} record={record} />)
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}

function PatientAct({ record }: { record: BillingRecord }) {
  const { t, i18n } = useTranslation();
  const euros = (amount: number) => formatEuros(amount, i18n.language);
  const pay = useMutation({
    mutationFn: () => billingApi.checkout(record.appointmentId),
    // The provider's hosted page: the patient comes back to this page once paid.
    onSuccess: ({ url }) => window.location.assign(url),
  });
  const { decision } = record.billing;
  return (
    <Paper withBorder p="md" data-testid={`act-${record.appointmentId}`}>
      <Stack gap={6}>
        <Group justify="space-between">
          <Title order={3} fz="h4">
            {t('billing.record.act', { date: actDate(record.date, i18n.language) })}
          </Title>
          <PaymentStatus record={record} />
        </Group>
        <Text size="sm">{t('billing.payments.with', { name: record.practitioner.name })}</Text>
        <Text size="sm">
          {decision.billable && decision.code ? `${decision.code} — ` : ''}
          {decision.billable ? t('billing.record.due') : t(`billing.record.outcomes.${record.outcome}`)}
          {decision.billable ? ` : ${euros(record.amountDue)}` : ''}
        </Text>
        {record.balance > 0 && (
          <Text fw={700} data-testid="balance">
            {t('billing.record.balance')} : {euros(record.balance)}
          </Text>
        )}
        {paymentLines(record, t, i18n.language).map((line) => (
          <Text key={line} size="sm">
            {line}
          </Text>
        ))}
        <ErrorAlert error={pay.error} />
        <Group>
          {record.onlinePayment && (
            <Button onClick={() => pay.mutate()} loading={pay.isPending || pay.isSuccess}>
              {t('billing.payments.pay', { amount: euros(record.balance) })}
            </Button>
          )}
          {record.balance > 0 && !record.onlinePayment && <Text size="sm">{t('billing.payments.offline')}</Text>}
          {decision.billable && (
            <Anchor href={billingLinks.feeNote(record.appointmentId)} download>
              {t('billing.record.feeNote')}
            </Anchor>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
