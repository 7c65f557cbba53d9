import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/database/database.js';
import { membershipsOf } from '../organisations/service.js';
import { managedPatientIds } from '../patients/service.js';

/** The actor of an account: its memberships and the patient records it manages. */
export async function loadActor(
  db: Db,
  session: { id: string; accountId: string; isPractitioner: boolean; name?: string },
  address: string,
): Promise<Actor> {
  const [memberships, patientIds] = await Promise.all([membershipsOf(db, session.accountId), managedPatientIds(db, session.accountId)]);
  return {
    accountId: session.accountId,
    sessionId: session.id,
    ...(session.name ? { name: session.name } : {}),
    memberships: memberships.map((m) => ({ organisationId: m.organisationId, organisationName: m.organisationName, role: m.role })),
    patientIds,
    isProfessional: session.isPractitioner || memberships.some((m) => m.role !== 'admin'),
    address,
  };
}

/**
 * A professional needs a second factor; a patient only once they enrolled one. Administrators
 * manage organisations: they need it too.
 */
export function requiresSecondFactor(actor: Actor, totpEnrolled: boolean): boolean {
  return actor.isProfessional || actor.memberships.length > 0 || totpEnrolled;
}
