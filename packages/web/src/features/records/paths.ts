/** The records screens' addresses (French first, like the rest of the app). */
export const RECORDS_PATHS = {
  /** The practitioner's report of an appointment: from the agenda's appointment and the call's end. */
  report: '/rendez-vous/:appointmentId/compte-rendu',
  reportOf: (appointmentId: string) => `/rendez-vous/${encodeURIComponent(appointmentId)}/compte-rendu`,
  /** The patient's documents. */
  documents: '/mes-documents',
  /** The professional's secure inbox, and one message (the address the notice mail links to). */
  inbox: '/messagerie',
  message: '/messagerie/:messageId',
  messageOf: (messageId: string) => `/messagerie/${encodeURIComponent(messageId)}`,
  /** Public: the page a document's QR code opens. */
  verify: '/verify/:number',
} as const;
