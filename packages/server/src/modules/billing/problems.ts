import type { ProblemTitles, Slugs } from '../../platform/http/problem-titles.js';

export const BILLING_PROBLEMS = {
  'not-a-teleconsulting-profession': {
    fr: 'Seuls les médecins et les sages-femmes facturent une téléconsultation',
    en: 'Only doctors and midwives bill a teleconsultation',
  },
} satisfies ProblemTitles;

declare module '../../platform/http/problem-titles.js' {
  interface ProblemCatalogue extends Slugs<typeof BILLING_PROBLEMS> {}
}
