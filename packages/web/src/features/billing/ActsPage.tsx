import { Anchor, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../components/Loading.js';
import { formatEuros } from '../../components/money.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable.js';
import { todayInParis } from '../../components/today.js';
import { billingApi, billingKeys, billingLinks, type ActsFilter, type BillingRecord } from './api.js';
import { BILLING_PATHS } from './paths.js';
import { actDate, PaymentStatus } from './RecordCard.js';

/**
 * The practitioner's acts: per organisation and month, what each was billed, what the patient owes,
 * what was paid, and what is left; the same as CSV for the accounts.
 */
export function ActsPage() {
  const { t, i18n } = useTranslation();
  const euros = (amount: number | null) => formatEuros(amount, i18n.language);
  const [month, setMonth] = useState(todayInParis().slice(0, 7));
  const [organisationId, setOrganisationId] = useState('');
  const [status, setStatus] = useState<'' | 'paid' | 'unpaid'>('');
  const filter: ActsFilter = {
    ...(/^\d{4}-\d{2}$/.test(month) ? { month } : {}),
    ...(organisationId ? { organisationId } : {}),
    ...(status ? { status } : {}),
  };
  const acts = useQuery({ queryKey: billingKeys.acts(filter), queryFn: () => billingApi.acts(filter), placeholderData: keepPreviousData });
  const columns: Column<BillingRecord>[] = [
    {
      key: 'date',
      header: t('billing.acts.date'),
      cell: (r) => `${actDate(r.date, i18n.language)}${r.time ? ` ${r.time}` : ''}`,
      primary: true,
    },
    { key: 'patient', header: t('billing.acts.patient'), cell: (r) => r.patient.name },
    { key: 'organisation', header: t('billing.acts.organisation'), cell: (r) => r.organisation.name },
    {
      key: 'code',
      header: t('billing.acts.code'),
      cell: (r) => (r.billing.decision.billable ? (r.billing.decision.code ?? '—') : t(`billing.record.outcomes.${r.outcome}`)),
    },
    {
      key: 'charged',
      header: t('billing.acts.charged'),
      cell: (r) => (r.billing.decision.billable ? euros(r.billing.share.charged) : '—'),
    },
    { key: 'due', header: t('billing.record.due'), cell: (r) => euros(r.amountDue) },
    { key: 'paid', header: t('billing.record.paid'), cell: (r) => euros(r.paid) },
    { key: 'balance', header: t('billing.record.balance'), cell: (r) => euros(r.balance) },
    { key: 'status', header: t('billing.record.status'), cell: (r) => <PaymentStatus record={r} /> },
    {
      key: 'open',
      header: t('billing.acts.open'),
      bare: true,
      cell: (r) => (
        <Anchor component={Link} to={BILLING_PATHS.billingOf(r.patient.id)}>
          {t('billing.acts.open')} — {r.patient.name}
        </Anchor>
      ),
    },
  ];
  const totals = acts.data?.totals;
  return (
    <Stack gap="md">
      <PageTitle>{t('billing.acts.title')}</PageTitle>
      <Text>{t('billing.acts.intro')}</Text>
      <Group align="end" wrap="wrap">
        <TextInput type="month" label={t('billing.acts.month')} value={month} onChange={(e) => setMonth(e.currentTarget.value)} maw={200} />
        <NativeSelect
          label={t('billing.acts.organisation')}
          value={organisationId}
          onChange={(e) => setOrganisationId(e.currentTarget.value)}
          data={[
            { value: '', label: t('billing.acts.allOrganisations') },
            ...(acts.data?.organisations ?? []).map((o) => ({ value: o.id, label: o.name })),
          ]}
          maw={320}
        />
        <NativeSelect
          label={t('billing.acts.status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as typeof status)}
          data={[
            { value: '', label: t('billing.acts.allStatuses') },
            { value: 'paid', label: t('billing.acts.paidOnly') },
            { value: 'unpaid', label: t('billing.acts.unpaidOnly') },
          ]}
          maw={200}
        />
        <Anchor href={billingLinks.actsCsv(filter)} download>
          {t('billing.acts.export')}
        </Anchor>
      </Group>
      <ErrorAlert error={acts.error} />
      {acts.isPending ? (
        <Loading label={t('common.loading')} />
      ) : acts.data && acts.data.acts.length === 0 ? (
        <Text c="dimmed">{t('billing.acts.none')}</Text>
      ) : acts.data ? (
        <>
          {totals && (
            <Text fw={500} data-testid="acts-totals">
              {t('billing.acts.totals', {
                acts: totals.acts,
                billed: euros(totals.billed),
                due: euros(totals.due),
                paid: euros(totals.paid),
                balance: euros(totals.balance),
              })}
            </Text>
          )}
          <ResponsiveTable label={t('billing.acts.table')} minWidth={980} columns={columns} rows={acts.data.acts} rowKey={(r) => r.id} />
        </>
      ) : null}
    </Stack>
  );
}
