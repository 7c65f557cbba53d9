import { hashPassword } from '../../platform/auth/passwords.js';
import type { ServiceDeps } from '../../platform/context.js';
import { accountByEmail, updateAccount } from './store.js';
import { consumeEmailToken, issueEmailToken } from './email-tokens.js';
import { composeMail } from './mails.js';
import { revokeAllSessions } from './sessions.js';

/** Sends a reset link if the address has an account; the answer never says whether it has. */
export async function requestPasswordReset(deps: ServiceDeps, email: string): Promise<void> {
  const account = await accountByEmail(deps.db, email.toLowerCase());
  if (!account) return;
  const token = await issueEmailToken(deps.db, account.id, 'reset-password');
  await deps.mailer.send(
    composeMail('reset-password', account.locale, account.email, { link: `${deps.config.publicUrl}/nouveau-mot-de-passe?token=${token}` }),
  );
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
  deps.events.publish('session.ended', { accountId });
}
