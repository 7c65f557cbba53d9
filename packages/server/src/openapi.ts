import { loadConfig } from './platform/config.js';
import type { AppContext } from './platform/context.js';
import { openDatabase } from './platform/database/database.js';
import { buildApp } from './platform/http/app.js';
import { createEventBus } from './platform/events/index.js';
import { createJobs } from './platform/jobs/index.js';
import { createLogger } from './platform/logger.js';
import { createMailer } from './platform/mail/mailer.js';
import { MODULES } from './modules/index.js';
import { loadModules } from './platform/module.js';
import { createAuditTrail } from './platform/audit/audit.js';

/**
 * The OpenAPI document, from the routes' zod schemas, without a running database: PGlite is opened
 * lazily and no query is made, so nothing is loaded.
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const database = openDatabase({ kind: 'pglite' });
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const logger = createLogger('silent');
  const jobs = createJobs({ database, logger }); // never started: defining touches no database
  const events = createEventBus(config, logger);
  const audit = createAuditTrail({ db: database.db, kind: database.kind, dataDir: config.dataDir }); // never started
  const ctx: AppContext = { config, database, logger, mailer: createMailer(config, logger), events, jobs, audit, ready: Promise.resolve() };
  const app = await buildApp(ctx, {
    modules: async (scope) => {
      await loadModules(scope, ctx, MODULES);
    },
  });
  await app.ready();
  const document = app.swagger() as unknown as Record<string, unknown>;
  await app.close();
  await events.close();
  return document;
}
