import type { Db } from '../database/database.js';
import { patientEntries } from './store.js';

/** One line of a patient's "who accessed my record" page (like Mon espace santé's access history). */
export interface RecordAccess {
  /** The entry's chain, for the page cursor; absent for chain 0, the trail as first written. */
  chain?: number;
  seq: number;
  at: Date;
  /** null when Parcours itself acted. The route resolves names; the log keeps ids. */
  actorAccountId: string | null;
  actorRole: string;
  organisationId: string | null;
  action: string;
  resourceType: string;
}

export const ACCESS_HISTORY_MAX_LIMIT = 200;

/**
 * The audit entries about a patient's record, newest first. Pages go back with `before` (the `at`
 * of the last line shown) and, so that entries of the same millisecond are not skipped, `beforeSeq`
 * (its `seq`) and `beforeChain` (its `chain`, 0 when absent: numbers repeat across chains). The
 * client's address is left out: the patient sees who, not from where.
 */
export async function accessHistory(
  db: Db,
  patientId: string,
  page: { limit?: number; before?: Date; beforeSeq?: number; beforeChain?: number } = {},
): Promise<RecordAccess[]> {
  const limit = page.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > ACCESS_HISTORY_MAX_LIMIT)
    throw new RangeError(`access history limit must be an integer from 1 to ${ACCESS_HISTORY_MAX_LIMIT}`);
  const entries = await patientEntries(db, patientId, {
    limit,
    before: page.before,
    beforeSeq: page.beforeSeq,
    beforeChain: page.beforeSeq === undefined ? undefined : (page.beforeChain ?? 0),
  });
  return entries.map((e) => ({
    ...(e.chain === 0 ? {} : { chain: e.chain }),
    seq: e.seq,
    at: e.at,
    actorAccountId: e.actorAccountId,
    actorRole: e.actorRole,
    organisationId: e.organisationId,
    action: e.action,
    resourceType: e.resourceType,
  }));
}
