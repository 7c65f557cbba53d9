import type { Db } from '../database/database.js';
import { entryHash, GENESIS_HASH } from './chain.js';
import { checkpointHolds, type CheckpointKey } from './checkpoint.js';
import {
  chainHeads,
  chainsInLog,
  checkpointAt,
  entryWithHash,
  hashesAt,
  lastCheckpoint,
  placeKey,
  readChain,
  readCheckpoints,
  type ChainHead,
  type SignedCheckpoint,
  type StoredEntry,
} from './store.js';

/**
 * - altered: the entry's content (or its stored hash) no longer matches its hash;
 * - missing: entry numbers jump, or a chain ends before the entry its head or a signed checkpoint
 *   names, so one or more entries were removed;
 * - reordered: the entry sits at another number than the one it was written at, or a number repeats;
 * - broken-link: the entry is whole but does not follow the entry before it (one of the two was
 *   rewritten with a recomputed hash);
 * - rewritten: the entry is whole and linked, but not the one its chain's head or a signed
 *   checkpoint names there (the chain was rewritten from some point on), or it belongs to no chain;
 * - checkpoint: a checkpoint is unsigned, signed by another key, altered, removed or out of order.
 */
export type AuditProblem = 'altered' | 'missing' | 'reordered' | 'broken-link' | 'rewritten' | 'checkpoint';

export interface BadEntry {
  /** The entry's chain; absent for chain 0, the trail as first written (and for checkpoints). */
  chain?: number;
  /** The entry's number in its chain, or the checkpoint's number when the problem is `checkpoint`. */
  seq: number;
  problem: AuditProblem;
  detail: string;
}

export type AuditVerification =
  | {
      ok: true;
      checked: number;
      /** The latest checkpoint, found to match the trail; absent while none was published. */
      checkpoint?: { seq: number; at: Date; signatureChecked: boolean };
    }
  | { ok: false; checked: number; firstBad: BadEntry };

export interface VerifyOptions {
  /** Entries (and checkpoints) read per query. */
  batchSize?: number;
  /** The key checkpoints are signed with (its public half is enough). Without it, signatures go unchecked. */
  key?: CheckpointKey;
  /**
   * A checkpoint published earlier and kept outside the database (from the event bus, the file a
   * server writes): the trail must still hold it. Without one, cutting both the newest entries
   * and the newest checkpoints goes unseen.
   */
  published?: SignedCheckpoint | null;
}

/**
 * Walks every chain in number order, a batch at a time, and stops at the first entry that does not
 * hold: each entry's hash must match its content, its number follow the previous one, and its
 * prev_hash equal the previous entry's hash. Then holds the trail to what was said of it outside
 * the entries: each chain's head, every checkpoint (linked one to the next, and signed by the key
 * when one is given), and a checkpoint published outside the database. A removed newest entry is
 * then missing from the head or checkpoint that named it. `checked` counts the entries found sound.
 * Entries appended while it runs are checked too.
 */
export async function verifyAuditTrail(db: Db, options: VerifyOptions = {}): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 1_000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  // Heads and the latest checkpoint first: whatever they name was committed before the walk starts.
  const heads = new Map((await chainHeads(db)).map((h) => [h.chain, h]));
  const latest = await lastCheckpoint(db);
  const chains = [...new Set([...heads.keys(), ...(await chainsInLog(db))])].sort((a, b) => a - b);

  let checked = 0;
  const ends = new Map<number, number>();
  for (const chain of chains) {
    const walked = await walkChain(db, chain, heads.get(chain), batchSize);
    checked += walked.checked;
    if (walked.firstBad) return { ok: false, checked, firstBad: walked.firstBad };
    ends.set(chain, walked.lastSeq);
  }

  const checkpoints = await verifyCheckpoints(db, ends, latest, options, batchSize);
  if (checkpoints.firstBad) return { ok: false, checked, firstBad: checkpoints.firstBad };
  if (!latest) return { ok: true, checked };
  return { ok: true, checked, checkpoint: { seq: latest.seq, at: latest.at, signatureChecked: options.key !== undefined } };
}

async function walkChain(
  db: Db,
  chain: number,
  head: ChainHead | undefined,
  batchSize: number,
): Promise<{ checked: number; lastSeq: number; firstBad?: BadEntry }> {
  const named = (bad: BadEntry): BadEntry => (chain === 0 ? bad : { chain, ...bad });
  let previous = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const batch = await readChain(db, chain, checked === 0 ? null : previous, batchSize);
    for (const entry of batch) {
      const bad = await problemWith(db, entry, previous);
      if (bad) return { checked, lastSeq: previous.seq, firstBad: named(bad) };
      if (!head)
        return {
          checked,
          lastSeq: previous.seq,
          firstBad: named({ seq: entry.seq, problem: 'rewritten', detail: `chain ${chain} is not one of the trail's chains` }),
        };
      if (entry.seq === head.seq && entry.hash !== head.hash)
        return {
          checked,
          lastSeq: previous.seq,
          firstBad: named({ seq: entry.seq, problem: 'rewritten', detail: "its hash is not the one at its chain's head" }),
        };
      previous = entry;
      checked++;
    }
    if (batch.length < batchSize) break;
  }
  if (head && previous.seq < head.seq)
    return { checked, lastSeq: previous.seq, firstBad: named(absent(previous.seq + 1, head.seq, `its chain's head names #${head.seq}`)) };
  return { checked, lastSeq: previous.seq };
}

const absent = (from: number, to: number, why?: string): BadEntry => ({
  seq: from,
  problem: 'missing',
  detail: (from === to ? `entry #${from} is absent` : `entries #${from} to #${to} are absent`) + (why ? ` (${why})` : ''),
});

/**
 * Every checkpoint in order: numbered without gap, each naming the one before by hash, hashing to
 * its statement, signed by the key when one is given, heads never going back; then every head a
 * checkpoint names (each one once) must be in the trail with that hash — the latest included, so
 * that the newest entries it covers cannot have been removed. A published checkpoint must be in
 * the table as published, and is held to the trail the same way.
 */
async function verifyCheckpoints(
  db: Db,
  ends: Map<number, number>,
  latest: SignedCheckpoint | null,
  options: VerifyOptions,
  batchSize: number,
): Promise<{ firstBad?: BadEntry }> {
  const { key, published } = options;
  const bad = (seq: number, detail: string): { firstBad: BadEntry } => ({ firstBad: { seq, problem: 'checkpoint', detail } });
  const authentic = (c: SignedCheckpoint): string | null => {
    const { hashed, signed } = checkpointHolds(c, key);
    if (!hashed) return 'its content does not match its hash';
    if (key && signed === null) return `it is signed by key ${c.keyId}, not ${key.keyId}`;
    if (signed === false) return 'its signature does not match';
    return null;
  };

  let previous: SignedCheckpoint | null = null;
  for (;;) {
    const batch = await readCheckpoints(db, previous?.seq ?? 0, batchSize);
    const probes: { checkpoint: number; head: ChainHead }[] = [];
    for (const c of batch) {
      const expected = (previous?.seq ?? 0) + 1;
      if (c.seq !== expected)
        return bad(
          expected,
          c.seq === expected + 1 ? `checkpoint #${expected} is absent` : `checkpoints #${expected} to #${c.seq - 1} are absent`,
        );
      if (c.prevHash !== (previous?.hash ?? GENESIS_HASH))
        return bad(c.seq, `its previous hash is not that of checkpoint #${expected - 1}`);
      const wrong = authentic(c);
      if (wrong) return bad(c.seq, wrong);
      const before = new Map(previous?.heads.map((h) => [h.chain, h]));
      for (const head of c.heads) {
        const earlier = before.get(head.chain);
        if (earlier && head.seq < earlier.seq) return bad(c.seq, `chain ${head.chain} goes back from #${earlier.seq} to #${head.seq}`);
        if (head.seq > 0 && (!earlier || earlier.seq !== head.seq)) probes.push({ checkpoint: c.seq, head });
      }
      previous = c;
    }
    const missing = await probe(db, ends, probes);
    if (missing) return { firstBad: missing };
    if (batch.length < batchSize) break;
  }
  // Read before the walk, the latest checkpoint must still be there: nothing removes one.
  if (latest && (previous?.seq ?? 0) < latest.seq) return bad(latest.seq, `checkpoint #${latest.seq} is absent`);

  if (published) {
    const wrong = authentic(published);
    if (wrong) return bad(published.seq, `the published checkpoint is not genuine: ${wrong}`);
    const stored = await checkpointAt(db, published.seq);
    if (!stored)
      return bad(
        published.seq,
        `checkpoint #${published.seq}, published at ${published.at.toISOString()}, is absent: the newest checkpoints were removed`,
      );
    if (stored.hash !== published.hash) return bad(published.seq, 'it is not the checkpoint published under this number');
    const missing = await probe(
      db,
      ends,
      published.heads.filter((h) => h.seq > 0).map((head) => ({ checkpoint: published.seq, head })),
    );
    if (missing) return { firstBad: missing };
  }
  return {};
}

/** The first head a checkpoint names that the trail does not hold as signed. */
async function probe(db: Db, ends: Map<number, number>, probes: { checkpoint: number; head: ChainHead }[]): Promise<BadEntry | null> {
  if (probes.length === 0) return null;
  const stored = await hashesAt(
    db,
    probes.map((p) => p.head),
  );
  for (const { checkpoint, head } of probes) {
    const named = (b: BadEntry): BadEntry => (head.chain === 0 ? b : { chain: head.chain, ...b });
    const hash = stored.get(placeKey(head.chain, head.seq));
    if (hash === head.hash) continue;
    if (hash === undefined) {
      const end = ends.get(head.chain) ?? 0;
      return named(absent(Math.min(end + 1, head.seq), head.seq, `checkpoint #${checkpoint} signed #${head.seq}`));
    }
    return named({ seq: head.seq, problem: 'rewritten', detail: `its hash is not the one signed in checkpoint #${checkpoint}` });
  }
  return null;
}

async function problemWith(db: Db, entry: StoredEntry, previous: { seq: number; hash: string }): Promise<BadEntry | null> {
  const expected = previous.seq + 1;
  const { seq } = entry;
  // Read in number order, a smaller number than expected can only be a repeated one.
  if (seq < expected) return { seq, problem: 'reordered', detail: `entry #${seq} appears more than once` };
  if (seq > expected) return absent(expected, seq - 1);
  const whole = isWhole(entry);
  const linked = entry.prevHash === previous.hash;
  const predecessor = previous.seq === 0 ? 'the start of the trail' : `entry #${previous.seq}`;
  if (whole && linked) return null;
  if (whole) return { seq, problem: 'broken-link', detail: `its previous hash is not that of ${predecessor}` };
  if (linked) return { seq, problem: 'altered', detail: 'its content does not match its hash' };
  const writtenAs = await numberWrittenAt(db, entry);
  if (writtenAs !== null) return { seq, problem: 'reordered', detail: `it holds the entry written as #${writtenAs}` };
  return { seq, problem: 'altered', detail: `neither its content nor its link to ${predecessor} match its hash` };
}

/**
 * An entry moved to another number still hashes right at the number it was written at: just after
 * its predecessor's — the entry its prev_hash names — first number, found the same way when the
 * predecessor was moved too (two neighbours swapped). Null if the entry is whole at no such number.
 */
async function numberWrittenAt(db: Db, entry: StoredEntry, depth = 3): Promise<number | null> {
  let candidate = 1;
  if (entry.prevHash !== GENESIS_HASH) {
    const predecessor = await entryWithHash(db, entry.chain, entry.prevHash);
    if (!predecessor) return null;
    const predecessorNumber = isWhole(predecessor) ? predecessor.seq : depth > 1 ? await numberWrittenAt(db, predecessor, depth - 1) : null;
    if (predecessorNumber === null) return null;
    candidate = predecessorNumber + 1;
  }
  return candidate !== entry.seq && isWhole({ ...entry, seq: candidate }) ? candidate : null;
}

const isWhole = (entry: StoredEntry) => entryHash(entry.prevHash, entry) === entry.hash;
