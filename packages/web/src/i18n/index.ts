import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { fr } from './fr.js';

export type Language = 'fr' | 'en';
export const LANGUAGES: readonly Language[] = ['fr', 'en'];
const STORAGE_KEY = 'parcours.language';

type Bundle = { readonly [key: string]: unknown };

/** The language chosen before on this device, else French: Parcours is French first. */
function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'fr' ? stored : 'fr';
}

/**
 * The catalogue of one language: the shared strings (`app.`, `common.`, `issues.`, `terms.`…) and
 * each feature's own under its name (`billing.estimate.title`).
 */
export function catalogue(
  language: Language,
  features: readonly { name: string; strings: Readonly<Record<Language, Bundle>> }[],
): Record<string, unknown> {
  const shared: Record<string, unknown> = { ...{ fr, en }[language] };
  for (const feature of features) {
    if (feature.name in shared) throw new Error(`i18n: the strings of ${feature.name} would hide another's`);
    shared[feature.name] = feature.strings[language];
  }
  return shared;
}

/** Switches the language and remembers it; the page's lang and title follow (screen readers read them). */
export async function setLanguage(language: Language): Promise<void> {
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
  await i18n.changeLanguage(language);
}

/** Starts i18n with the catalogue assembled from the shared strings and the features'. */
export async function startI18n(features: Parameters<typeof catalogue>[1]): Promise<void> {
  i18n.on('languageChanged', (language) => {
    document.documentElement.lang = language;
    document.title = i18n.t('app.title');
  });
  await i18n.use(initReactI18next).init({
    resources: Object.fromEntries(LANGUAGES.map((language) => [language, { translation: catalogue(language, features) }])),
    lng: initialLanguage(),
    fallbackLng: 'fr',
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = i18n.language;
  document.title = i18n.t('app.title');
}

export default i18n;
