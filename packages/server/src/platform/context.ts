import type { Logger } from 'pino';
import type { AuditTrail } from './audit/trail.js';
import type { Config } from './config.js';
import type { Database, Db } from './database/database.js';
import type { EventBus } from './events/index.js';
import type { Jobs } from './jobs/index.js';
import type { Mailer } from './mail/mailer.js';

/** What every module is handed at start: settings, the database, the logger. */
export interface AppContext {
  config: Config;
  database: Database;
  logger: Logger;
  mailer: Mailer;
  /** Events across nodes (NATS when NATS_URL is set, in-process otherwise). */
  events: EventBus;
  /** Durable jobs: modules `define` theirs in `register`; the server starts them once migrated. */
  jobs: Jobs;
  /** The audit trail of this node: group commit for reads, signed checkpoints. */
  audit: AuditTrail;
  /** Resolves once the database answers and is migrated, and the jobs are started; requests wait for it. */
  ready: Promise<void>;
}

/** What a module's use cases need, handed over once at start. */
export interface ServiceDeps {
  db: Db;
  events: EventBus;
  jobs: Jobs;
  config: Config;
  mailer: Mailer;
  logger: Logger;
  audit: AuditTrail;
}

export function serviceDeps(ctx: AppContext): ServiceDeps {
  return {
    db: ctx.database.db,
    events: ctx.events,
    jobs: ctx.jobs,
    config: ctx.config,
    mailer: ctx.mailer,
    logger: ctx.logger,
    audit: ctx.audit,
  };
}
