import type { ProblemTitles, Slugs } from '../../platform/http/problem-titles.js';

export const RECORDS_PROBLEMS = {
  'report-incomplete': {
    fr: 'Le compte rendu ne peut pas être signé : une partie exigée (art. R.6316-4 CSP) manque',
    en: 'The report cannot be signed: a required part (CSP art. R.6316-4) is missing',
  },
  'report-signed': {
    fr: 'Le compte rendu est signé : il ne change plus, ajoutez un addendum',
    en: 'The report is signed: it no longer changes, add an addendum',
  },
  'report-not-signed': {
    fr: 'Le compte rendu n’est pas signé : il ne peut être ni complété d’un addendum ni partagé',
    en: 'The report is not signed: it can neither be amended nor shared',
  },
  'appointment-not-held': {
    fr: 'Ce rendez-vous n’a pas eu lieu : il n’a pas de compte rendu',
    en: 'This appointment did not take place: it has no report',
  },
  'sick-leave-refused': {
    fr: 'Cet arrêt de travail ne peut pas être prescrit par télémédecine',
    en: 'This sick leave cannot be prescribed by telemedicine',
  },
  'recipient-not-in-care': {
    fr: 'Ce destinataire ne suit pas ce patient',
    en: 'This recipient does not care for this patient',
  },
} satisfies ProblemTitles;

declare module '../../platform/http/problem-titles.js' {
  interface ProblemCatalogue extends Slugs<typeof RECORDS_PROBLEMS> {}
}
