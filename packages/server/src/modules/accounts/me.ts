import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import type { Authentication } from '../../platform/auth/hook.js';
import { audited } from '../../platform/audit/audit.js';
import { publishLive } from '../../platform/realtime/index.js';
import { accountTopic } from './topics.js';
import { accountChanged, sessionCache } from './session-cache.js';
import type { ServiceDeps } from '../../platform/context.js';
import { membershipsOf } from '../organisations/service.js';
import { managedRecords } from '../patients/service.js';
import type { Me, MeUpdate } from './schemas.js';
import { accountById, updateAccount } from './store.js';
import { practitionerProfile } from './service.js';

export async function describeMe(deps: ServiceDeps, auth: Authentication): Promise<z.infer<typeof Me>> {
  const { actor } = auth;
  // Every page asks for it: read once per account and moment (see SessionCache.view).
  const [account, memberships, patients, profile] = await sessionCache(deps.events).view(actor.accountId, () =>
    Promise.all([
      accountById(deps.db, actor.accountId),
      membershipsOf(deps.db, actor.accountId),
      managedRecords(deps.db, actor.accountId),
      practitionerProfile(deps.db, actor.accountId),
    ]),
  );
  return {
    id: account.id,
    email: account.email,
    givenName: account.given_name,
    familyName: account.family_name,
    locale: account.locale,
    csrfToken: auth.csrfToken,
    secondFactor: { enrolled: Boolean(account.totp_enrolled_at), pending: auth.secondFactorPending },
    isProfessional: actor.isProfessional,
    practitioner: profile ? { profession: profile.profession, specialty: profile.specialty } : null,
    memberships,
    patients,
  };
}

/** The profile changes with an audit entry: a name is what patients read in their access history. */
export async function updateMe(deps: ServiceDeps, actor: Actor, update: z.infer<typeof MeUpdate>): Promise<void> {
  await audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'account.update',
      resource: { type: 'Practitioner', id: actor.accountId },
      authorize: () => (actor.isProfessional ? 'practitioner' : 'patient'),
    },
    (tx) =>
      updateAccount(tx, actor.accountId, {
        ...(update.locale ? { locale: update.locale } : {}),
        ...(update.givenName ? { given_name: update.givenName } : {}),
        ...(update.familyName ? { family_name: update.familyName } : {}),
      }),
  );
  // Pages showing the profile, in every tab and on every node, reload it, and no node serves the old one.
  accountChanged(deps.events, actor.accountId);
  publishLive(deps.events, accountTopic.topic({ accountId: actor.accountId }), 'account.updated', {});
}
