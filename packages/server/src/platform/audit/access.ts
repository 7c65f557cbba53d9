import type { Actor } from '../auth/actor.js';
import type { Db, Tx } from '../database/database.js';
import { recordAuditMany, type AuditEntryInput } from './record.js';
import type { AuditTrail } from './trail.js';

/** What one access to health data is, as the trail records it. */
export interface Access<T> {
  /** null for Parcours itself (a job). */
  actor: Actor | null;
  /**
   * A read changes nothing: its entry joins the node's group commit, and the answer waits for it
   * to be durable. A change records its entry in its own transaction, so that neither commits
   * without the other.
   */
  kind: 'read' | 'change';
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

/** What audited work needs: the database and the node's audit trail. */
export interface AuditedDeps {
  db: Db;
  audit: AuditTrail;
}

/**
 * The one way to read or change health data: authorise, do the work, and record the access — a
 * change in its own transaction, so that nothing is written without its audit entry and no entry
 * stays for work that rolled back; a read through the group commit, answered only once its entry
 * is durable, so that nothing shown is missing from the trail.
 */
export async function audited<T>(deps: AuditedDeps, access: Access<T> & { kind: 'change' }, work: (tx: Tx) => Promise<T>): Promise<T>;
export async function audited<T>(deps: AuditedDeps, access: Access<T>, work: (db: Db) => Promise<T>): Promise<T>;
export async function audited<T>(deps: AuditedDeps, access: Access<T>, work: (db: Tx) => Promise<T>): Promise<T> {
  const role = await access.authorize();
  if (access.kind === 'read') {
    // A read is given the database (the second signature): it runs outside any transaction.
    const result = await (work as unknown as (db: Db) => Promise<T>)(deps.db);
    await deps.audit.record(entriesOf(access, result, role));
    return result;
  }
  return deps.db.transaction().execute(async (tx) => {
    const result = await work(tx);
    await recordAuditMany(tx, entriesOf(access, result, role));
    return result;
  });
}

function entriesOf<T>(access: Access<T>, result: T, role: string): AuditEntryInput[] {
  if (access.entries) return access.entries(result, role);
  return [
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
}
