/** The telemonitoring screens' addresses (French first, like the rest of the app). */
export const TELEMONITORING_PATHS = {
  /** The practitioner's dashboard: patients under telemonitoring, open alerts, live. */
  dashboard: '/telesurveillance',
  /** One patient's monitoring, for their care team. */
  patient: '/telesurveillance/patients/:patientId',
  patientOf: (patientId: string) => `/telesurveillance/patients/${encodeURIComponent(patientId)}`,
  /** The operator's monthly report: transmission rates and forfaits. */
  report: '/telesurveillance/rapport',
  /** The patient's own readings and programme. */
  mine: '/ma-telesurveillance',
} as const;
