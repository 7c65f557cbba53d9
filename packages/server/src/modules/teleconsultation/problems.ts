import type { ProblemTitles, Slugs } from '../../platform/http/problem-titles.js';

export const TELECONSULTATION_PROBLEMS = {
  'not-a-video-appointment': {
    fr: 'Ce rendez-vous n’est pas une téléconsultation par vidéo',
    en: 'This appointment is not a video teleconsultation',
  },
  'check-in-not-open': {
    fr: 'La salle d’attente ouvre 15 minutes avant le rendez-vous',
    en: 'The waiting room opens 15 minutes before the appointment',
  },
  'check-in-closed': {
    fr: 'Ce rendez-vous est passé ou n’est plus actif',
    en: 'This appointment is over or no longer active',
  },
  'visit-not-changeable': {
    fr: 'La salle d’attente a changé : rechargez la liste',
    en: 'The waiting room changed: reload the list',
  },
  'not-admitted': {
    fr: 'Le praticien ne vous a pas encore fait entrer',
    en: 'The practitioner has not let you in yet',
  },
  'consent-required': {
    fr: 'Le consentement à la téléconsultation est requis avant d’entrer',
    en: 'Consent to the teleconsultation is required before joining',
  },
  'file-too-large': {
    fr: 'Le fichier dépasse la taille permise (10 Mo)',
    en: 'The file is larger than allowed (10 MB)',
  },
} satisfies ProblemTitles;

declare module '../../platform/http/problem-titles.js' {
  interface ProblemCatalogue extends Slugs<typeof TELECONSULTATION_PROBLEMS> {}
}
