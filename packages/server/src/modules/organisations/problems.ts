import type { ProblemTitles, Slugs } from '../../platform/http/problem-titles.js';

export const ORGANISATIONS_PROBLEMS = {
  'site-exists': { fr: 'Un site porte déjà ce nom', en: 'A site already has this name' },
} satisfies ProblemTitles;

declare module '../../platform/http/problem-titles.js' {
  interface ProblemCatalogue extends Slugs<typeof ORGANISATIONS_PROBLEMS> {}
}
