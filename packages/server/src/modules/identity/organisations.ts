import type { Actor } from '../../platform/auth/actor.js';
import { authorizeOrganisationAdmin, isMemberOf } from '../../platform/auth/policy.js';
import { problem } from '../../platform/http/problem.js';
import type { IdentityDeps } from './deps.js';
import { issueEmailToken } from './email-tokens.js';
import { composeMail } from './mails.js';
import type { Invitation, SiteInput } from './organisation-schemas.js';

export async function getOrganisation(deps: IdentityDeps, actor: Actor, organisationId: string) {
  if (!isMemberOf(actor, organisationId)) throw problem.notFound();
  const organisation = await deps.db
    .selectFrom('organisations')
    .select(['id', 'name', 'finess'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!organisation) throw problem.notFound();
  const sites = await deps.db
    .selectFrom('sites')
    .select(['id', 'name', 'address', 'postal_code', 'city', 'finess'])
    .where('organisation_id', '=', organisationId)
    .orderBy('name')
    .execute();
  return {
    id: organisation.id,
    name: organisation.name,
    finess: organisation.finess,
    sites: sites.map((s) => ({ id: s.id, name: s.name, address: s.address, postalCode: s.postal_code, city: s.city, finess: s.finess })),
  };
}

export async function listMembers(deps: IdentityDeps, actor: Actor, organisationId: string) {
  authorizeOrganisationAdmin(actor, organisationId);
  const rows = await deps.db
    .selectFrom('memberships')
    .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
    .leftJoin('practitioners', 'practitioners.account_id', 'accounts.id')
    .select([
      'accounts.id',
      'accounts.email',
      'accounts.given_name',
      'accounts.family_name',
      'accounts.password_hash',
      'memberships.role',
      'practitioners.profession',
      'practitioners.specialty',
      'practitioners.rpps',
    ])
    .where('memberships.organisation_id', '=', organisationId)
    .orderBy('accounts.family_name')
    .execute();
  return rows.map((r) => ({
    accountId: r.id,
    email: r.email,
    givenName: r.given_name,
    familyName: r.family_name,
    role: r.role,
    profession: r.profession,
    specialty: r.specialty,
    rpps: r.rpps,
    invitationPending: !r.password_hash,
  }));
}

export async function addSite(deps: IdentityDeps, actor: Actor, organisationId: string, input: SiteInput) {
  authorizeOrganisationAdmin(actor, organisationId);
  const site = await deps.db
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
  if (!site) throw problem.conflict('site-exists');
  return { id: site.id };
}

/**
 * Invites a professional: their account (without a password) and role are created now, and a link
 * lets them choose a password. An existing account simply gains the role in this organisation.
 */
export async function inviteProfessional(deps: IdentityDeps, actor: Actor, organisationId: string, input: Invitation) {
  authorizeOrganisationAdmin(actor, organisationId);
  const organisation = await deps.db.selectFrom('organisations').select('name').where('id', '=', organisationId).executeTakeFirstOrThrow();
  const { accountId, token, locale } = await deps.db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom('accounts')
      .select(['id', 'password_hash', 'locale'])
      .where('email', '=', input.email)
      .executeTakeFirst();
    if (input.rpps) {
      const holder = await tx.selectFrom('practitioners').select('account_id').where('rpps', '=', input.rpps).executeTakeFirst();
      if (holder && holder.account_id !== existing?.id) throw problem.conflict('rpps-taken');
    }
    const id =
      existing?.id ??
      (
        await tx
          .insertInto('accounts')
          .values({
            email: input.email,
            given_name: input.givenName,
            family_name: input.familyName,
            locale: input.locale,
            password_hash: null,
            email_verified_at: null,
            totp_secret: null,
            totp_enrolled_at: null,
            disabled_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    if (input.profession) {
      await tx
        .insertInto('practitioners')
        .values({
          account_id: id,
          profession: input.profession,
          specialty: input.specialty ?? null,
          rpps: input.rpps ?? null,
          sector: input.sector ?? null,
          optam: input.optam ?? false,
        })
        .onConflict((oc) => oc.column('account_id').doNothing())
        .execute();
    }
    await tx
      .insertInto('memberships')
      .values({ account_id: id, organisation_id: organisationId, role: input.role })
      .onConflict((oc) => oc.columns(['account_id', 'organisation_id', 'role']).doNothing())
      .execute();
    const token = existing?.password_hash ? null : await issueEmailToken(tx, id, 'invitation');
    return { accountId: id, token, locale: existing?.locale ?? input.locale };
  });
  const link = token ? `${deps.config.publicUrl}/invitation?token=${token}` : `${deps.config.publicUrl}/connexion`;
  await deps.mailer.send(composeMail('invitation', locale, input.email, { link, organisation: organisation.name }));
  return { accountId };
}
