import type { Authentication } from '../../platform/auth/hook.js';
import type { IdentityDeps } from './deps.js';
import type { z } from 'zod';
import type { Me, MeUpdate } from './schemas.js';

export async function describeMe(deps: IdentityDeps, auth: Authentication): Promise<z.infer<typeof Me>> {
  const { actor } = auth;
  const [account, memberships, patients] = await Promise.all([
    deps.db
      .selectFrom('accounts')
      .select(['id', 'email', 'given_name', 'family_name', 'locale', 'totp_enrolled_at'])
      .where('id', '=', actor.accountId)
      .executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('memberships')
      .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
      .select(['memberships.organisation_id', 'organisations.name', 'memberships.role'])
      .where('memberships.account_id', '=', actor.accountId)
      .execute(),
    deps.db
      .selectFrom('patients')
      .select(['id', 'first_names', 'birth_name', 'is_self'])
      .where('account_id', '=', actor.accountId)
      .orderBy('is_self', 'desc')
      .execute(),
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
    memberships: memberships.map((m) => ({ organisationId: m.organisation_id, organisationName: m.name, role: m.role })),
    patients: patients.map((p) => ({ id: p.id, firstNames: p.first_names, birthName: p.birth_name, isSelf: p.is_self })),
  };
}

export async function updateMe(deps: IdentityDeps, accountId: string, update: z.infer<typeof MeUpdate>): Promise<void> {
  const set = {
    ...(update.locale ? { locale: update.locale } : {}),
    ...(update.givenName ? { given_name: update.givenName } : {}),
    ...(update.familyName ? { family_name: update.familyName } : {}),
  };
  if (Object.keys(set).length > 0) await deps.db.updateTable('accounts').set(set).where('id', '=', accountId).execute();
}
