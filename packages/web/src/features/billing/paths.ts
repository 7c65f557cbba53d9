/** The billing screens' addresses (French first, like the rest of the app). */
export const BILLING_PATHS = {
  estimate: '/estimation',
  carePatients: '/patients',
  billing: '/patients/:patientId/facturation',
  billingOf: (patientId: string) => `/patients/${encodeURIComponent(patientId)}/facturation`,
  payments: '/mes-paiements',
  acts: '/actes',
} as const;
