/**
 * Every event subject and the payload it carries. Each module declares the subjects it publishes
 * beside its service, by declaration merging:
 *
 *   declare module '../../platform/events/subjects.js' {
 *     interface EventSubjects { 'appointment.booked': { appointmentId: string; patientId: string } }
 *   }
 *
 * Subjects are dot-separated tokens (`context.fact`, past tense: what happened). Payloads are plain
 * JSON: identifiers and facts, never a record's health data — a subscriber that needs the data
 * reads it through the owning module's service, under its policy and audit.
 */
export interface EventSubjects {
  /**
   * A session ended before its time (log-out, revocation, password change): open WebSockets of that
   * session, on every node, are closed. Without `sessionId`, every session of the account ended.
   */
  'session.ended': { accountId: string; sessionId?: string };
  /**
   * What an account may do changed: a membership, or the patient records it manages. Its sessions,
   * on every node, reload who they are.
   */
  'account.changed': { accountId: string };
}
