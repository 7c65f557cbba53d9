import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { loadConfig, type Config } from './platform/config.js';
import type { AppContext } from './platform/context.js';
import { openDatabase, type Database, type DatabaseTarget } from './platform/database/database.js';
import { migrate } from './platform/database/migrate.js';
import { buildApp } from './platform/http/app.js';
import { checkpointToJson, createAuditTrail } from './platform/audit/audit.js';
import { createEventBus, type EventBus } from './platform/events/index.js';
import { createJobs } from './platform/jobs/index.js';
import { createLogger } from './platform/logger.js';
import { createMailer } from './platform/mail/mailer.js';
import { MODULES } from './modules/index.js';
import { loadModules } from './platform/module.js';
import { seedDemo } from './demo.js';

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  stop(): Promise<void>;
}

export function databaseTarget(config: Config): DatabaseTarget {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize }
    : { kind: 'pglite', dataDir: config.dataDir };
}

export interface StartOptions {
  config?: Config;
  logger?: Logger;
  database?: Database;
  /** The event bus to use (tests share one between nodes); by default, from the config. */
  events?: EventBus;
  /** Seed the demo organisation on first start (the `npm start` experience). */
  demo?: boolean;
}

/**
 * Starts a node: listens at once (so /health answers while PGlite loads), migrates under the
 * advisory lock, then lets API requests through. Resolves when the port is bound.
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const config = options.config ?? loadConfig();
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = options.database ?? openDatabase(databaseTarget(config));
  const events = options.events ?? createEventBus(config, logger);
  const audit = createAuditTrail({
    db: database.db,
    kind: database.kind,
    dataDir: config.dataDir,
    signingKey: config.auditSigningKey,
    onCheckpoint: (checkpoint) => void events.publish('audit.checkpoint', checkpointToJson(checkpoint)),
    onError: (err) => logger.error({ err: { message: (err as Error).message } }, 'audit checkpoint failed'),
  });
  const migrated = migrate(database.db).then(async (applied) => {
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    await audit.start();
    if (options.demo) await seedDemo(database.db, logger);
  });
  migrated.catch((err: Error) => logger.error({ err: { message: err.message } }, 'database not ready'));
  const mailer = createMailer(config, logger);
  const jobs = createJobs({ database, logger });
  // Jobs start once the tables their handlers use exist and the modules defined them (registering,
  // below). The API waits for them too: a request queues its jobs in its own transaction, which
  // needs the jobs started (on PGlite, starting them then would wait for the connection it holds).
  let modulesDefinedJobs!: () => void;
  const jobsDefined = new Promise<void>((resolve) => (modulesDefinedJobs = resolve));
  const jobsStarted = Promise.all([migrated, jobsDefined]).then(() => jobs.start());
  jobsStarted.catch((err: Error) => logger.error({ err: { message: err.message } }, 'jobs not started'));
  const ready = jobsStarted;
  const ctx: AppContext = { config, database, logger, mailer, events, jobs, audit, ready };
  const app = await buildApp(ctx, {
    modules: async (scope) => {
      await loadModules(scope, ctx, MODULES);
    },
  });
  modulesDefinedJobs();
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let stopping: Promise<void> | undefined;
  return {
    app,
    ctx,
    url: `http://localhost:${port}`,
    // Stop accepting, let requests in flight finish, then close the database.
    stop: () =>
      (stopping ??= (async () => {
        await app.close();
        await migrated.catch(() => {});
        await jobsStarted.catch(() => {});
        await jobs.stop();
        // The last reads' entries and a last checkpoint, while the database is still open.
        await audit.close();
        await events.close();
        await database.close();
        mailer.close();
      })()),
  };
}

/** SIGTERM and SIGINT stop the node gracefully; a second signal exits at once. */
export function stopOnSignals(server: RunningServer, logger: Logger): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(1);
    signalled = true;
    logger.info({ signal }, 'shutting down');
    server.stop().then(
      () => process.exit(0),
      (err: Error) => {
        logger.error({ err: { message: err.message } }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
