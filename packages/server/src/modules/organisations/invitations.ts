import type { Actor } from '../../platform/auth/actor.js';
import { authorizeOrganisationAdmin } from '../../platform/auth/policy.js';
import type { Db } from '../../platform/database/database.js';
import type { ServiceDeps } from '../../platform/context.js';
import { problem } from '../../platform/http/problem.js';
import { accountChanged, ensureInvitedAccount, ensurePractitionerProfile, queueInvitationMail } from '../accounts/service.js';
import type { Invitation } from './schemas.js';
import { answerInvitation, insertMembership, organisationById, pendingInvitationsOfAccount, upsertInvitation } from './store.js';

/**
 * Invites a person to the organisation. A new address gets an account without a password and a link
 * to choose one; an existing account is only asked. Either way, the person becomes a member when they
 * accept — never by the administrator's say-so — and the answer does not tell whether the address had
 * an account.
 */
export async function inviteProfessional(deps: ServiceDeps, actor: Actor, organisationId: string, input: Invitation) {
  authorizeOrganisationAdmin(actor, organisationId);
  const organisation = await organisationById(deps.db, organisationId);
  if (!organisation) throw problem.notFound();
  const invitationId = await deps.db.transaction().execute(async (tx) => {
    const { accountId } = await ensureInvitedAccount(tx, input);
    const invitationId = await upsertInvitation(tx, {
      organisationId,
      accountId,
      role: input.role,
      email: input.email,
      givenName: input.givenName,
      familyName: input.familyName,
      profile: input.profession
        ? { profession: input.profession, specialty: input.specialty, rpps: input.rpps, sector: input.sector, optam: input.optam }
        : null,
      invitedBy: actor.accountId,
    });
    await queueInvitationMail(deps, tx, { accountId, organisation: organisation.name });
    return invitationId;
  });
  return { invitationId };
}

/** The invitations waiting for the signed-in person's answer. */
export async function myInvitations(deps: ServiceDeps, actor: Actor) {
  return (await pendingInvitationsOfAccount(deps.db, actor.accountId)).map((i) => ({
    id: i.id,
    organisationId: i.organisation_id,
    organisationName: i.name,
    role: i.role,
    invitedAt: i.created_at.toISOString(),
  }));
}

/** The person answers an invitation of theirs: accepting makes them a member (and gives the profile typed, if they have none). */
export async function answerMyInvitation(deps: ServiceDeps, actor: Actor, invitationId: string, accept: boolean): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const answered = await answerInvitation(tx, actor.accountId, invitationId, accept);
    if (!answered) throw problem.notFound();
    if (accept) await joinOrganisation(tx, actor.accountId, answered);
  });
  if (accept) accountChanged(deps.events, actor.accountId);
}

/**
 * Accepts every pending invitation of an account: choosing one's password from the invitation link is
 * the answer of a person whose account the invitation itself created.
 */
export async function acceptPendingInvitations(tx: Db, accountId: string): Promise<void> {
  for (const pending of await pendingInvitationsOfAccount(tx, accountId)) {
    const answered = await answerInvitation(tx, accountId, pending.id, true);
    if (answered) await joinOrganisation(tx, accountId, answered);
  }
}

async function joinOrganisation(
  tx: Db,
  accountId: string,
  invitation: NonNullable<Awaited<ReturnType<typeof answerInvitation>>>,
): Promise<void> {
  await insertMembership(tx, { accountId, organisationId: invitation.organisation_id, role: invitation.role });
  if (invitation.profile) await ensurePractitionerProfile(tx, accountId, invitation.profile);
}
