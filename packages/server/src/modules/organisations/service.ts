// The organisations module's surface for other modules: organisations, sites and memberships are
// reached only through these functions, never through the tables.
import type { MembershipRole } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/database/database.js';
import { DEMO_ORGANISATION } from './demo.js';

export { acceptPendingInvitations } from './invitations.js';
import { membershipsOfAccount, organisationIdNamed, organisationNamesById } from './store.js';

/** Organisation names by id, for lists that show where something happened. */
export const organisationNames = organisationNamesById;

/** An account's roles in each organisation, with the organisation's name. */
export async function membershipsOf(
  db: Db,
  accountId: string,
): Promise<{ organisationId: string; organisationName: string; role: MembershipRole }[]> {
  return (await membershipsOfAccount(db, accountId)).map((m) => ({
    organisationId: m.organisation_id,
    organisationName: m.name,
    role: m.role,
  }));
}

/** Whether the demo organisation is there already (the demo is seeded once). */
export async function isDemoSeeded(db: Db): Promise<boolean> {
  return (await organisationIdNamed(db, DEMO_ORGANISATION)) !== undefined;
}

/** An organisation's sites (name, address), for the modules that place something at one. */
export { sitesOf as organisationSites } from './store.js';
