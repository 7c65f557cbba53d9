import { hashPassword } from '../../platform/auth/passwords.js';
import { problem } from '../../platform/http/problem.js';
import type { ServiceDeps } from '../../platform/context.js';
import { acceptPendingInvitations } from '../organisations/service.js';
import { createOwnRecord } from '../patients/service.js';
import { consumeEmailToken } from './email-tokens.js';
import { refuseMailFlood } from './mail-quota.js';
import type { Registration } from './schemas.js';
import { accountByEmail, accountsDb, insertAccount, updateAccount } from './store.js';

/**
 * A patient signs up: an unverified account and their own patient record (identity `provisoire`
 * until checked). The answer is the same whether the address was free or not, so that sign-up
 * cannot tell who has an account; the owner of a taken address gets a mail saying so.
 */
export async function register(deps: ServiceDeps, input: Registration, address: string): Promise<void> {
  await refuseMailFlood(deps, address);
  const email = input.email.toLowerCase();
  // The password is hashed on both paths, and both queue one mail job: the time of the answer does
  // not tell whether the address had an account (the hash is most of it).
  const passwordHash = await hashPassword(input.password);
  const existing = await accountByEmail(deps.db, email);
  if (existing) {
    await deps.jobs.send('accounts.already-registered-mail', { accountId: existing.id });
    return;
  }
  await deps.db.transaction().execute(async (tx) => {
    const accountId = await insertAccount(tx, {
      email,
      givenName: input.givenName,
      familyName: input.familyName,
      locale: input.locale,
      passwordHash,
    });
    if (!accountId) return; // registered concurrently: same answer
    await createOwnRecord(tx, accountId, input.identity);
    // The job exists only if the account does.
    await deps.jobs.send('accounts.verify-email-mail', { accountId }, { tx });
  });
}

export async function verifyEmail(deps: ServiceDeps, token: string): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const accountId = await consumeEmailToken(tx, token, 'verify-email');
    await accountsDb(tx)
      .updateTable('accounts')
      .set({ email_verified_at: new Date() })
      .where('id', '=', accountId)
      .where('email_verified_at', 'is', null)
      .execute();
  });
}

/** Sets the password of an invited professional (which also proves their address). */
export async function acceptInvitation(deps: ServiceDeps, token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await deps.db.transaction().execute(async (tx) => {
    const accountId = await consumeEmailToken(tx, token, 'invitation');
    await updateAccount(tx, accountId, { password_hash: passwordHash, email_verified_at: new Date() });
    // Choosing the password from the invitation link is the invited person's acceptance.
    await acceptPendingInvitations(tx, accountId);
  });
}

export function assertNotProduction(deps: ServiceDeps): void {
  if (deps.config.env === 'production') throw problem.forbidden('demo-refused');
}
