import type { ProblemTitles, Slugs } from '../../platform/http/problem-titles.js';

export const SCHEDULING_PROBLEMS = {
  'slot-taken': { fr: 'Ce créneau vient d’être pris', en: 'This slot has just been taken' },
  'idempotency-key-reused': {
    fr: 'Cette clé d’idempotence a déjà servi pour une autre réservation',
    en: 'This idempotency key was already used for another booking',
  },
  'appointment-not-changeable': {
    fr: 'Ce rendez-vous ne peut plus être modifié de cette façon',
    en: 'This appointment can no longer be changed this way',
  },
  'schedule-exists': {
    fr: 'Un agenda existe déjà pour ce praticien à cet endroit',
    en: 'A schedule already exists for this practitioner at this place',
  },
} satisfies ProblemTitles;

declare module '../../platform/http/problem-titles.js' {
  interface ProblemCatalogue extends Slugs<typeof SCHEDULING_PROBLEMS> {}
}
