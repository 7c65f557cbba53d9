import type { Actor } from '../auth/actor.js';
import type { Db, Tx } from '../database/database.js';
import { recordAuditMany, type AuditEntryInput } from './record.js';

/** What one access to health data is, as the trail records it. */
export interface Access<T> {
  actor: Actor;
  /** `<context>.<verb>`, e.g. `patient.read`. */
  action: string;
  resource: { type: string; id?: string };
  patientId?: string;
  organisationId?: string;
  reason?: string;
  /**
   * Decides whether the actor may do this, before anything is read: throws a Problem when not, and
   * otherwise answers the capacity the actor acts in (`patient`, `practitioner`…).
   */
  authorize: () => Promise<string> | string;
  /** When one access touches several records (a list): one entry each, from the result. */
  entries?: (result: T, role: string) => AuditEntryInput[];
}

/**
 * The one way to read or change health data: authorise, do the work in a transaction, and record
 * the access in that same transaction, so that nothing is read or written without its audit entry
 * and no entry stays for work that rolled back.
 */
export async function audited<T>(db: Db, access: Access<T>, work: (tx: Tx) => Promise<T>): Promise<T> {
  const role = await access.authorize();
  return db.transaction().execute(async (tx) => {
    const result = await work(tx);
    const entries = access.entries
      ? access.entries(result, role)
      : [
          {
            actor: access.actor,
            role,
            action: access.action,
            resource: access.resource,
            ...(access.patientId ? { patientId: access.patientId } : {}),
            ...(access.organisationId ? { organisationId: access.organisationId } : {}),
            ...(access.reason ? { reason: access.reason } : {}),
          },
        ];
    await recordAuditMany(tx, entries);
    return result;
  });
}
