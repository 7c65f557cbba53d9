import type { Db } from '../database/database.js';
import { entryHash, GENESIS_HASH } from './chain.js';
import { entryWithHash, readChain, type StoredEntry } from './store.js';

/**
 * - altered: the entry's content (or its stored hash) no longer matches its hash;
 * - missing: entry numbers jump, so one or more entries were removed;
 * - reordered: the entry sits at another number than the one it was written at, or a number repeats;
 * - broken-link: the entry is whole but does not follow the entry before it (one of the two was
 *   rewritten with a recomputed hash).
 */
export type AuditProblem = 'altered' | 'missing' | 'reordered' | 'broken-link';

export interface BadEntry {
  seq: number;
  problem: AuditProblem;
  detail: string;
}

export type AuditVerification = { ok: true; checked: number } | { ok: false; checked: number; firstBad: BadEntry };

/**
 * Walks the whole trail in number order, a batch at a time, and stops at the first entry that does
 * not hold: each entry's hash must match its content, its number follow the previous one, and its
 * prev_hash equal the previous entry's hash. `checked` counts the entries found sound. Entries
 * appended while it runs are checked too. Removing the newest entries leaves a shorter chain that
 * still holds: only a head hash kept elsewhere could tell.
 */
export async function verifyAuditTrail(db: Db, options: { batchSize?: number } = {}): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 1_000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  let previous = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const batch = await readChain(db, checked === 0 ? null : previous, batchSize);
    for (const entry of batch) {
      const firstBad = await problemWith(db, entry, previous);
      if (firstBad) return { ok: false, checked, firstBad };
      previous = entry;
      checked++;
    }
    if (batch.length < batchSize) return { ok: true, checked };
  }
}

async function problemWith(db: Db, entry: StoredEntry, previous: { seq: number; hash: string }): Promise<BadEntry | null> {
  const expected = previous.seq + 1;
  const { seq } = entry;
  // Read in number order, a smaller number than expected can only be a repeated one.
  if (seq < expected) return { seq, problem: 'reordered', detail: `entry #${seq} appears more than once` };
  if (seq > expected)
    return {
      seq: expected,
      problem: 'missing',
      detail: seq === expected + 1 ? `entry #${expected} is absent` : `entries #${expected} to #${seq - 1} are absent`,
    };
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
    const predecessor = await entryWithHash(db, entry.prevHash);
    if (!predecessor) return null;
    const predecessorNumber = isWhole(predecessor) ? predecessor.seq : depth > 1 ? await numberWrittenAt(db, predecessor, depth - 1) : null;
    if (predecessorNumber === null) return null;
    candidate = predecessorNumber + 1;
  }
  return candidate !== entry.seq && isWhole({ ...entry, seq: candidate }) ? candidate : null;
}

const isWhole = (entry: StoredEntry) => entryHash(entry.prevHash, entry) === entry.hash;
