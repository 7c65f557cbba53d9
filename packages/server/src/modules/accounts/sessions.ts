import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/database/database.js';
import { randomToken, tokenHash } from '../../platform/auth/secrets.js';
import { accountsDb } from './store.js';

export const SESSION_COOKIE = 'parcours_session';

export interface SessionRecord {
  id: string;
  accountId: string;
  csrfToken: string;
  mfaPassed: boolean;
  via: 'password' | 'oidc';
}

/** A resumed session, with what the request path needs of its account (read in the same query). */
export interface ResumedSession extends SessionRecord {
  totpEnrolled: boolean;
  isPractitioner: boolean;
  /** The account's given and family names, as the audit trail keeps them with each entry. */
  name: string;
}

/** Opens a session; the returned token goes in the cookie, only its hash is stored. */
export async function openSession(
  db: Db,
  config: Config,
  input: { accountId: string; mfaPassed: boolean; via: 'password' | 'oidc'; address: string },
): Promise<{ token: string; session: SessionRecord }> {
  const token = randomToken();
  const csrfToken = randomToken();
  const id = tokenHash(token);
  await accountsDb(db)
    .insertInto('sessions')
    .values({
      id,
      account_id: input.accountId,
      csrf_token: csrfToken,
      mfa_passed: input.mfaPassed,
      via: input.via,
      address: input.address,
      expires_at: new Date(Date.now() + config.session.absoluteMs),
      revoked_at: null,
    })
    .execute();
  return { token, session: { id, accountId: input.accountId, csrfToken, mfaPassed: input.mfaPassed, via: input.via } };
}

/** Seen again within this long, a session's last-seen time is not rewritten: one write a minute at most. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The live session of a cookie token: not revoked, within its absolute lifetime and not idle for
 * longer than allowed. An expired one is revoked on the way, so it can never come back.
 */
export async function resumeSession(db: Db, config: Config, token: string, now = new Date()): Promise<ResumedSession | null> {
  const id = tokenHash(token);
  const row = await accountsDb(db)
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .leftJoin('practitioners', 'practitioners.account_id', 'sessions.account_id')
    .select([
      'sessions.id',
      'sessions.account_id',
      'sessions.csrf_token',
      'sessions.mfa_passed',
      'sessions.via',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.revoked_at',
      'accounts.disabled_at',
      'accounts.totp_enrolled_at',
      'accounts.given_name',
      'accounts.family_name',
      'practitioners.account_id as practitioner_id',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row || row.revoked_at || row.disabled_at) return null;
  const idle = now.getTime() - row.last_seen_at.getTime() > config.session.idleMs;
  if (idle || row.expires_at <= now) {
    await revokeSession(db, id);
    return null;
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await accountsDb(db).updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
  return {
    id: row.id,
    accountId: row.account_id,
    csrfToken: row.csrf_token,
    mfaPassed: row.mfa_passed,
    via: row.via,
    totpEnrolled: Boolean(row.totp_enrolled_at),
    isPractitioner: Boolean(row.practitioner_id),
    name: `${row.given_name} ${row.family_name}`,
  };
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await accountsDb(db)
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** After a password change every other session of the account ends. */
export async function revokeAllSessions(db: Db, accountId: string, except?: string): Promise<void> {
  let query = accountsDb(db)
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null);
  if (except) query = query.where('id', '!=', except);
  await query.execute();
}

/**
 * Once the second factor is given, the session continues under a new token (the old one is revoked):
 * a token seen before the second step — planted, or read over a shoulder — opens nothing after it.
 * The CSRF token stays, so that the page in the browser goes on working. Returns the new token.
 */
export async function renewSession(db: Db, sessionId: string): Promise<string> {
  const token = randomToken();
  await db.transaction().execute(async (tx) => {
    const own = accountsDb(tx);
    const old = await own
      .updateTable('sessions')
      .set({ revoked_at: new Date() })
      .where('id', '=', sessionId)
      .returning(['account_id', 'csrf_token', 'via', 'address', 'expires_at'])
      .executeTakeFirstOrThrow();
    await own
      .insertInto('sessions')
      .values({
        id: tokenHash(token),
        account_id: old.account_id,
        csrf_token: old.csrf_token,
        mfa_passed: true,
        via: old.via,
        address: old.address,
        // The absolute lifetime runs from the log-in, not from the second step.
        expires_at: old.expires_at,
        revoked_at: null,
      })
      .execute();
  });
  return token;
}
