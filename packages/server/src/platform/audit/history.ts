import type { Db } from '../database/database.js';
import { patientEntries, type StoredEntry } from './store.js';

/** One line of a patient's "who accessed my record" page (like Mon espace santé's access history). */
export interface RecordAccess {
  /** The entry's chain, for the page cursor; absent for chain 0, the trail as first written. */
  chain?: number;
  seq: number;
  at: Date;
  /** null when Parcours itself acted. */
  actorAccountId: string | null;
  /** The names as they were when the entry was written (null in entries older than that). */
  actorName: string | null;
  actorRole: string;
  organisationId: string | null;
  organisationName: string | null;
  action: string;
  resourceType: string;
}

/** Where the next (older) page starts: the last entry's time, number and chain. */
export interface HistoryCursor {
  before: Date;
  beforeSeq: number;
  beforeChain: number;
}

/** One page of a patient's access history: what the API answers and the web app shows at a time. */
export const ACCESS_HISTORY_PAGE_SIZE = 50;
export const ACCESS_HISTORY_MAX_LIMIT = 200;

/**
 * The audit entries about a patient's record, newest first. Pages go back with `before` (the `at`
 * of the last line shown) and, so that entries of the same millisecond are not skipped, `beforeSeq`
 * (its `seq`) and `beforeChain` (its `chain`, 0 when absent: numbers repeat across chains). The
 * client's address is left out: the patient sees who, not from where. `exceptActor` leaves out one
 * account's own accesses (a patient hiding their own views).
 */
export async function accessHistory(
  db: Db,
  patientId: string,
  page: { limit?: number; before?: Date; beforeSeq?: number; beforeChain?: number; exceptActor?: string } = {},
): Promise<{ entries: RecordAccess[]; next: HistoryCursor | null }> {
  const limit = page.limit ?? ACCESS_HISTORY_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > ACCESS_HISTORY_MAX_LIMIT)
    throw new RangeError(`access history limit must be an integer from 1 to ${ACCESS_HISTORY_MAX_LIMIT}`);
  // One more than the page: whether there is a next one.
  const found = await patientEntries(db, patientId, {
    limit: limit + 1,
    before: page.before,
    beforeSeq: page.beforeSeq,
    beforeChain: page.beforeSeq === undefined ? undefined : (page.beforeChain ?? 0),
    exceptActor: page.exceptActor,
  });
  const entries = found.slice(0, limit);
  const last = entries[entries.length - 1];
  return {
    entries: entries.map(accessOf),
    next: found.length > limit && last ? { before: last.at, beforeSeq: last.seq, beforeChain: last.chain } : null,
  };
}

const accessOf = (e: StoredEntry): RecordAccess => ({
  ...(e.chain === 0 ? {} : { chain: e.chain }),
  seq: e.seq,
  at: e.at,
  actorAccountId: e.actorAccountId,
  actorName: e.actorName ?? null,
  actorRole: e.actorRole,
  organisationId: e.organisationId,
  organisationName: e.organisationName ?? null,
  action: e.action,
  resourceType: e.resourceType,
});
