import type { FastifyRequest } from 'fastify';
import type { Authentication } from '../../platform/auth/hook.js';
import { tokenHash } from '../../platform/auth/secrets.js';
import type { ServiceDeps } from '../../platform/context.js';
import { loadActor, requiresSecondFactor } from './actor.js';
import type { SessionCache } from './session-cache.js';
import { resumeSession, SESSION_COOKIE } from './sessions.js';

/** The caller of a request, from the session cookie; null when there is none or it has ended. */
export async function authenticate(deps: ServiceDeps, request: FastifyRequest, cache: SessionCache): Promise<Authentication | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const key = tokenHash(token);
  const cached = cache.get(key);
  if (cached)
    return {
      actor: { ...cached.actor, address: request.ip },
      csrfToken: cached.csrfToken,
      secondFactorPending: cached.secondFactorPending,
    };
  const session = await resumeSession(deps.db, deps.config, token);
  if (!session) return null;
  const actor = await loadActor(deps.db, session, request.ip);
  const secondFactorPending = !session.mfaPassed && requiresSecondFactor(actor, session.totpEnrolled);
  const { address: _address, ...withoutAddress } = actor;
  cache.set(key, {
    sessionId: session.id,
    accountId: session.accountId,
    actor: withoutAddress,
    csrfToken: session.csrfToken,
    secondFactorPending,
  });
  return { actor, csrfToken: session.csrfToken, secondFactorPending };
}
