import { sql } from 'kysely';
import type { MembershipRole } from '../../platform/auth/actor.js';
import { scoped, type Db } from '../../platform/database/database.js';
import type { SiteInput } from './schemas.js';
import type { InvitedProfile, OrganisationsTables } from './tables.js';
import { prepared } from '../../platform/database/prepared.js';

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
  const rows = await organisationsDb(db)
    .selectFrom('organisations')
    .modifyFront(prepared)
    .select(['id', 'name'])
    .where(sql<boolean>`id = any(${ids}::uuid[])`)
    .execute();
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

export interface NewInvitation {
  organisationId: string;
  accountId: string;
  role: MembershipRole;
  email: string;
  givenName: string;
  familyName: string;
  profile: InvitedProfile | null;
  invitedBy: string;
}

/** A pending invitation; inviting the same person again to the same role renews it. */
export async function upsertInvitation(db: Db, invitation: NewInvitation): Promise<string> {
  const values = {
    email: invitation.email,
    given_name: invitation.givenName,
    family_name: invitation.familyName,
    profile: invitation.profile ? JSON.stringify(invitation.profile) : null,
    invited_by: invitation.invitedBy,
  };
  const row = await organisationsDb(db)
    .insertInto('invitations')
    .values({ organisation_id: invitation.organisationId, account_id: invitation.accountId, role: invitation.role, ...values })
    .onConflict((oc) =>
      oc
        .columns(['organisation_id', 'account_id', 'role'])
        .where('answered_at', 'is', null)
        .doUpdateSet({ ...values, created_at: new Date() }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function pendingInvitationsOfAccount(db: Db, accountId: string) {
  return organisationsDb(db)
    .selectFrom('invitations')
    .innerJoin('organisations', 'organisations.id', 'invitations.organisation_id')
    .select([
      'invitations.id',
      'invitations.organisation_id',
      'organisations.name',
      'invitations.role',
      'invitations.created_at',
      'invitations.profile',
    ])
    .where('invitations.account_id', '=', accountId)
    .where('invitations.answered_at', 'is', null)
    .orderBy('invitations.created_at')
    .execute();
}

export function pendingInvitationsOfOrganisation(db: Db, organisationId: string) {
  return organisationsDb(db)
    .selectFrom('invitations')
    .select(['id', 'role', 'email', 'given_name', 'family_name', 'profile'])
    .where('organisation_id', '=', organisationId)
    .where('answered_at', 'is', null)
    .execute();
}

/** Answers one of the account's pending invitations; undefined when there is none by that id. */
export function answerInvitation(db: Db, accountId: string, invitationId: string, accepted: boolean) {
  return organisationsDb(db)
    .updateTable('invitations')
    .set({ answered_at: new Date(), accepted })
    .where('id', '=', invitationId)
    .where('account_id', '=', accountId)
    .where('answered_at', 'is', null)
    .returning(['id', 'organisation_id', 'role', 'profile'])
    .executeTakeFirst();
}
