import { sql } from 'kysely';
import type { Actor } from '../auth/actor.js';
import type { Tx } from '../database/database.js';
import { entryHash, GENESIS_HASH, type ChainedFields } from './chain.js';
import { chainHead, insertEntries, type StoredEntry } from './store.js';

/** Who did what to which record. Ids and action names only: never answers, reports or names. */
export interface AuditEntryInput {
  /** null for Parcours itself (scheduled jobs, imports). */
  actor: Actor | null;
  /** The capacity the actor acted in (`patient`, `practitioner`…); deduced from the actor when absent. */
  role?: string;
  /** `<context>.<verb>`, e.g. `patient.read`, `consent.give`. */
  action: string;
  /** A FHIR-like type (`Patient`, `Consent`) and the id of the one touched, if a single one. */
  resource: { type: string; id?: string };
  patientId?: string;
  /** On whose behalf the actor acted; deduced when the actor's memberships leave no doubt. */
  organisationId?: string;
  /** Why, when the policy asks for it (e.g. emergency access): a short justification, not clinical content. */
  reason?: string;
  /** Client address; the actor's by default. */
  address?: string;
  /** Defaults to the database's clock when the entry is chained. */
  at?: Date;
}

export interface RecordedEntry {
  seq: number;
  at: Date;
  hash: string;
}

/** Any constant shared by every node: the key of the advisory lock that puts audit entries in one line. */
const AUDIT_LOCK_KEY = 7_233_601_421;

// Identifiers, not prose: free text here could carry health data into a log kept for decades.
const ACTION = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
const RESOURCE_TYPE = /^[A-Za-z][A-Za-z0-9-]*$/;

/**
 * Appends one entry to the audit trail inside the caller's transaction: it commits or rolls back
 * with what it records. See recordAuditMany for the lock it holds until then.
 */
export async function recordAudit(tx: Tx, entry: AuditEntryInput): Promise<RecordedEntry> {
  const [recorded] = await recordAuditMany(tx, [entry]);
  return recorded!;
}

/**
 * Appends entries in order, each chained to the one before. The transaction-level advisory lock
 * makes every writer, on every node, wait for the previous one to commit, so that numbers follow
 * one another without gap and each entry hashes over its true predecessor. It is held until the
 * caller's transaction ends: record the audit last, just before commit. Needs READ COMMITTED (the
 * default): under a snapshot taken before the lock, the last entry read would be stale and the
 * insert would fail on the primary key rather than fork the chain.
 */
export async function recordAuditMany(tx: Tx, entries: AuditEntryInput[]): Promise<RecordedEntry[]> {
  if (entries.length === 0) return [];
  entries.forEach(checkIdentifiers);
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(tx);
  const { last, now } = await chainHead(tx);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const stored: StoredEntry[] = entries.map((input) => {
    const fields = chainedFields(input, ++seq, input.at ?? now);
    const entry = { ...fields, prevHash, hash: entryHash(prevHash, fields) };
    prevHash = entry.hash;
    return entry;
  });
  await insertEntries(tx, stored);
  return stored.map(({ seq, at, hash }) => ({ seq, at, hash }));
}

function checkIdentifiers(entry: AuditEntryInput): void {
  if (!ACTION.test(entry.action)) throw new Error(`Audit action must read like "patient.read", not ${JSON.stringify(entry.action)}`);
  if (!RESOURCE_TYPE.test(entry.resource.type))
    throw new Error(`Audit resource type must read like "Patient", not ${JSON.stringify(entry.resource.type)}`);
}

function chainedFields(input: AuditEntryInput, seq: number, at: Date): ChainedFields {
  const role = roleOf(input);
  return {
    seq,
    at,
    actorAccountId: input.actor?.accountId ?? null,
    actorRole: role,
    organisationId: input.organisationId ?? organisationOf(input.actor, role),
    patientId: input.patientId ?? null,
    action: input.action,
    resourceType: input.resource.type,
    resourceId: input.resource.id ?? null,
    address: input.address ?? input.actor?.address ?? null,
    reason: input.reason ?? null,
  };
}

function roleOf({ role, actor, patientId }: AuditEntryInput): string {
  if (role) return role;
  if (!actor) return 'system';
  if (patientId && actor.patientIds.includes(patientId)) return 'patient';
  const roles = new Set(actor.memberships.map((m) => m.role));
  if (roles.size === 1) return [...roles][0]!;
  return actor.isProfessional ? 'practitioner' : 'patient';
}

/** The one organisation where the actor holds this role; none when it holds it in several (or none). */
function organisationOf(actor: Actor | null, role: string): string | null {
  const organisations = new Set(actor?.memberships.filter((m) => m.role === role).map((m) => m.organisationId));
  return organisations.size === 1 ? [...organisations][0]! : null;
}
