/** The triage screens' addresses. */
export const TRIAGE_PATHS = {
  /** An organisation's copy of the questionnaire, for its administrators. */
  editor: '/organisation/questionnaire',
  /** Where the organisation's questionnaire runs end: started, left, oriented, booked, seen. */
  statistics: '/organisation/statistiques-questionnaire',
} as const;
