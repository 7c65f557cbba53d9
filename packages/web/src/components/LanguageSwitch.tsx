import { SegmentedControl, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n/index.js';

/**
 * French / English, remembered on this device; labelled for screen readers. `onChange` lets the
 * shell also remember the choice on the signed-in account.
 */
export function LanguageSwitch({ onChange }: { onChange?: (language: Language) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <div role="group" aria-labelledby="language-switch-label">
      <VisuallyHidden id="language-switch-label">{t('app.language')}</VisuallyHidden>
      <SegmentedControl
        size="xs"
        value={i18n.language}
        onChange={(value) => {
          void setLanguage(value as Language);
          onChange?.(value as Language);
        }}
        data={LANGUAGES.map((language) => ({ value: language, label: language.toUpperCase() }))}
        aria-label={t('app.language')}
        data-testid="language-switch"
      />
    </div>
  );
}
