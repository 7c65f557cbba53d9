/** The teleconsultation screens' addresses (French first, like the rest of the app). */
export const TELECONSULTATION_PATHS = {
  /** The practitioner's waiting room. */
  waitingRoom: '/salle-d-attente',
  /** A patient's waiting room for one appointment: device test, live state, consent. */
  visit: '/teleconsultation/:appointmentId',
  visitOf: (appointmentId: string) => `/teleconsultation/${encodeURIComponent(appointmentId)}`,
  /** The call itself, for either side. */
  call: '/teleconsultation/:appointmentId/appel',
  callOf: (appointmentId: string) => `/teleconsultation/${encodeURIComponent(appointmentId)}/appel`,
  /** The equipment and connectivity test, outside any appointment. */
  deviceCheck: '/test-materiel',
  /** An assistant's page, opened by an invitation link: the token rides in the fragment (`/assister#…`), never sent to a server. */
  assist: '/assister',
} as const;
