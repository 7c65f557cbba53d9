import type { MembershipRole } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/database/database.js';
import type { DemoIds } from '../../platform/module.js';
import { insertMembership, insertOrganisation, insertSite } from './store.js';

export const DEMO_ORGANISATION = 'Centre de santé Parcours (démo)';

/** Who works at the demo centre, in which role (accounts by e-mail, made by the accounts module). */
const DEMO_ROLES: [string, MembershipRole][] = [
  ['dr.martin@demo.parcours.fr', 'practitioner'],
  ['dr.garnier@demo.parcours.fr', 'practitioner'],
  ['dr.benali@demo.parcours.fr', 'practitioner'],
  ['inf.durand@demo.parcours.fr', 'practitioner'],
  ['regulation@demo.parcours.fr', 'regulator'],
  ['admin@demo.parcours.fr', 'admin'],
];

/** The demo organisation and its two sites (Paris, Creil). */
export async function seedOrganisationsDemo(tx: Tx, ids: DemoIds): Promise<void> {
  const organisationId = await insertOrganisation(tx, { name: DEMO_ORGANISATION, finess: '750000001' });
  ids.set('organisation', organisationId);
  await insertSite(tx, organisationId, { name: 'Site Belleville', address: '12 rue de Belleville', postalCode: '75020', city: 'Paris' });
  await insertSite(tx, organisationId, { name: 'Site Creil', address: '3 place Carnot', postalCode: '60100', city: 'Creil' });
  for (const [email, role] of DEMO_ROLES) await insertMembership(tx, { accountId: ids.get(email)!, organisationId, role });
}
