import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import { managesPatient } from '../../platform/auth/policy.js';
import type { Db } from '../../platform/database/database.js';
import { problem } from '../../platform/http/problem.js';

/** A professional is in a live care relationship with the patient, in one of their organisations. */
export async function hasCareRelationship(db: Db, actor: Actor, patientId: string, now = new Date()): Promise<boolean> {
  const organisations = actor.memberships.filter((m) => m.role !== 'admin').map((m) => m.organisationId);
  if (!actor.isProfessional || organisations.length === 0) return false;
  const row = await db
    .selectFrom('care_relationships')
    .select(sql<number>`1`.as('one'))
    .where('practitioner_account_id', '=', actor.accountId)
    .where('patient_id', '=', patientId)
    .where('organisation_id', 'in', organisations)
    .where('starts_at', '<=', now)
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', now)]))
    .executeTakeFirst();
  return Boolean(row);
}

/** How an actor reaches a record: as the patient (or the parent managing it), or through care. */
export type RecordRelation = 'self' | 'care';

/** The capacity the audit trail records for an access through this relation. */
export function auditRoleOf(relation: RecordRelation): 'patient' | 'practitioner' {
  return relation === 'self' ? 'patient' : 'practitioner';
}

/**
 * May this actor see this patient's record? The patient (or the parent managing it), or a
 * professional in a care relationship. Anyone else learns nothing, not even that it exists (404).
 */
export async function authorizePatientRecord(db: Db, actor: Actor, patientId: string): Promise<RecordRelation> {
  if (managesPatient(actor, patientId)) return 'self';
  if (await hasCareRelationship(db, actor, patientId)) return 'care';
  throw problem.notFound();
}
