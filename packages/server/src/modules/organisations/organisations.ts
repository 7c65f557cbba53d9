import type { Actor } from '../../platform/auth/actor.js';
import { authorizeOrganisationAdmin, isMemberOf } from '../../platform/auth/policy.js';
import type { ServiceDeps } from '../../platform/context.js';
import { problem } from '../../platform/http/problem.js';
import { describeAccounts, ensureInvitedAccount, mailInvitation } from '../accounts/service.js';
import type { Invitation, SiteInput } from './schemas.js';
import { insertMembership, insertSite, membersOf, organisationById, sitesOf } from './store.js';

export async function getOrganisation(deps: ServiceDeps, actor: Actor, organisationId: string) {
  if (!isMemberOf(actor, organisationId)) throw problem.notFound();
  const organisation = await organisationById(deps.db, organisationId);
  if (!organisation) throw problem.notFound();
  const sites = await sitesOf(deps.db, organisationId);
  return {
    id: organisation.id,
    name: organisation.name,
    finess: organisation.finess,
    sites: sites.map((s) => ({ id: s.id, name: s.name, address: s.address, postalCode: s.postal_code, city: s.city, finess: s.finess })),
  };
}

export async function listMembers(deps: ServiceDeps, actor: Actor, organisationId: string) {
  authorizeOrganisationAdmin(actor, organisationId);
  const memberships = await membersOf(deps.db, organisationId);
  const accounts = await describeAccounts(deps.db, [...new Set(memberships.map((m) => m.account_id))]);
  return memberships
    .flatMap((m) => {
      const account = accounts.get(m.account_id);
      return account ? [{ ...account, role: m.role }] : [];
    })
    .sort((a, b) => a.familyName.localeCompare(b.familyName, 'fr'));
}

export async function addSite(deps: ServiceDeps, actor: Actor, organisationId: string, input: SiteInput) {
  authorizeOrganisationAdmin(actor, organisationId);
  const id = await insertSite(deps.db, organisationId, input);
  if (!id) throw problem.conflict('site-exists');
  return { id };
}

/**
 * Invites a professional: their account (without a password) and role are created now, and a link
 * lets them choose a password. An existing account simply gains the role in this organisation.
 */
export async function inviteProfessional(deps: ServiceDeps, actor: Actor, organisationId: string, input: Invitation) {
  authorizeOrganisationAdmin(actor, organisationId);
  const organisation = await organisationById(deps.db, organisationId);
  if (!organisation) throw problem.notFound();
  const invited = await deps.db.transaction().execute(async (tx) => {
    const account = await ensureInvitedAccount(tx, input);
    await insertMembership(tx, { accountId: account.accountId, organisationId, role: input.role });
    return account;
  });
  await mailInvitation(deps, { to: input.email, ...invited, organisation: organisation.name });
  return { accountId: invited.accountId };
}
