// What CSP R.6316-4 asks of each professional's record of a telemedicine act: the report, the acts
// and prescriptions, the professionals' identities, the date and time, and any technical incident.
// The identities, date and time come from the appointment; the rest the practitioner writes.
import type { Language } from '../../platform/http/language.js';

export type ReportPart = 'narrative' | 'acts' | 'incidents';

const PART_TEXT: Record<ReportPart, Record<Language, string>> = {
  narrative: {
    fr: 'Le compte rendu de l’acte est vide (art. R.6316-4 1° CSP).',
    en: 'The report of the act is empty (CSP art. R.6316-4 1°).',
  },
  acts: {
    fr: 'Les actes réalisés ne sont pas indiqués (art. R.6316-4 2° CSP).',
    en: 'The acts performed are not stated (CSP art. R.6316-4 2°).',
  },
  incidents: {
    fr: 'Les incidents techniques ne sont pas indiqués : écrivez « aucun » s’il n’y en a pas eu (art. R.6316-4 5° CSP).',
    en: 'Technical incidents are not stated: write “none” if there were none (CSP art. R.6316-4 5°).',
  },
};

/** The written parts the report still lacks, in the user's language, each named by its field. */
export function missingParts(report: Record<ReportPart, string>, template: string, language: Language) {
  const parts: ReportPart[] = [];
  // A narrative still holding only its template's headings says nothing yet.
  if (!hasOwnWords(report.narrative, template)) parts.push('narrative');
  if (!report.acts.trim()) parts.push('acts');
  if (!report.incidents.trim()) parts.push('incidents');
  return parts.map((part) => ({ code: part, text: PART_TEXT[part][language] }));
}

function hasOwnWords(narrative: string, template: string): boolean {
  const words = (text: string) => text.replace(/[\s:]+/g, ' ').trim();
  return words(narrative) !== '' && words(narrative) !== words(template);
}
