/** The scheduling screens' addresses (French first, like the rest of the app). */
export const SCHEDULING_PATHS = {
  book: '/prendre-rendez-vous',
  mine: '/mes-rendez-vous',
  appointment: '/rendez-vous/:appointmentId',
  appointmentOf: (appointmentId: string) => `/rendez-vous/${encodeURIComponent(appointmentId)}`,
  agenda: '/agenda',
  /** A professional books for a patient they follow; `?patient=` chooses the patient. */
  forPatient: '/agenda/nouveau-rendez-vous',
  forPatientOf: (patientId: string) => `/agenda/nouveau-rendez-vous?patient=${encodeURIComponent(patientId)}`,
  availability: '/disponibilites',
} as const;
