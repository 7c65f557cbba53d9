/** The scheduling screens' addresses (French first, like the rest of the app). */
export const SCHEDULING_PATHS = {
  book: '/prendre-rendez-vous',
  mine: '/mes-rendez-vous',
  appointment: '/rendez-vous/:appointmentId',
  appointmentOf: (appointmentId: string) => `/rendez-vous/${encodeURIComponent(appointmentId)}`,
  agenda: '/agenda',
  availability: '/disponibilites',
} as const;
