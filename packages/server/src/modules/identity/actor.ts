import type { Db } from '../../platform/database/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { SessionRecord } from './sessions.js';

/** The actor of a session: the account's memberships and the patient records it manages. */
export async function loadActor(db: Db, session: SessionRecord, address: string): Promise<Actor> {
  const [memberships, patients, practitioner] = await Promise.all([
    db.selectFrom('memberships').select(['organisation_id', 'role']).where('account_id', '=', session.accountId).execute(),
    db.selectFrom('patients').select('id').where('account_id', '=', session.accountId).execute(),
    db.selectFrom('practitioners').select('account_id').where('account_id', '=', session.accountId).executeTakeFirst(),
  ]);
  return {
    accountId: session.accountId,
    sessionId: session.id,
    memberships: memberships.map((m) => ({ organisationId: m.organisation_id, role: m.role })),
    patientIds: patients.map((p) => p.id),
    isProfessional: Boolean(practitioner) || memberships.some((m) => m.role !== 'admin'),
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
