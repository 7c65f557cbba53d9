import { Anchor, List, Text, Title } from '@mantine/core';
import { explain, type RulesCode } from '@parcours/domain';
import { useTranslation } from 'react-i18next';

/** Each reason or warning of a rules decision as its plain sentence in the user's language, with a link to its source. */
export function ExplainedCodes({ codes }: { codes: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <List>
      {codes.map((code) => {
        const explanation = explain(code as RulesCode);
        return (
          <List.Item key={code}>
            {explanation[language]}{' '}
            <Anchor href={explanation.source} target="_blank" rel="noreferrer" fz="sm">
              {t('common.source')}
            </Anchor>
          </List.Item>
        );
      })}
    </List>
  );
}

/**
 * Why the rules decided so, then — when there are any — what the sources leave uncertain, under the
 * headings the page gives. `noReason`, when given, is said instead of an empty list of reasons.
 */
export function ReasonsAndDoubts({
  decision,
  why,
  doubts,
  noReason,
}: {
  decision: { reasons: readonly string[]; warnings: readonly string[] };
  why: string;
  doubts: string;
  noReason?: string;
}) {
  return (
    <>
      <Title order={3} fz="md">
        {why}
      </Title>
      {decision.reasons.length === 0 && noReason !== undefined ? <Text>{noReason}</Text> : <ExplainedCodes codes={decision.reasons} />}
      {decision.warnings.length > 0 && (
        <>
          <Title order={3} fz="md">
            {doubts}
          </Title>
          <ExplainedCodes codes={decision.warnings} />
        </>
      )}
    </>
  );
}
