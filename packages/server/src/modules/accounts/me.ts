import type { z } from 'zod';
import type { Authentication } from '../../platform/auth/hook.js';
import type { ServiceDeps } from '../../platform/context.js';
import { membershipsOf } from '../organisations/service.js';
import { managedRecords } from '../patients/service.js';
import type { Me, MeUpdate } from './schemas.js';
import { accountById, updateAccount } from './store.js';

export async function describeMe(deps: ServiceDeps, auth: Authentication): Promise<z.infer<typeof Me>> {
  const { actor } = auth;
  const [account, memberships, patients] = await Promise.all([
    accountById(deps.db, actor.accountId),
    membershipsOf(deps.db, actor.accountId),
    managedRecords(deps.db, actor.accountId),
  ]);
  return {
    id: account.id,
    email: account.email,
    givenName: account.given_name,
    familyName: account.family_name,
    locale: account.locale,
    csrfToken: auth.csrfToken,
    secondFactor: { enrolled: Boolean(account.totp_enrolled_at), pending: auth.secondFactorPending },
    isProfessional: actor.isProfessional,
    memberships,
    patients,
  };
}

export async function updateMe(deps: ServiceDeps, accountId: string, update: z.infer<typeof MeUpdate>): Promise<void> {
  await updateAccount(deps.db, accountId, {
    ...(update.locale ? { locale: update.locale } : {}),
    ...(update.givenName ? { given_name: update.givenName } : {}),
    ...(update.familyName ? { family_name: update.familyName } : {}),
  });
}
