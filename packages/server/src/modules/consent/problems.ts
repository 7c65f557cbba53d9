import type { ProblemTitles, Slugs } from '../../platform/http/problem-titles.js';

export const CONSENT_PROBLEMS = {
  'consent-information-outdated': {
    fr: 'Le texte d’information a changé : relisez-le avant de consentir',
    en: 'The information text changed: read it again before consenting',
  },
} satisfies ProblemTitles;

declare module '../../platform/http/problem-titles.js' {
  interface ProblemCatalogue extends Slugs<typeof CONSENT_PROBLEMS> {}
}
