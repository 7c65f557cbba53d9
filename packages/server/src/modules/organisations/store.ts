import type { MembershipRole } from '../../platform/auth/actor.js';
import { scoped, type Db } from '../../platform/database/database.js';
import type { SiteInput } from './schemas.js';
import type { OrganisationsTables } from './tables.js';

/** The database seen from this module: its own tables only. */
const organisationsDb = (db: Db) => scoped<OrganisationsTables>(db);

export async function insertOrganisation(db: Db, organisation: { name: string; finess: string | null }): Promise<string> {
  return (await organisationsDb(db).insertInto('organisations').values(organisation).returning('id').executeTakeFirstOrThrow()).id;
}

export function organisationById(db: Db, organisationId: string) {
  return organisationsDb(db)
    .selectFrom('organisations')
    .select(['id', 'name', 'finess'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
}

export async function organisationNamesById(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await organisationsDb(db).selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((o) => [o.id, o.name]));
}

export function sitesOf(db: Db, organisationId: string) {
  return organisationsDb(db)
    .selectFrom('sites')
    .select(['id', 'name', 'address', 'postal_code', 'city', 'finess'])
    .where('organisation_id', '=', organisationId)
    .orderBy('name')
    .execute();
}

/** Adds a site; undefined when the organisation already has one of this name. */
export async function insertSite(db: Db, organisationId: string, input: SiteInput): Promise<string | undefined> {
  const row = await organisationsDb(db)
    .insertInto('sites')
    .values({
      organisation_id: organisationId,
      name: input.name,
      address: input.address ?? null,
      postal_code: input.postalCode ?? null,
      city: input.city ?? null,
      finess: input.finess ?? null,
    })
    .onConflict((oc) => oc.columns(['organisation_id', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export function membersOf(db: Db, organisationId: string) {
  return organisationsDb(db)
    .selectFrom('memberships')
    .select(['account_id', 'role'])
    .where('organisation_id', '=', organisationId)
    .execute();
}

/** An account's roles, with the organisations' names. */
export function membershipsOfAccount(db: Db, accountId: string) {
  return organisationsDb(db)
    .selectFrom('memberships')
    .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select(['memberships.organisation_id', 'organisations.name', 'memberships.role'])
    .where('memberships.account_id', '=', accountId)
    .execute();
}

export async function insertMembership(db: Db, membership: { accountId: string; organisationId: string; role: MembershipRole }) {
  await organisationsDb(db)
    .insertInto('memberships')
    .values({ account_id: membership.accountId, organisation_id: membership.organisationId, role: membership.role })
    .onConflict((oc) => oc.columns(['account_id', 'organisation_id', 'role']).doNothing())
    .execute();
}

export async function organisationIdNamed(db: Db, name: string): Promise<string | undefined> {
  return (await organisationsDb(db).selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirst())?.id;
}
