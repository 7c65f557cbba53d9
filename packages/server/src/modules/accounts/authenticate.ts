import type { FastifyRequest } from 'fastify';
import type { Authentication } from '../../platform/auth/hook.js';
import type { ServiceDeps } from '../../platform/context.js';
import { loadActor, requiresSecondFactor } from './actor.js';
import { resumeSession, SESSION_COOKIE } from './sessions.js';

/** The caller of a request, from the session cookie; null when there is none or it has ended. */
export async function authenticate(deps: ServiceDeps, request: FastifyRequest): Promise<Authentication | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const session = await resumeSession(deps.db, deps.config, token);
  if (!session) return null;
  const actor = await loadActor(deps.db, session, request.ip);
  const secondFactorPending = !session.mfaPassed && requiresSecondFactor(actor, session.totpEnrolled);
  return { actor, csrfToken: session.csrfToken, secondFactorPending };
}
