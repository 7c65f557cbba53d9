import type { Db } from '../../platform/database/database.js';
import { randomToken, tokenHash } from '../../platform/auth/secrets.js';
import { problem } from '../../platform/http/problem.js';
import { accountsDb } from './store.js';
import type { EmailTokenPurpose } from './tables.js';

const LIFETIME_MS: Record<EmailTokenPurpose, number> = {
  'verify-email': 48 * 3_600_000,
  'reset-password': 60 * 60_000,
  invitation: 7 * 24 * 3_600_000,
};

/** A one-time link token for an account; only its hash is stored. */
export async function issueEmailToken(
  db: Db,
  accountId: string,
  purpose: EmailTokenPurpose,
  options: { voidOlder?: boolean } = {},
): Promise<string> {
  const token = randomToken();
  if (options.voidOlder) await voidTokens(db, accountId, purpose);
  await accountsDb(db)
    .insertInto('email_tokens')
    .values({
      token_hash: tokenHash(token),
      account_id: accountId,
      purpose,
      expires_at: new Date(Date.now() + LIFETIME_MS[purpose]),
      used_at: null,
    })
    .execute();
  return token;
}

/** Uses a token once: the update that marks it used is the check, so two concurrent uses cannot both win. */
export async function consumeEmailToken(tx: Db, token: string, purpose: EmailTokenPurpose): Promise<string> {
  const row = await accountsDb(tx)
    .updateTable('email_tokens')
    .set({ used_at: new Date() })
    .where('token_hash', '=', tokenHash(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning('account_id')
    .executeTakeFirst();
  if (!row) throw problem.badRequest('token-invalid');
  // Using one reset link voids every other: a link sent earlier, or to an inbox read by someone else, is dead.
  if (purpose === 'reset-password') await voidTokens(tx, row.account_id, purpose);
  return row.account_id;
}

async function voidTokens(db: Db, accountId: string, purpose: EmailTokenPurpose): Promise<void> {
  await accountsDb(db)
    .updateTable('email_tokens')
    .set({ used_at: new Date() })
    .where('account_id', '=', accountId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}
