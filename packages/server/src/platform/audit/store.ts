import { sql, type Selectable } from 'kysely';
import type { Db, Tx } from '../database/database.js';
import type { ChainedFields } from './chain.js';
import type { AuditTables } from './tables.js';

/** An entry as stored: its fields, the hash of the entry before it, and its own hash. */
export interface StoredEntry extends ChainedFields {
  prevHash: string;
  hash: string;
}

/** Rows per INSERT: 13 parameters each stays far below PostgreSQL's 65,535 per statement. */
const INSERT_CHUNK = 1_000;

function fromRow(row: Selectable<AuditTables['audit_log']>): StoredEntry {
  return {
    // bigint: node-postgres is told to read it as a number (postgres.ts); Number() also covers a BigInt.
    seq: Number(row.seq),
    at: row.at,
    actorAccountId: row.actor_account_id,
    actorRole: row.actor_role,
    organisationId: row.organisation_id,
    patientId: row.patient_id,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    address: row.address,
    reason: row.reason,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The last entry of the chain, and the database's clock to the millisecond (the precision an ISO
 * date keeps in the hash). One clock for every node: under the lock, `at` follows `seq`.
 */
export async function chainHead(tx: Tx): Promise<{ last: { seq: number; hash: string } | null; now: Date }> {
  const { rows } = await sql<{ now: Date; seq: number | null; hash: string | null }>`
    select date_trunc('milliseconds', clock_timestamp()) as now, last.seq, last.hash
    from (select 1) as one
    left join lateral (select seq, hash from audit_log order by seq desc limit 1) as last on true`.execute(tx);
  const row = rows[0]!;
  return { last: row.seq === null || row.hash === null ? null : { seq: Number(row.seq), hash: row.hash }, now: row.now };
}

export async function insertEntries(tx: Tx, entries: StoredEntry[]): Promise<void> {
  for (let start = 0; start < entries.length; start += INSERT_CHUNK) {
    await tx
      .insertInto('audit_log')
      .values(
        entries.slice(start, start + INSERT_CHUNK).map((e) => ({
          seq: e.seq,
          at: e.at,
          actor_account_id: e.actorAccountId,
          actor_role: e.actorRole,
          organisation_id: e.organisationId,
          patient_id: e.patientId,
          action: e.action,
          resource_type: e.resourceType,
          resource_id: e.resourceId,
          address: e.address,
          reason: e.reason,
          prev_hash: e.prevHash,
          hash: e.hash,
        })),
      )
      .execute();
  }
}

/**
 * The next `limit` entries in chain order after `after` (keyset pagination on the primary key).
 * The hash breaks ties so that two rows sharing a number — possible only once someone dropped the
 * primary key — are both read, and verify can name them.
 */
export async function readChain(db: Db, after: { seq: number; hash: string } | null, limit: number): Promise<StoredEntry[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('seq').orderBy('hash').limit(limit);
  if (after)
    query = query.where((eb) => eb.and([eb('seq', '>=', after.seq), eb.or([eb('seq', '>', after.seq), eb('hash', '>', after.hash)])]));
  return (await query.execute()).map(fromRow);
}

/** The entry with this hash, if any. A full scan: verify asks only about a bad entry, a few times at most. */
export async function entryWithHash(db: Db, hash: string): Promise<StoredEntry | null> {
  const row = await db.selectFrom('audit_log').selectAll().where('hash', '=', hash).limit(1).executeTakeFirst();
  return row ? fromRow(row) : null;
}

/** A patient's entries, newest first, strictly before the cursor when one is given. */
export async function patientEntries(
  db: Db,
  patientId: string,
  page: { limit: number; before?: Date | undefined; beforeSeq?: number | undefined },
): Promise<StoredEntry[]> {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('at', 'desc')
    .orderBy('seq', 'desc')
    .limit(page.limit);
  const { before, beforeSeq } = page;
  if (before && beforeSeq !== undefined)
    query = query.where((eb) => eb.and([eb('at', '<=', before), eb.or([eb('at', '<', before), eb('seq', '<', beforeSeq)])]));
  else if (before) query = query.where('at', '<', before);
  return (await query.execute()).map(fromRow);
}
