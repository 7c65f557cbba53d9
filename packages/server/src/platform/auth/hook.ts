import type { FastifyInstance, FastifyRequest } from 'fastify';
import { problem } from '../http/problem.js';
import type { Actor } from './actor.js';
import { ROUTE_POLICIES, type RoutePolicy } from './policy.js';
import { sameSecret } from './secrets.js';

/** A signed-in caller as the auth hook found them. */
export interface Authentication {
  actor: Actor;
  csrfToken: string;
  /** The second factor is required and not yet given in this session. */
  secondFactorPending: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
    /**
     * The caller is found and the policy checked before the body is read, not after: for a route
     * whose body may be large (an upload), so that no one without the right makes the node hold it.
     * Its own `preParsing` hook can then make the finer check too.
     */
    authenticateBeforeBody?: boolean;
  }
  interface FastifyRequest {
    auth: Authentication | null;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every API route must say who may call it; one that does not stops the app from starting. The
 * declared policies are kept (`METHOD url` → policy) for the route × role tests.
 */
export function requireDeclaredPolicies(app: FastifyInstance): Map<string, RoutePolicy> {
  const declared = new Map<string, RoutePolicy>();
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    const policy = (route.config as { policy?: RoutePolicy } | undefined)?.policy;
    if (!policy || !ROUTE_POLICIES.includes(policy)) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access policy (config.policy)`);
    }
    for (const method of [route.method].flat()) if (method !== 'HEAD') declared.set(`${method} ${route.url}`, policy);
  });
  return declared;
}

/**
 * Resolves the caller from their session cookie, checks the CSRF token on cookie-authenticated
 * writes, then enforces the route's declared policy. Services make the finer checks.
 */
export function installAuthentication(
  app: FastifyInstance,
  authenticate: (request: FastifyRequest) => Promise<Authentication | null>,
): void {
  app.decorateRequest('auth', null);
  // Once the body is read and parsed (a malformed one is the first thing said), or before it is read.
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.authenticateBeforeBody) await check(request);
  });
  app.addHook('preValidation', async (request) => {
    if (!request.routeOptions.config.authenticateBeforeBody) await check(request);
  });

  async function check(request: FastifyRequest): Promise<void> {
    const policy = request.routeOptions.config.policy;
    if (!policy) return; // not an API route (health, docs)
    const auth = await authenticate(request);
    request.auth = auth;
    if (auth && WRITES.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameSecret(sent, auth.csrfToken)) throw problem.forbidden('csrf-token-invalid');
    }
    if (policy === 'public') return;
    if (!auth) throw problem.unauthorized();
    if (policy === 'session') return;
    if (auth.secondFactorPending) throw problem.unauthorized('second-factor-required');
    if (policy === 'professional' && !auth.actor.isProfessional) throw problem.forbidden();
  }
}

/** The actor of a route whose policy guarantees one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.auth) throw problem.unauthorized();
  return request.auth.actor;
}
