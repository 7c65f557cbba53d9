import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { withTimeout } from '../timeout.js';
import { problem } from './problem.js';

const Health = z.object({ status: z.literal('ok') });
const Ready = z.object({ status: z.literal('ready'), database: z.enum(['pglite', 'postgres']) });

/** A probe must get an answer quickly, even while the embedded database is still loading. */
const READY_TIMEOUT_MS = 2_000;

export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/health', { schema: { summary: 'The process is alive', tags: ['platform'], response: { 200: Health } } }, async () => ({
    status: 'ok' as const,
  }));
  app.get(
    '/ready',
    { schema: { summary: 'The database answers: the node can take traffic', tags: ['platform'], response: { 200: Ready } } },
    async () => {
      try {
        await withTimeout(
          ctx.ready.then(() => ctx.database.ping()),
          READY_TIMEOUT_MS,
        );
      } catch {
        throw problem.unavailable();
      }
      return { status: 'ready' as const, database: ctx.database.kind };
    },
  );
}
