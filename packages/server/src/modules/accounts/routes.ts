import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../platform/config.js';
import type { ServiceDeps } from '../../platform/context.js';
import { problem } from '../../platform/http/problem.js';
import { describeMe, updateMe } from './me.js';
import { loginWithPassword } from './login.js';
import { requestPasswordReset, resetPassword } from './password-reset.js';
import { acceptInvitation, register, verifyEmail } from './registration.js';
import {
  EnrolmentReply,
  ForgotBody,
  LoginBody,
  LoginReply,
  Me,
  MeUpdate,
  RecoveryCodesReply,
  Registration,
  ResetBody,
  SecondFactorBody,
  TokenBody,
  TotpCode,
} from './schemas.js';
import { confirmTotpEnrolment, startTotpEnrolment, verifySecondFactor } from './second-factor.js';
import { endSessions } from './session-cache.js';
import { revokeSession, SESSION_COOKIE } from './sessions.js';
import { actorOf } from '../../platform/auth/hook.js';
import { Problem } from '../../platform/http/problem.js';
import { opaque } from '../../platform/http/text.js';
import { finishOidcLogin, startOidcLogin } from './oidc.js';

const tags = ['auth'];
const Accepted = z.object({ status: z.literal('accepted') });
const NoContent = z.null();

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    // Lax, not Strict: the Pro Santé Connect callback is a top-level navigation from another site.
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https://'),
    maxAge: Math.floor(config.session.absoluteMs / 1000),
  });
}

export function registerAccountRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  registerAuthRoutes(app, deps);
  registerOidcRoutes(app, deps);
  registerMeRoutes(app, deps);
}

function registerAuthRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/api/v1/auth/register',
    {
      schema: {
        tags,
        summary: 'A patient creates an account; a verification link is mailed',
        body: Registration,
        response: { 202: Accepted },
      },
      config: { policy: 'public' },
    },
    async (request, reply) => {
      await register(deps, request.body, request.ip);
      return reply.code(202).send({ status: 'accepted' });
    },
  );

  api.post(
    '/api/v1/auth/verify-email',
    {
      schema: { tags, summary: 'Confirms an e-mail address with the mailed token', body: TokenBody, response: { 204: NoContent } },
      config: { policy: 'public' },
    },
    async (request, reply) => {
      await verifyEmail(deps, request.body.token);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/api/v1/auth/login',
    {
      schema: { tags, summary: 'Password log-in; says whether a second factor comes next', body: LoginBody, response: { 200: LoginReply } },
      config: { policy: 'public' },
    },
    async (request, reply) => {
      const result = await loginWithPassword(deps, { ...request.body, address: request.ip });
      setSessionCookie(reply, deps.config, result.token);
      return { next: result.next, csrfToken: result.csrfToken };
    },
  );

  api.post(
    '/api/v1/auth/logout',
    { schema: { tags, summary: 'Ends the session', response: { 204: NoContent } }, config: { policy: 'session' } },
    async (request, reply) => {
      const actor = actorOf(request);
      await revokeSession(deps.db, actor.sessionId);
      // Its live connections, on every node, end now rather than at their next check.
      endSessions(deps.events, actor.accountId, actor.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/api/v1/auth/second-factor/enrolment',
    {
      schema: { tags, summary: 'Starts TOTP enrolment: a new secret and its otpauth URI', response: { 200: EnrolmentReply } },
      config: { policy: 'session' },
    },
    async (request) => startTotpEnrolment(deps, actorOf(request).accountId),
  );

  api.post(
    '/api/v1/auth/second-factor/enrolment/confirm',
    {
      schema: {
        tags,
        summary: 'Confirms TOTP enrolment with a code; returns recovery codes, once',
        body: z.object({ code: TotpCode }).strict(),
        response: { 200: RecoveryCodesReply },
      },
      config: { policy: 'session' },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { recoveryCodes, token } = await confirmTotpEnrolment(deps, actor.accountId, actor.sessionId, request.body.code);
      setSessionCookie(reply, deps.config, token);
      return { recoveryCodes };
    },
  );

  api.post(
    '/api/v1/auth/second-factor/verify',
    {
      schema: {
        tags,
        summary: 'Second step of a log-in: a TOTP code or a recovery code',
        body: SecondFactorBody,
        response: { 204: NoContent },
      },
      config: { policy: 'session' },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      setSessionCookie(reply, deps.config, await verifySecondFactor(deps, actor.accountId, actor.sessionId, request.body));
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/api/v1/auth/password/forgot',
    {
      schema: { tags, summary: 'Mails a reset link if the address has an account', body: ForgotBody, response: { 202: Accepted } },
      config: { policy: 'public' },
    },
    async (request, reply) => {
      await requestPasswordReset(deps, request.body.email, request.ip);
      return reply.code(202).send({ status: 'accepted' });
    },
  );

  api.post(
    '/api/v1/auth/password/reset',
    {
      schema: {
        tags,
        summary: 'Sets a new password with the mailed token; ends all sessions',
        body: ResetBody,
        response: { 204: NoContent },
      },
      config: { policy: 'public' },
    },
    async (request, reply) => {
      await resetPassword(deps, request.body.token, request.body.password);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/api/v1/auth/invitation/accept',
    {
      schema: { tags, summary: 'An invited professional sets their password', body: ResetBody, response: { 204: NoContent } },
      config: { policy: 'public' },
    },
    async (request, reply) => {
      await acceptInvitation(deps, request.body.token, request.body.password);
      return reply.code(204).send(null);
    },
  );
}

/** Pro Santé Connect (OpenID Connect): a browser round trip, so both routes answer with redirects. */
function registerOidcRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/auth/oidc/start',
    { schema: { tags, summary: 'Starts a Pro Santé Connect (OIDC) log-in: redirects to the provider' }, config: { policy: 'public' } },
    async (_request, reply) => reply.redirect(await startOidcLogin(deps)),
  );
  api.get(
    '/api/v1/auth/oidc/callback',
    {
      schema: {
        tags,
        summary: 'The provider returns here; opens the session and redirects to the app',
        querystring: z.object({ code: opaque(2048).optional(), state: opaque(512).optional() }).passthrough(),
      },
      config: { policy: 'public' },
    },
    async (request, reply) => {
      try {
        const { token } = await finishOidcLogin(deps, new URL(request.url, deps.config.publicUrl), request.ip);
        setSessionCookie(reply, deps.config, token);
        return reply.redirect('/');
      } catch (error) {
        const slug = error instanceof Problem ? error.slug : 'oidc-failed';
        return reply.redirect(`/connexion?erreur=${encodeURIComponent(slug)}`);
      }
    },
  );
}

function registerMeRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/me',
    {
      schema: { tags: ['me'], summary: 'The signed-in account, its roles and the records it manages', response: { 200: Me } },
      config: { policy: 'session' },
    },
    async (request) => {
      if (!request.auth) throw problem.unauthorized();
      return describeMe(deps, request.auth);
    },
  );

  api.patch(
    '/api/v1/me',
    {
      schema: { tags: ['me'], summary: 'Updates the profile (language, names)', body: MeUpdate, response: { 204: NoContent } },
      // No change of name before the second factor: whoever holds only the password is not yet the person.
      config: { policy: 'signed-in' },
    },
    async (request, reply) => {
      await updateMe(deps, actorOf(request), request.body);
      return reply.code(204).send(null);
    },
  );
}
