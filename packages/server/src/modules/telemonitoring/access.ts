import type { Actor } from '../../platform/auth/actor.js';
import { managesPatient } from '../../platform/auth/policy.js';
import type { Db } from '../../platform/database/database.js';
import { problem } from '../../platform/http/problem.js';
import { hasCareRelationship, patientRecordAccess } from '../patients/service.js';

/**
 * Who operates a patient's telemonitoring (enrols, adjusts, issues device credentials, acts on
 * alerts): a professional in a care relationship with them. The patient sees their monitoring but
 * does not operate it (403); anyone else learns nothing of the record (404).
 */
export async function operatorAccess(db: Db, actor: Actor, patientId: string): Promise<'practitioner'> {
  if (await hasCareRelationship(db, actor, patientId)) return 'practitioner';
  if (managesPatient(actor, patientId)) throw problem.forbidden();
  throw problem.notFound();
}

/** Who sees a patient's monitoring and enters readings by hand: the patient (or their parent), or their care team. */
export const monitoringAccess = patientRecordAccess;

/** The organisations where the actor operates telemonitoring: where they care for patients, not where they only administer. */
export function operatingOrganisations(actor: Actor): string[] {
  if (!actor.isProfessional) return [];
  return [...new Set(actor.memberships.filter((m) => m.role !== 'admin').map((m) => m.organisationId))];
}
