import type { Actor } from '../../platform/auth/actor.js';
import { authorizeOrganisationAdmin, isMemberOf } from '../../platform/auth/policy.js';
import type { ServiceDeps } from '../../platform/context.js';
import { problem } from '../../platform/http/problem.js';
import { describeAccounts } from '../accounts/service.js';
import type { SiteInput } from './schemas.js';
import { insertSite, membersOf, organisationById, pendingInvitationsOfOrganisation, sitesOf } from './store.js';

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
  const [memberships, invitations] = await Promise.all([
    membersOf(deps.db, organisationId),
    pendingInvitationsOfOrganisation(deps.db, organisationId),
  ]);
  const accounts = await describeAccounts(deps.db, [...new Set(memberships.map((m) => m.account_id))]);
  const members = memberships.flatMap((m) => {
    const account = accounts.get(m.account_id);
    return account ? [{ ...account, invitationId: null, role: m.role, invitationPending: false }] : [];
  });
  // Who has not accepted yet appears as the administrator typed them: their account is not theirs to see.
  const invited = invitations.map((i) => ({
    accountId: null,
    invitationId: i.id,
    email: i.email,
    givenName: i.given_name,
    familyName: i.family_name,
    role: i.role,
    profession: i.profile?.profession ?? null,
    specialty: i.profile?.specialty ?? null,
    rpps: i.profile?.rpps ?? null,
    invitationPending: true,
  }));
  return [...members, ...invited].sort((a, b) => a.familyName.localeCompare(b.familyName, 'fr'));
}

export async function addSite(deps: ServiceDeps, actor: Actor, organisationId: string, input: SiteInput) {
  authorizeOrganisationAdmin(actor, organisationId);
  const id = await insertSite(deps.db, organisationId, input);
  if (!id) throw problem.conflict('site-exists');
  return { id };
}
