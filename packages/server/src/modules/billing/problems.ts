import type { ProblemTitles, Slugs } from '../../platform/http/problem-titles.js';

export const BILLING_PROBLEMS = {
  'not-a-teleconsulting-profession': {
    fr: 'Seuls les médecins et les sages-femmes facturent une téléconsultation',
    en: 'Only doctors and midwives bill a teleconsultation',
  },
  'nothing-to-pay': { fr: 'Il ne reste rien à payer pour cet acte', en: 'Nothing is left to pay for this act' },
  'online-payment-unavailable': { fr: 'Le paiement en ligne n’est pas proposé ici', en: 'Online payment is not offered here' },
  'payment-provider-unavailable': {
    fr: 'Le service de paiement ne répond pas ; réessayez dans un instant',
    en: 'The payment service does not answer; try again in a moment',
  },
  'invalid-signature': { fr: 'Signature de la notification invalide', en: 'Invalid notification signature' },
} satisfies ProblemTitles;

declare module '../../platform/http/problem-titles.js' {
  interface ProblemCatalogue extends Slugs<typeof BILLING_PROBLEMS> {}
}
