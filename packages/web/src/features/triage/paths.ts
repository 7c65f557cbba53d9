/** The triage screens' addresses. */
export const TRIAGE_PATHS = {
  /** An organisation's copy of the questionnaire, for its administrators. */
  editor: '/organisation/questionnaire',
} as const;
