import type { Actor } from '../auth/actor.js';
import type { Tx } from '../database/database.js';
import { entryHash, type ChainedFields } from './chain.js';
import { appendEntries, lockChain, type ChainHead, type StoredEntry } from './store.js';

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
  chain: number;
  seq: number;
  at: Date;
  hash: string;
}

// Identifiers, not prose: free text here could carry health data into a log kept for decades.
const ACTION = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
const RESOURCE_TYPE = /^[A-Za-z][A-Za-z0-9-]*$/;
// eslint-disable-next-line no-control-regex -- NUL is exactly what is looked for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The chain each open transaction appends to: it keeps to one (see lockChain). */
const chainOfTransaction = new WeakMap<Tx, number>();

/**
 * Appends one entry to the audit trail inside the caller's transaction: it commits or rolls back
 * with what it records. See recordAuditMany for the lock it holds until then.
 */
export async function recordAudit(tx: Tx, entry: AuditEntryInput): Promise<RecordedEntry> {
  const [recorded] = await recordAuditMany(tx, [entry]);
  return recorded!;
}

/**
 * Appends entries in order, each chained to the one before, inside the caller's transaction: an
 * audited change never commits without its entries, and no entry stays for work rolled back.
 *
 * The transaction locks the head of one chain — the first that no other transaction holds — until
 * it ends, so that within the chain numbers follow one another without gap and each entry hashes
 * over its true predecessor, while concurrent transactions, on any node, take other chains rather
 * than wait (they wait only when every chain is held). Record the audit last, just before commit:
 * the chain stays held until then. Later calls in the same transaction append to the same chain.
 * Needs READ COMMITTED (the default): a lock that waited then reads the head as it was committed.
 */
export async function recordAuditMany(tx: Tx, entries: AuditEntryInput[]): Promise<RecordedEntry[]> {
  if (entries.length === 0) return [];
  if (!tx.isTransaction) throw new Error('recordAudit needs a transaction: its entries commit or roll back with the work they record');
  entries.forEach(checkAuditEntry);
  const { head, now } = await lockChain(tx, chainOfTransaction.get(tx));
  chainOfTransaction.set(tx, head.chain);
  const stored = chainEntries(head, entries, now);
  await appendEntries(tx, head.chain, stored);
  return stored.map(recordedOf);
}

/** The entries as they follow `head`, numbered and hashed; `now` for those that bring no time. */
export function chainEntries(head: ChainHead, entries: AuditEntryInput[], now: Date): StoredEntry[] {
  let { seq, hash: prevHash } = head;
  return entries.map((input) => {
    const fields = chainedFields(input, head.chain, ++seq, input.at ?? now);
    const entry = { ...fields, chain: head.chain, prevHash, hash: entryHash(prevHash, fields) };
    prevHash = entry.hash;
    return entry;
  });
}

export const recordedOf = ({ chain, seq, at, hash }: StoredEntry): RecordedEntry => ({ chain, seq, at, hash });

/**
 * Refuses an entry the database would refuse (or that would carry prose), before it reaches a
 * statement: a batch shared by several requests must not fail for one of them.
 */
export function checkAuditEntry(entry: AuditEntryInput): void {
  if (!ACTION.test(entry.action) || entry.action.length > 100)
    throw new Error(`Audit action must read like "patient.read", not ${JSON.stringify(entry.action)}`);
  if (!RESOURCE_TYPE.test(entry.resource.type) || entry.resource.type.length > 100)
    throw new Error(`Audit resource type must read like "Patient", not ${JSON.stringify(entry.resource.type)}`);
  const ids = { 'actor account id': entry.actor?.accountId, 'patient id': entry.patientId, 'organisation id': entry.organisationId };
  for (const [name, id] of Object.entries(ids))
    if (id !== undefined && !UUID.test(id)) throw new Error(`Audit ${name} must be a UUID, not ${JSON.stringify(id)}`);
  const bounded = {
    'resource id': [entry.resource.id, 200],
    address: [entry.address ?? entry.actor?.address, 100],
    reason: [entry.reason, 500],
    'actor name': [entry.actor?.name, 300],
    'organisation name': [entry.actor?.memberships.find((m) => m.organisationId === entry.organisationId)?.organisationName, 300],
  } as const;
  for (const [name, [text, max]] of Object.entries(bounded)) {
    if (text === undefined || text === null) continue;
    if (text.length > max) throw new Error(`Audit ${name} is longer than ${max} characters`);
    // PostgreSQL text holds neither NUL nor half a surrogate pair: what is stored would differ from what was hashed.
    if (UNSTORABLE.test(text)) throw new Error(`Audit ${name} holds a character text cannot store`);
  }
  if (entry.at !== undefined && Number.isNaN(entry.at.getTime())) throw new Error('Audit time is not a valid date');
}

function chainedFields(input: AuditEntryInput, chain: number, seq: number, at: Date): ChainedFields {
  const role = roleOf(input);
  const organisationId = input.organisationId ?? organisationOf(input.actor, role);
  return {
    chain,
    seq,
    at,
    actorAccountId: input.actor?.accountId ?? null,
    actorRole: role,
    // Names as they are now, kept with the entry: what the patient's history shows, whatever comes later.
    actorName: input.actor?.name ?? null,
    organisationId,
    organisationName: input.actor?.memberships.find((m) => m.organisationId === organisationId)?.organisationName ?? null,
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
