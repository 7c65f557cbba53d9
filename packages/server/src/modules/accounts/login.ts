import { burnPasswordCheck, verifyPassword } from '../../platform/auth/passwords.js';
import { Problem, problem } from '../../platform/http/problem.js';
import { loadActor, requiresSecondFactor } from './actor.js';
import type { ServiceDeps } from '../../platform/context.js';
import { accountByEmail, isPractitioner } from './store.js';
import { openSession } from './sessions.js';
import { clearFailures, recordFailure, retryAfterMs, throttleKeys } from './throttle.js';

export interface LoginResult {
  token: string;
  csrfToken: string;
  /** What the client must do next: nothing, give a TOTP code, or enrol one first. */
  next: 'done' | 'second-factor' | 'enrol-second-factor';
}

/**
 * Password log-in, throttled per account and per address with growing delays. A wrong e-mail and a
 * wrong password look the same, in answer and in time.
 */
export async function loginWithPassword(
  deps: ServiceDeps,
  input: { email: string; password: string; address: string },
): Promise<LoginResult> {
  const email = input.email.toLowerCase();
  const keys = throttleKeys(email, input.address);
  const wait = await retryAfterMs(deps.db, keys);
  if (wait > 0) throw new Problem(429, 'login-throttled', { retryAfterSeconds: Math.ceil(wait / 1000) });

  const account = await accountByEmail(deps.db, email);
  const valid = account?.password_hash
    ? await verifyPassword(account.password_hash, input.password)
    : (await burnPasswordCheck(input.password), false);
  if (!account || !valid || account.disabled_at) {
    await recordFailure(deps.db, keys);
    throw problem.unauthorized('invalid-credentials');
  }
  if (account.is_demo && deps.config.env === 'production') throw problem.forbidden('demo-refused');
  if (!account.email_verified_at) throw problem.forbidden('email-not-verified');
  await clearFailures(deps.db, [keys[0]!]);

  const enrolled = Boolean(account.totp_enrolled_at);
  const probe = await loadActor(
    deps.db,
    { id: '', accountId: account.id, isPractitioner: await isPractitioner(deps.db, account.id) },
    input.address,
  );
  const needsSecondFactor = requiresSecondFactor(probe, enrolled);
  const { token, session } = await openSession(deps.db, deps.config, {
    accountId: account.id,
    mfaPassed: !needsSecondFactor,
    via: 'password',
    address: input.address,
  });
  return { token, csrfToken: session.csrfToken, next: !needsSecondFactor ? 'done' : enrolled ? 'second-factor' : 'enrol-second-factor' };
}
