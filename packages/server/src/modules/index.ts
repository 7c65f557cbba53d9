import type { FastifyInstance } from 'fastify';
import { installAuthentication } from '../platform/auth/hook.js';
import type { AppContext } from '../platform/context.js';
import { authenticate } from './identity/authenticate.js';
import type { IdentityDeps } from './identity/deps.js';
import { registerIdentityRoutes } from './identity/routes.js';
import { registerBillingRoutes } from './billing/routes.js';
import { registerConsentRoutes } from './consent/routes.js';
import { registerRulesRoutes } from './rules/routes.js';

/** Every bounded context's routes, behind the session check. A module that is not listed here serves nothing. */
export async function registerModules(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const identity: IdentityDeps = { db: ctx.database.db, config: ctx.config, mailer: ctx.mailer, logger: ctx.logger };
  installAuthentication(app, (request) => authenticate(identity, request));
  registerIdentityRoutes(app, identity);
  registerConsentRoutes(app, ctx.database.db);
  registerRulesRoutes(app, ctx);
  registerBillingRoutes(app, ctx.database.db);
}
