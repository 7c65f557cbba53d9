import type { Actor } from '../../platform/auth/actor.js';
import { managesPatient } from '../../platform/auth/policy.js';
import type { Db } from '../../platform/database/database.js';
import { problem } from '../../platform/http/problem.js';
import { hasLiveCare } from './store.js';

/** A professional is in a live care relationship with the patient, in one of their organisations. */
export async function hasCareRelationship(db: Db, actor: Actor, patientId: string, now = new Date()): Promise<boolean> {
  const organisations = careOrganisations(actor);
  if (organisations.length === 0) return false;
  return hasLiveCare(db, actor.accountId, patientId, organisations, now);
}

/** Where the actor cares for patients: the organisations they work for as a professional. */
export function careOrganisations(actor: Actor): string[] {
  if (!actor.isProfessional) return [];
  return actor.memberships.filter((m) => m.role !== 'admin').map((m) => m.organisationId);
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

/** The same check, answering the audit role: what `audited(…)` asks of its `authorize`. */
export async function patientRecordAccess(db: Db, actor: Actor, patientId: string): Promise<'patient' | 'practitioner'> {
  return auditRoleOf(await authorizePatientRecord(db, actor, patientId));
}
