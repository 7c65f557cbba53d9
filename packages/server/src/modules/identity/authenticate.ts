import type { FastifyRequest } from 'fastify';
import type { Authentication } from '../../platform/auth/hook.js';
import type { IdentityDeps } from './deps.js';
import { loadActor, requiresSecondFactor } from './actor.js';
import { resumeSession, SESSION_COOKIE } from './sessions.js';

/** The caller of a request, from the session cookie; null when there is none or it has ended. */
export async function authenticate(deps: IdentityDeps, request: FastifyRequest): Promise<Authentication | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const session = await resumeSession(deps.db, deps.config, token);
  if (!session) return null;
  const actor = await loadActor(deps.db, session, request.ip);
  let secondFactorPending = false;
  if (!session.mfaPassed) {
    const account = await deps.db
      .selectFrom('accounts')
      .select('totp_enrolled_at')
      .where('id', '=', session.accountId)
      .executeTakeFirstOrThrow();
    secondFactorPending = requiresSecondFactor(actor, Boolean(account.totp_enrolled_at));
  }
  return { actor, csrfToken: session.csrfToken, secondFactorPending };
}
