import { sha256Hex } from '../sha256.js';

/** The `prev_hash` of a chain's entry #1: there is nothing before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an entry says, as hashed: ids and action names only, never health data. */
export interface ChainedFields {
  /** The chain the entry was appended to; 0 (the trail as first written) when absent. */
  chain?: number;
  seq: number;
  at: Date;
  actorAccountId: string | null;
  actorRole: string;
  /** The actor's and the organisation's names as they were then; absent (null) in older entries. */
  actorName?: string | null;
  organisationId: string | null;
  organisationName?: string | null;
  patientId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  address: string | null;
  reason: string | null;
}

/**
 * sha256(prev_hash ‖ canonical JSON of the entry). The JSON has every field, null included, in this
 * fixed (alphabetical) order, and `at` as ISO 8601 to the millisecond: the format is frozen, since
 * changing it would make every stored hash disagree with its entry. Entries of chain 0 hash exactly
 * as they did before there were several chains; those of other chains add `chain` (after `at`),
 * so that an entry cannot pass for one of another chain — every chain starts from the same genesis.
 * Likewise `actorName` and `organisationName` are hashed when the entry has them (entries written
 * before names were kept have none, and hash as they did).
 */
export function entryHash(prevHash: string, entry: ChainedFields): string {
  const canonical = JSON.stringify({
    action: entry.action,
    actorAccountId: entry.actorAccountId,
    ...(entry.actorName != null ? { actorName: entry.actorName } : {}),
    actorRole: entry.actorRole,
    address: entry.address,
    at: entry.at.toISOString(),
    ...(entry.chain ? { chain: entry.chain } : {}),
    organisationId: entry.organisationId,
    ...(entry.organisationName != null ? { organisationName: entry.organisationName } : {}),
    patientId: entry.patientId,
    reason: entry.reason,
    resourceId: entry.resourceId,
    resourceType: entry.resourceType,
    seq: entry.seq,
  });
  return sha256Hex(prevHash + canonical);
}
