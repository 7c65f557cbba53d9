import type { ProblemTitles, Slugs } from '../../platform/http/problem-titles.js';

export const TRIAGE_PROBLEMS = {
  'questionnaire-version-exists': {
    fr: 'Cette version du questionnaire existe déjà : une version publiée ne change plus',
    en: 'This version of the questionnaire already exists: a published version never changes',
  },
  'emergency-cannot-book': {
    fr: 'Le questionnaire oriente vers le 15 : appelez le 15, aucune téléconsultation ne peut être réservée',
    en: 'The questionnaire points to the 15: call 15, no teleconsultation can be booked',
  },
  'appointment-already-started': {
    fr: 'La consultation a déjà commencé ou n’a plus lieu : le questionnaire ne peut plus être changé pour ce rendez-vous',
    en: 'The consultation has already started or no longer takes place: the questionnaire can no longer be changed for this appointment',
  },
} satisfies ProblemTitles;

declare module '../../platform/http/problem-titles.js' {
  interface ProblemCatalogue extends Slugs<typeof TRIAGE_PROBLEMS> {}
}
