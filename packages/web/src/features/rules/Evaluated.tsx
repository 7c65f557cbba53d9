import { Alert, List, Stack, Table, Title } from '@mantine/core';
import { DECISION_AMOUNT_FIELDS, evaluate, RulesRequestError, type RulesDecision, type RulesRequest } from '@parcours/domain';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatEuros } from '../../components/money.js';
import { ReasonsAndDoubts } from '../../components/ExplainedCodes.js';
import { StatusBadge } from '../../components/StatusBadge.js';

const AMOUNTS = new Set<string>(DECISION_AMOUNT_FIELDS);
const SHARES = new Set(['amoRate', 'cap']);
const EXPLAINED = new Set(['reasons', 'warnings', 'sources']);

/**
 * The rules' decision on a case, decided in the browser (`evaluate` is pure, the server's own): every
 * field of the decision in words, then the reasons and the doubts with their sources. A malformed
 * case shows the fields at fault, as the API would name them.
 */
export function Evaluated({ request }: { request: unknown }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fr';
  const result = useMemo(() => {
    try {
      return { decision: evaluate(request as RulesRequest) as RulesDecision, issues: null };
    } catch (error) {
      if (error instanceof RulesRequestError) return { decision: null, issues: error.issues };
      throw error;
    }
  }, [request]);

  const value = (key: string, v: unknown): ReactNode => {
    if (v === null || v === undefined) return '—';
    if (typeof v === 'boolean') {
      return <StatusBadge tone={v ? 'positive' : 'negative'}>{v ? t('common.yes') : t('common.no')}</StatusBadge>;
    }
    if (key === 'tiersPayant') return t(`terms.tiersPayantModes.${v as 'full' | 'amo' | 'optional'}`);
    if (typeof v === 'number' && AMOUNTS.has(key)) return formatEuros(v, language);
    if (typeof v === 'number' && SHARES.has(key)) {
      return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(v);
    }
    return String(v);
  };

  return (
    <section aria-labelledby="decision-heading" aria-live="polite">
      <Title order={2} id="decision-heading" mb="sm">
        {t('rules.decision')}
      </Title>
      {result.issues ? (
        <Alert color="red.9" variant="light" role="alert" title={t('rules.malformed')}>
          <List size="sm">
            {result.issues.map((issue) => (
              <List.Item key={`${issue.path}:${issue.code}`}>
                {issue.path ? `${issue.path} : ` : ''}
                {issue.message[language]}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : (
        <Stack>
          <Table maw={560}>
            <Table.Tbody>
              {Object.entries(result.decision!)
                // A field our catalogue does not word yet is left out rather than shown by its code.
                .filter(([key]) => !EXPLAINED.has(key) && i18n.exists(`rules.fields.${key}`))
                .map(([key, v]) => (
                  <Table.Tr key={key}>
                    <Table.Th scope="row">{t(`rules.fields.${key}`)}</Table.Th>
                    <Table.Td data-testid={key}>{value(key, v)}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
          <ReasonsAndDoubts decision={result.decision!} why={t('rules.why')} doubts={t('rules.doubts')} noReason={t('rules.noReason')} />
        </Stack>
      )}
    </section>
  );
}
