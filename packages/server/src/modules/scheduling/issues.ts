import type { Language } from '../../platform/http/language.js';
import type { FieldIssue } from '../../platform/http/problem.js';

/** The field issues scheduling finds beyond the shape of a request, in French and English. */
const MESSAGES = {
  'in-the-past': { fr: 'Ce moment est déjà passé.', en: 'This time has already passed.' },
  'not-offered': {
    fr: 'Ce créneau n’est pas proposé (hors des disponibilités, du délai de prévenance ou de l’horizon de réservation).',
    en: 'This slot is not offered (outside the availability, the minimum notice or the booking horizon).',
  },
  'unknown-type': {
    fr: 'Ce type de consultation n’existe pas ou n’est plus proposé.',
    en: 'This consultation type does not exist or is no longer offered.',
  },
  'unknown-patient': { fr: 'Ce patient est inconnu.', en: 'This patient is unknown.' },
  'unknown-site': { fr: 'Ce site n’appartient pas à la structure.', en: 'This site does not belong to the organisation.' },
  'not-a-practitioner-here': {
    fr: 'Ce praticien est inconnu ou n’exerce pas dans cette structure.',
    en: 'This practitioner is unknown or does not practise in this organisation.',
  },
  'overlaps-exception': {
    fr: 'Cette période chevauche une autre exception de l’agenda.',
    en: 'This period overlaps another exception of the schedule.',
  },
  'not-a-teleconsultation': {
    fr: 'L’estimation du remboursement concerne les téléconsultations d’un médecin ou d’une sage-femme.',
    en: 'The reimbursement estimate is for teleconsultations with a doctor or a midwife.',
  },
  'other-schedule': {
    fr: 'Un rendez-vous se déplace dans le même agenda.',
    en: 'An appointment moves within the same schedule.',
  },
} as const;

export type SchedulingIssue = keyof typeof MESSAGES;

export function fieldIssue(field: string, code: SchedulingIssue, language: Language): FieldIssue {
  return { field, code, message: MESSAGES[code][language] };
}
