import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { registerRulesRoutes } from './rules/routes.js';

/** Every bounded context's routes. A module that is not listed here serves nothing. */
export async function registerModules(app: FastifyInstance, ctx: AppContext): Promise<void> {
  registerRulesRoutes(app, ctx);
}
