import { hashPassword } from '../../platform/auth/passwords.js';
import type { ServiceDeps } from '../../platform/context.js';
import { accountByEmail, updateAccount } from './store.js';
import { consumeEmailToken } from './email-tokens.js';
import { NO_ACCOUNT, refuseMailFlood } from './mail-quota.js';
import { endSessions } from './session-cache.js';
import { revokeAllSessions } from './sessions.js';

/**
 * Sends a reset link if the address has an account; neither the answer nor its time says whether it
 * has: the mail leaves from a job, and a job is queued either way (one that finds no account sends
 * nothing). An address asking too often is told to wait.
 */
export async function requestPasswordReset(deps: ServiceDeps, email: string, address: string): Promise<void> {
  await refuseMailFlood(deps, address);
  const account = await accountByEmail(deps.db, email.toLowerCase());
  await deps.jobs.send('accounts.password-reset-mail', { accountId: account?.id ?? NO_ACCOUNT });
}

/** A new password ends every open session of the account: whoever had the old one is out. */
export async function resetPassword(deps: ServiceDeps, token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  const accountId = await deps.db.transaction().execute(async (tx) => {
    const accountId = await consumeEmailToken(tx, token, 'reset-password');
    // Following the link proves the address, as the verification link would.
    await updateAccount(tx, accountId, { password_hash: passwordHash, email_verified_at: new Date() });
    await revokeAllSessions(tx, accountId);
    return accountId;
  });
  endSessions(deps.events, accountId);
}
