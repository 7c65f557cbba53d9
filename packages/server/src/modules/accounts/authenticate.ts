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
  const session = await cache.load(tokenHash(token), async () => {
    const resumed = await resumeSession(deps.db, deps.config, token);
    if (!resumed) return null;
    const { address: _address, ...actor } = await loadActor(deps.db, resumed, request.ip);
    return {
      sessionId: resumed.id,
      accountId: resumed.accountId,
      actor,
      csrfToken: resumed.csrfToken,
      secondFactorPending: !resumed.mfaPassed && requiresSecondFactor({ ...actor, address: request.ip }, resumed.totpEnrolled),
    };
  });
  if (!session) return null;
  return {
    actor: { ...session.actor, address: request.ip },
    csrfToken: session.csrfToken,
    secondFactorPending: session.secondFactorPending,
  };
}
