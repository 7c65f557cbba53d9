import { Alert, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatEuros } from '../../components/money.js';
import { ReasonsAndDoubts } from '../../components/ExplainedCodes.js';
import type { TeleconsultationBilling } from './api.js';

/**
 * What the patient will pay, and why: the verdict, who pays what (on the day, and in the end), then
 * the rules' reasons and doubts in plain words with their sources.
 */
export function CostBreakdown({ billing }: { billing: TeleconsultationBilling }) {
  const { t, i18n } = useTranslation();
  const euros = (amount: number | null) => formatEuros(amount, i18n.language);
  const { decision, share } = billing;
  const verdict = !decision.billable ? 'notBillable' : decision.reimbursable ? 'reimbursed' : 'notReimbursed';
  const rows: [string, string, string][] = [
    ['charged', t('billing.result.charged'), share.charged === null ? t('billing.result.unknownAmount') : euros(share.charged)],
    ['advance', t('billing.result.advance'), share.advance === null ? t('billing.result.unknownAmount') : euros(share.advance)],
    ['amo', t('billing.result.amo'), euros(share.amo)],
    ['supplementary', t('billing.result.supplementary'), euros(share.supplementary)],
    [
      'out-of-pocket',
      t('billing.result.outOfPocket'),
      share.outOfPocket === null ? t('billing.result.unknownAmount') : euros(share.outOfPocket),
    ],
  ];
  return (
    <Stack gap="sm">
      <Alert color={verdict === 'reimbursed' ? 'green.9' : 'red.9'} variant="light">
        <Text fw={700} data-testid="verdict">
          {t(`billing.result.${verdict}`)}
        </Text>
      </Alert>
      <Table maw={560}>
        <Table.Tbody>
          {rows.map(([key, label, value]) => (
            <Table.Tr key={key}>
              <Table.Th scope="row">{label}</Table.Th>
              <Table.Td data-testid={`share-${key}`}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {decision.reimbursable && (
        <Text size="sm">
          {t(`billing.result.tiersPayant.${decision.tiersPayant}`)}
          {share.advanceWithAmoTiersPayant !== null &&
            ' ' + t('billing.result.advanceWithTiersPayant', { amount: euros(share.advanceWithAmoTiersPayant) })}
        </Text>
      )}
      {decision.participationForfaitaire > 0 && (
        <Text size="sm">{t('billing.result.pfNote', { amount: euros(decision.participationForfaitaire) })}</Text>
      )}
      {share.excess > 0 && <Text size="sm">{t('billing.result.excessNote', { amount: euros(share.excess) })}</Text>}
      {!billing.insuranceStated && (
        <Alert color="blue.9" variant="light">
          {t('billing.result.coverNotStated')}
        </Alert>
      )}
      <ReasonsAndDoubts decision={decision} why={t('billing.result.why')} doubts={t('billing.result.doubts')} />
    </Stack>
  );
}
