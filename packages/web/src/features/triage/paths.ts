/** The triage screens' addresses. */
export const TRIAGE_PATHS = {
  /** An organisation's copy of the questionnaire, for its administrators. */
  editor: '/organisation/questionnaire',
  /** The patient answers again before the call: the appointment takes the newest answers. */
  review: '/rendez-vous/:appointmentId/questionnaire',
  reviewOf: (appointmentId: string) => `/rendez-vous/${encodeURIComponent(appointmentId)}/questionnaire`,
  /** Where the organisation's questionnaire runs end: started, left, oriented, booked, seen. */
  statistics: '/organisation/statistiques-questionnaire',
} as const;
