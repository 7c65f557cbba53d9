import { Anchor, List } from '@mantine/core';
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
              {t('simulator.source')}
            </Anchor>
          </List.Item>
        );
      })}
    </List>
  );
}
