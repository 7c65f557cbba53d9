import { sql, type Selectable } from 'kysely';
import type { Db, Tx } from '../database/database.js';
import { prepared } from '../database/prepared.js';
import { GENESIS_HASH, type ChainedFields } from './chain.js';
import type { AuditTables } from './tables.js';

/** An entry as stored: its chain, its fields, the hash of the entry before it, and its own hash. */
export interface StoredEntry extends ChainedFields {
  chain: number;
  prevHash: string;
  hash: string;
}

/** Where a chain ends: its last entry's number and hash (0 and the genesis hash while empty). */
export interface ChainHead {
  chain: number;
  seq: number;
  hash: string;
}

/** A signed statement of every chain's head, as stored and as published. */
export interface SignedCheckpoint {
  seq: number;
  at: Date;
  heads: ChainHead[];
  prevHash: string;
  hash: string;
  keyId: string;
  signature: string;
}

/** Places probed per query: two parameters each stays far below PostgreSQL's 65,535 per statement. */
const PROBE_CHUNK = 1_000;

/** The database's clock to the millisecond, the precision an ISO date keeps in the hash. */
const CLOCK = sql<Date>`date_trunc('milliseconds', clock_timestamp())`;

function fromRow(row: Selectable<AuditTables['audit_log']>): StoredEntry {
  return {
    chain: Number(row.chain),
    // bigint: node-postgres is told to read it as a number (postgres.ts); Number() also covers a BigInt.
    seq: Number(row.seq),
    at: row.at,
    actorAccountId: row.actor_account_id,
    actorRole: row.actor_role,
    actorName: row.actor_name,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
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

const headOf = (row: { id: number; seq: number; hash: string }): ChainHead => ({
  chain: Number(row.id),
  seq: Number(row.seq),
  hash: row.hash,
});

/**
 * Locks a chain's head until the transaction ends and reads it, with the database's clock (one
 * clock for every node; taken once the lock is held, so that within a chain `at` follows `seq`).
 * `chain` when the transaction already appended to one: it keeps to it (it holds that lock, and
 * waiting for a second chain while holding one could deadlock). Otherwise the first chain that no
 * other transaction holds; only when every chain is held does it wait, for one drawn at random.
 * Under READ COMMITTED (the default), a row lock that waited reads the head as its holder committed it.
 */
export async function lockChain(tx: Tx, chain?: number): Promise<{ head: ChainHead; now: Date }> {
  if (chain === undefined) {
    const free = await tx
      .selectFrom('audit_chain')
      .select(['id', 'seq', 'hash', CLOCK.as('now')])
      .orderBy('id')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (free) return { head: headOf(free), now: free.now };
  }
  let query = tx.selectFrom('audit_chain').select(['id', 'seq', 'hash']).forUpdate();
  query = chain === undefined ? query.orderBy(sql`random()`).limit(1) : query.where('id', '=', chain);
  const row = await query.executeTakeFirst();
  if (!row)
    throw new Error(chain === undefined ? 'The audit trail has no chain: run the migrations' : `Audit chain ${chain} does not exist`);
  const { rows } = await sql<{ now: Date }>`select ${CLOCK} as now`.execute(tx);
  return { head: headOf(row), now: rows[0]!.now };
}

/** Appends entries that follow the chain's head, and moves the head to the last of them, in one statement. */
export async function appendEntries(tx: Tx, chain: number, entries: StoredEntry[]): Promise<void> {
  const last = entries[entries.length - 1];
  if (!last) return;
  await sql`${prepared}
    with appended as (${insertEntries(entries)})
    update audit_chain set seq = ${last.seq}, hash = ${last.hash} where id = ${chain}`.execute(tx);
}

/**
 * Appends entries after `head` and moves the head, in one statement — its own transaction — only
 * if the head is still where it was read (compare and set: no lock is held between reading it and
 * writing). False, and nothing written, when another writer moved it first.
 */
export async function appendAfter(db: Db, head: ChainHead, entries: StoredEntry[]): Promise<boolean> {
  const last = entries[entries.length - 1];
  if (!last) return true;
  const { rows } = await sql<{ seq: number }>`${prepared}
    with moved as (
      update audit_chain set seq = ${last.seq}, hash = ${last.hash}
      where id = ${head.chain} and seq = ${head.seq} and hash = ${head.hash}
      returning id
    )
    ${insertEntries(entries, sql`where exists (select from moved)`)}
    returning seq`.execute(db);
  return rows.length === entries.length;
}

/**
 * The INSERT of entries as one JSON parameter, read back as rows: one parameter whatever the number
 * of entries (no limit on a batch), written by JSON.stringify (native) rather than as an array per
 * column, whose escaping node-postgres does in JavaScript — a third of a read's cost under load.
 */
function insertEntries(entries: StoredEntry[], condition = sql``) {
  const rows = JSON.stringify(
    entries.map((e) => ({
      chain: e.chain,
      seq: e.seq,
      at: e.at.toISOString(),
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
      actor_name: e.actorName ?? null,
      organisation_name: e.organisationName ?? null,
    })),
  );
  return sql`
    insert into audit_log (chain, seq, at, actor_account_id, actor_role, organisation_id, patient_id, action,
                           resource_type, resource_id, address, reason, prev_hash, hash, actor_name, organisation_name)
    select * from json_to_recordset(${rows}::json) as e(
      chain smallint, seq bigint, at timestamptz, actor_account_id uuid, actor_role text, organisation_id uuid,
      patient_id uuid, action text, resource_type text, resource_id text, address text, reason text,
      prev_hash text, hash text, actor_name text, organisation_name text
    )
    ${condition}`;
}

/**
 * A chain to append to without holding it (see appendAfter), its head, and the database's clock:
 * among the chains no transaction holds, the one with the highest number but `skip` (transactions
 * in progress take the lowest), or one at random; any chain when every one is held.
 */
export async function peekChain(db: Db, choice: { skip: number } | 'random'): Promise<{ head: ChainHead; now: Date }> {
  const chains = () =>
    db
      .selectFrom('audit_chain')
      .select(['id', 'seq', 'hash', CLOCK.as('now')])
      .limit(1);
  const free =
    choice === 'random'
      ? chains()
          .orderBy(sql`random()`)
          .forUpdate()
          .skipLocked()
      : chains().orderBy('id', 'desc').offset(choice.skip).forUpdate().skipLocked();
  const row =
    (await free.executeTakeFirst()) ??
    (await chains()
      .orderBy(sql`random()`)
      .executeTakeFirst());
  if (!row) throw new Error('The audit trail has no chain: run the migrations');
  return { head: headOf(row), now: row.now };
}

/** Creates chains 0 to count − 1 that do not exist yet; never removes one. */
export async function addChains(db: Db, count: number): Promise<void> {
  await sql`insert into audit_chain (id, seq, hash)
            select g, 0, ${GENESIS_HASH} from generate_series(0, ${count - 1}::int) as g
            on conflict (id) do nothing`.execute(db);
}

/** Every chain's head, by chain number. */
export async function chainHeads(db: Db | Tx): Promise<ChainHead[]> {
  return (await db.selectFrom('audit_chain').select(['id', 'seq', 'hash']).orderBy('id').execute()).map(headOf);
}

/** The chain numbers that entries carry (a skip scan of the primary key: one probe per chain). */
export async function chainsInLog(db: Db): Promise<number[]> {
  const { rows } = await sql<{ chain: number }>`
    with recursive found as (
      select min(chain) as chain from audit_log
      union all
      select (select min(chain) from audit_log where chain > found.chain) from found where found.chain is not null
    )
    select chain from found where chain is not null`.execute(db);
  return rows.map((r) => Number(r.chain));
}

/**
 * The next `limit` entries of a chain in number order after `after` (keyset pagination on the
 * primary key). The hash breaks ties so that two rows sharing a number — possible only once someone
 * dropped the primary key — are both read, and verify can name them.
 */
export async function readChain(db: Db, chain: number, after: { seq: number; hash: string } | null, limit: number): Promise<StoredEntry[]> {
  let query = db.selectFrom('audit_log').selectAll().where('chain', '=', chain).orderBy('seq').orderBy('hash').limit(limit);
  if (after)
    query = query.where((eb) => eb.and([eb('seq', '>=', after.seq), eb.or([eb('seq', '>', after.seq), eb('hash', '>', after.hash)])]));
  return (await query.execute()).map(fromRow);
}

/** The entry of this chain with this hash, if any. A scan: verify asks only about a bad entry, a few times at most. */
export async function entryWithHash(db: Db, chain: number, hash: string): Promise<StoredEntry | null> {
  const row = await db.selectFrom('audit_log').selectAll().where('chain', '=', chain).where('hash', '=', hash).limit(1).executeTakeFirst();
  return row ? fromRow(row) : null;
}

/** The hashes stored at these places (absent from the map where no entry is), a chunk of probes per query. */
export async function hashesAt(db: Db | Tx, places: { chain: number; seq: number }[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let start = 0; start < places.length; start += PROBE_CHUNK) {
    const chunk = places.slice(start, start + PROBE_CHUNK);
    const rows = await db
      .selectFrom('audit_log')
      .select(['chain', 'seq', 'hash'])
      .where((eb) =>
        eb(
          eb.refTuple('chain', 'seq'),
          'in',
          chunk.map((p) => eb.tuple(p.chain, p.seq)),
        ),
      )
      .execute();
    for (const row of rows) found.set(placeKey(Number(row.chain), Number(row.seq)), row.hash);
  }
  return found;
}

export const placeKey = (chain: number, seq: number) => `${chain}:${seq}`;

/**
 * A patient's entries, newest first: by time, then number, then chain (numbers repeat across
 * chains), strictly before the cursor when one is given.
 */
export async function patientEntries(
  db: Db,
  patientId: string,
  page: {
    limit: number;
    before?: Date | undefined;
    beforeSeq?: number | undefined;
    beforeChain?: number | undefined;
    exceptActor?: string | undefined;
  },
): Promise<StoredEntry[]> {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('at', 'desc')
    .orderBy('seq', 'desc')
    .orderBy('chain', 'desc')
    .limit(page.limit);
  const { before, beforeSeq, beforeChain } = page;
  if (before && beforeSeq !== undefined)
    query = query.where((eb) =>
      eb.or([
        eb('at', '<', before),
        eb.and([eb('at', '=', before), eb('seq', '<', beforeSeq)]),
        ...(beforeChain !== undefined ? [eb.and([eb('at', '=', before), eb('seq', '=', beforeSeq), eb('chain', '<', beforeChain)])] : []),
      ]),
    );
  else if (before) query = query.where('at', '<', before);
  // Parcours's own entries (no actor) stay: only the named account's are left out.
  if (page.exceptActor)
    query = query.where((eb) => eb.or([eb('actor_account_id', 'is', null), eb('actor_account_id', '!=', page.exceptActor!)]));
  return (await query.execute()).map(fromRow);
}

function checkpointFromRow(row: Selectable<AuditTables['audit_checkpoint']>): SignedCheckpoint {
  return {
    seq: Number(row.seq),
    at: row.at,
    heads: row.heads.map(([chain, seq, hash]) => ({ chain, seq, hash })),
    prevHash: row.prev_hash,
    hash: row.hash,
    keyId: row.key_id,
    signature: row.signature,
  };
}

/** Any constant shared by every node: the key of the advisory lock that puts checkpoint writers in one line. */
const CHECKPOINT_LOCK_KEY = 7_233_601_422;

/** Makes other checkpoint writers wait until this transaction ends; answers the clock once it holds. */
export async function lockCheckpoints(tx: Tx): Promise<Date> {
  await sql`select pg_advisory_xact_lock(${CHECKPOINT_LOCK_KEY})`.execute(tx);
  const { rows } = await sql<{ now: Date }>`select ${CLOCK} as now`.execute(tx);
  return rows[0]!.now;
}

export async function lastCheckpoint(db: Db | Tx): Promise<SignedCheckpoint | null> {
  const row = await db.selectFrom('audit_checkpoint').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? checkpointFromRow(row) : null;
}

export async function insertCheckpoint(tx: Tx, checkpoint: SignedCheckpoint): Promise<void> {
  await tx
    .insertInto('audit_checkpoint')
    .values({
      seq: checkpoint.seq,
      at: checkpoint.at,
      heads: JSON.stringify(checkpoint.heads.map((h) => [h.chain, h.seq, h.hash])),
      prev_hash: checkpoint.prevHash,
      hash: checkpoint.hash,
      key_id: checkpoint.keyId,
      signature: checkpoint.signature,
    })
    .execute();
}

/** The next `limit` checkpoints in number order after `afterSeq`. */
export async function readCheckpoints(db: Db, afterSeq: number, limit: number): Promise<SignedCheckpoint[]> {
  const rows = await db.selectFrom('audit_checkpoint').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map(checkpointFromRow);
}

export async function checkpointAt(db: Db, seq: number): Promise<SignedCheckpoint | null> {
  const row = await db.selectFrom('audit_checkpoint').selectAll().where('seq', '=', seq).executeTakeFirst();
  return row ? checkpointFromRow(row) : null;
}
