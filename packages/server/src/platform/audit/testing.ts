import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.js';
import type { Db } from '../database/database.js';

/**
 * For tests: runs SQL on the audit log as a database superuser would, past the append-only
 * triggers (replica mode fires no ordinary trigger) — the very threat `parcours audit verify` guards against.
 */
export async function asSuperuser(db: Db, ...statements: string[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    for (const statement of statements) await sql.raw(statement).execute(tx);
  });
}

/** For tests: an empty trail — one empty chain, no checkpoint — so that each case starts from entry #1. */
export const emptyTrail = (db: Db) =>
  asSuperuser(
    db,
    'delete from audit_log',
    'delete from audit_checkpoint',
    'delete from audit_chain where id > 0',
    `update audit_chain set seq = 0, hash = repeat('0', 64)`,
  );

/** For tests: a professional in one organisation, or a patient managing their own record. */
export function practitioner(organisationId: string = randomUUID()): Actor {
  return {
    accountId: randomUUID(),
    sessionId: randomUUID(),
    memberships: [{ organisationId, role: 'practitioner' }],
    patientIds: [],
    isProfessional: true,
    address: '203.0.113.7',
  };
}

export function patient(patientId: string = randomUUID()): Actor {
  return {
    accountId: randomUUID(),
    sessionId: randomUUID(),
    memberships: [],
    patientIds: [patientId],
    isProfessional: false,
    address: '198.51.100.4',
  };
}
