// Report templates per specialty: the headings a report of that specialty is expected to cover,
// prefilled into the narrative when a report is opened. Reports are written in French.

export const REPORT_TEMPLATE_IDS = ['general-practice', 'pediatrics', 'psychiatry', 'dermatology', 'gynecology'] as const;
export type ReportTemplateId = (typeof REPORT_TEMPLATE_IDS)[number];

interface ReportTemplate {
  label: { fr: string; en: string };
  narrative: string;
}

const headings = (...lines: string[]) => lines.map((l) => `${l} :\n`).join('\n');

export const REPORT_TEMPLATES: Readonly<Record<ReportTemplateId, ReportTemplate>> = {
  'general-practice': {
    label: { fr: 'Médecine générale', en: 'General practice' },
    narrative: headings('Motif de consultation', 'Anamnèse', 'Examen (à distance)', 'Conclusion', 'Conduite à tenir'),
  },
  pediatrics: {
    label: { fr: 'Pédiatrie', en: 'Pediatrics' },
    narrative: headings(
      'Motif de consultation',
      'Accompagnant',
      'Anamnèse',
      'Croissance et développement',
      'Conclusion',
      'Conduite à tenir',
    ),
  },
  psychiatry: {
    label: { fr: 'Psychiatrie', en: 'Psychiatry' },
    narrative: headings('Motif de consultation', 'Entretien', 'Évaluation du risque', 'Conclusion', 'Suivi proposé'),
  },
  dermatology: {
    label: { fr: 'Dermatologie', en: 'Dermatology' },
    narrative: headings('Motif de consultation', 'Lésions observées (photos transmises)', 'Conclusion', 'Traitement et surveillance'),
  },
  gynecology: {
    label: { fr: 'Gynécologie', en: 'Gynecology' },
    narrative: headings('Motif de consultation', 'Antécédents gynéco-obstétricaux', 'Anamnèse', 'Conclusion', 'Conduite à tenir'),
  },
};

/** The template for a practitioner's specialty, general practice otherwise. */
export function templateFor(specialty: string | null): ReportTemplateId {
  return (REPORT_TEMPLATE_IDS as readonly string[]).includes(specialty ?? '') ? (specialty as ReportTemplateId) : 'general-practice';
}
