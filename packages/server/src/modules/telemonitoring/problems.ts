import type { ProblemTitles, Slugs } from '../../platform/http/problem-titles.js';

export const TELEMONITORING_PROBLEMS = {
  'telemonitoring-consent-required': {
    fr: 'Le patient n’a pas consenti à la télésurveillance : recueillez son consentement avant de l’inscrire',
    en: 'The patient has not consented to telemonitoring: record their consent before enrolling them',
  },
  'telemonitoring-already-enrolled': {
    fr: 'Le patient est déjà inscrit à ce programme de télésurveillance',
    en: 'The patient is already enrolled in this telemonitoring programme',
  },
  'telemonitoring-not-enrolled': {
    fr: 'Le patient n’est inscrit à aucun programme de télésurveillance en cours',
    en: 'The patient is enrolled in no current telemonitoring programme',
  },
  'telemonitoring-enrolment-ended': {
    fr: 'Cette télésurveillance est terminée',
    en: 'This telemonitoring has ended',
  },
  'telemonitoring-device-token-invalid': {
    fr: 'Identifiant d’appareil absent, inconnu ou révoqué',
    en: 'Device credential missing, unknown or revoked',
  },
  'telemonitoring-not-eligible': {
    fr: 'Cette télésurveillance ne peut pas être prescrite à ce patient : voir les raisons',
    en: 'This telemonitoring cannot be prescribed to this patient: see the reasons',
  },
  'telemonitoring-not-in-programme': {
    fr: 'Le patient n’est pas suivi dans le programme de télésurveillance de ce questionnaire',
    en: 'The patient is not followed in the telemonitoring programme of this questionnaire',
  },
  'telemonitoring-alert-resolved': {
    fr: 'Cette alerte est déjà résolue',
    en: 'This alert is already resolved',
  },
} satisfies ProblemTitles;

declare module '../../platform/http/problem-titles.js' {
  interface ProblemCatalogue extends Slugs<typeof TELEMONITORING_PROBLEMS> {}
}
