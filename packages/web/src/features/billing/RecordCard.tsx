import { Alert, Anchor, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ReasonsAndDoubts } from '../../components/ExplainedCodes.js';
import { formatEuros } from '../../components/money.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { optionalText } from '../../forms/fields.js';
import { useApiForm } from '../../forms/useApiForm.js';
import { billingApi, billingLinks, type BillingRecord, type ManualPayment } from './api.js';

/** An act's day as people read it: 23/11/2026, 23 Nov 2026. */
export function actDate(date: string, language: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString(language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'medium', timeZone: 'UTC' });
}

const TONE = { 'not-billed': 'neutral', 'nothing-due': 'positive', unpaid: 'warning', 'partly-paid': 'warning', paid: 'positive' } as const;

export function PaymentStatus({ record }: { record: Pick<BillingRecord, 'status'> }) {
  const { t } = useTranslation();
  return <StatusBadge tone={TONE[record.status]}>{t(`billing.record.statuses.${record.status}`)}</StatusBadge>;
}

/** The payments of an act, one line each: 25,00 € par carte bancaire en ligne le 2 déc. 2026. */
export function paymentLines(record: BillingRecord, t: TFunction, language: string): string[] {
  return record.payments.map((p) =>
    t('billing.record.payment', {
      amount: formatEuros(p.amount, language),
      means: t(`billing.record.means.${p.means}`),
      date: actDate(p.paidAt.slice(0, 10), language),
    }),
  );
}

/**
 * The stored billing record of an act, as its practitioner sees it: the decision (code, fee, shares,
 * tiers payant, reasons and doubts), the assistant's act, what is due, paid and left, and a form to
 * record a cheque or a transfer.
 */
export function RecordCard({ record }: { record: BillingRecord }) {
  const { t, i18n } = useTranslation();
  const euros = (amount: number | null) => formatEuros(amount, i18n.language);
  const { decision, share } = record.billing;
  const rows: [string, string, string][] = decision.billable
    ? [
        ['code', t('billing.decision.code'), decision.code ?? '—'],
        ['fee', t('billing.decision.fee'), euros(decision.fee)],
        ['amo', t('terms.amo'), euros(decision.amoAmount)],
        ['pf', t('terms.pf'), euros(decision.participationForfaitaire)],
        ['tm', t('terms.tm'), euros(decision.ticketModerateur)],
        ['tiers-payant', t('billing.decision.tiersPayant'), t(`terms.tiersPayantModes.${decision.tiersPayant}`)],
        ['due', t('billing.record.due'), euros(record.amountDue)],
        ['paid', t('billing.record.paid'), euros(record.paid)],
        ['balance', t('billing.record.balance'), euros(record.balance)],
      ]
    : [];
  return (
    <Paper withBorder p="md" data-testid={`record-${record.appointmentId}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} fz="h4">
            {t('billing.record.act', { date: actDate(record.date, i18n.language) })}
            {record.time ? ` — ${record.time}` : ''}
          </Title>
          <PaymentStatus record={record} />
        </Group>
        <Alert color={decision.billable ? 'green.9' : 'red.9'} variant="light">
          {decision.billable
            ? t(decision.reimbursable ? 'billing.decision.bill' : 'billing.decision.billNotReimbursed', {
                code: decision.code,
                amount: euros(share.charged),
              })
            : t(`billing.record.outcomes.${record.outcome}`)}
        </Alert>
        {record.assumed.includes('treatingDoctor') && decision.billable && <Text size="sm">{t('billing.record.assumed')}</Text>}
        {rows.length > 0 && (
          <Table maw={560}>
            <Table.Tbody>
              {rows.map(([key, label, value]) => (
                <Table.Tr key={key}>
                  <Table.Th scope="row">{label}</Table.Th>
                  <Table.Td data-testid={`record-${key}`}>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {record.assistant?.code && (
          <Text size="sm">
            {t('billing.record.assistant', {
              profession: t(`billing.record.professions.${record.assistant.profession}`),
              code: record.assistant.code,
              amount: euros(record.assistant.fee),
            })}
          </Text>
        )}
        {paymentLines(record, t, i18n.language).map((line) => (
          <Text key={line} size="sm">
            {line}
          </Text>
        ))}
        <ReasonsAndDoubts decision={decision} why={t('billing.result.why')} doubts={t('billing.result.doubts')} />
        <Anchor href={billingLinks.feeNote(record.appointmentId)} download>
          {t('billing.record.feeNote')}
        </Anchor>
        {record.balance > 0 && <PaymentForm record={record} />}
      </Stack>
    </Paper>
  );
}

interface PaymentValues {
  means: 'cheque' | 'transfer';
  amount: string;
  reference: string;
}

const paymentSchema = z
  .object({
    means: z.enum(['cheque', 'transfer']),
    amount: z
      .string()
      .trim()
      .min(1, 'issues.required')
      .refine((text) => /^\d+([.,]\d{1,2})?$/.test(text) && Number(text.replace(',', '.')) > 0, 'issues.amount'),
    reference: optionalText(100),
  })
  .transform(({ means, amount, reference }): ManualPayment => ({
    means,
    amount: Number(amount.replace(',', '.')),
    ...(reference ? { reference } : {}),
  }));

/** The practitioner records a cheque or a transfer, the balance proposed. */
function PaymentForm({ record }: { record: BillingRecord }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: { means: 'cheque', amount: record.balance.toFixed(2).replace('.', ','), reference: '' } as PaymentValues,
    schema: paymentSchema,
    submit: (body) => billingApi.recordPayment(record.appointmentId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['billing'] }),
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('billing.record.recordPayment')}>
      <Stack gap="xs">
        <Title order={4} fz="h5">
          {t('billing.record.recordPayment')}
        </Title>
        <ProblemAlert problem={problem} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label={t('billing.record.meansLabel')}
            data={(['cheque', 'transfer'] as const).map((value) => ({ value, label: t(`billing.record.meansChoices.${value}`) }))}
            {...form.getInputProps('means')}
          />
          <TextInput label={t('billing.record.amount')} inputMode="decimal" {...form.getInputProps('amount')} />
          <TextInput label={t('billing.record.reference')} {...form.getInputProps('reference')} />
        </SimpleGrid>
        <Group>
          <Button type="submit" variant="light" loading={mutation.isPending}>
            {t('billing.record.save')}
          </Button>
          {mutation.isSuccess && (
            <Text size="sm" role="status">
              {t('billing.record.saved')}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
