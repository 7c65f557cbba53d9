import { randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import { tokenHash } from '../../platform/auth/secrets.js';
import { Problem, problem } from '../../platform/http/problem.js';
import type { ServiceDeps } from '../../platform/context.js';
import { accountById, accountsDb } from './store.js';
import { endSessions } from './session-cache.js';
import { renewSession } from './sessions.js';
import { clearFailures, recordFailure, retryAfterMs, secondFactorKey } from './throttle.js';

const ISSUER = 'Parcours';
const RECOVERY_CODES = 10;

/** Step one of enrolment: a new secret, shown once as a QR code / otpauth URI. */
export async function startTotpEnrolment(deps: ServiceDeps, accountId: string): Promise<{ secret: string; uri: string }> {
  const account = await accountById(deps.db, accountId);
  if (account.totp_enrolled_at) throw problem.conflict('totp-already-enrolled');
  const secret = generateSecret();
  await accountsDb(deps.db).updateTable('accounts').set({ totp_secret: secret }).where('id', '=', accountId).execute();
  return { secret, uri: generateURI({ issuer: ISSUER, label: account.email, secret }) };
}

async function checkCode(secret: string, code: string): Promise<boolean> {
  // One step of clock drift either way (RFC 6238 §5.2).
  const result = await verify({ secret, token: code, epochTolerance: 30 });
  return result.valid;
}

/** Step two: a right code turns the second factor on, passes it for this session, and gives recovery codes once. */
export async function confirmTotpEnrolment(
  deps: ServiceDeps,
  accountId: string,
  sessionId: string,
  code: string,
): Promise<{ recoveryCodes: string[]; token: string }> {
  const account = await accountById(deps.db, accountId);
  if (account.totp_enrolled_at) throw problem.conflict('totp-already-enrolled');
  if (!account.totp_secret) throw problem.badRequest('totp-not-started');
  if (!(await checkCode(account.totp_secret, code))) throw problem.badRequest('totp-invalid');
  const recoveryCodes = Array.from({ length: RECOVERY_CODES }, () =>
    randomBytes(5)
      .toString('hex')
      .toUpperCase()
      .replace(/(.{5})/, '$1-'),
  );
  await deps.db.transaction().execute(async (transaction) => {
    const tx = accountsDb(transaction);
    await tx.updateTable('accounts').set({ totp_enrolled_at: new Date() }).where('id', '=', accountId).execute();
    await tx.deleteFrom('recovery_codes').where('account_id', '=', accountId).execute();
    await tx
      .insertInto('recovery_codes')
      .values(recoveryCodes.map((c) => ({ account_id: accountId, code_hash: tokenHash(c), used_at: null })))
      .execute();
  });
  const token = await renewSession(deps.db, sessionId);
  endSessions(deps.events, accountId, sessionId);
  return { recoveryCodes, token };
}

/** The second step of a log-in: a TOTP code, or one of the recovery codes (each usable once). Throttled like passwords. */
export async function verifySecondFactor(
  deps: ServiceDeps,
  accountId: string,
  sessionId: string,
  input: { code?: string; recoveryCode?: string },
): Promise<string> {
  const keys = [secondFactorKey(accountId)];
  const wait = await retryAfterMs(deps.db, keys);
  if (wait > 0) throw new Problem(429, 'login-throttled', { retryAfterSeconds: Math.ceil(wait / 1000) });
  const account = await accountById(deps.db, accountId);
  if (!account.totp_enrolled_at || !account.totp_secret) throw problem.badRequest('totp-not-started');
  let ok = false;
  if (input.code) ok = await checkCode(account.totp_secret, input.code);
  else if (input.recoveryCode) {
    const used = await accountsDb(deps.db)
      .updateTable('recovery_codes')
      .set({ used_at: new Date() })
      .where('account_id', '=', accountId)
      .where('code_hash', '=', tokenHash(input.recoveryCode.trim().toUpperCase()))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    ok = Number(used.numUpdatedRows) === 1;
  }
  if (!ok) {
    await recordFailure(deps.db, keys);
    throw problem.unauthorized('totp-invalid');
  }
  await clearFailures(deps.db, keys);
  const token = await renewSession(deps.db, sessionId);
  endSessions(deps.events, accountId, sessionId);
  return token;
}
