import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Database } from './database/database.js';
import type { Mailer } from './mail/mailer.js';

/** What every module is handed at start: settings, the database, the logger. */
export interface AppContext {
  config: Config;
  database: Database;
  logger: Logger;
  mailer: Mailer;
  /** Resolves once the database answers and is migrated; requests wait for it. */
  ready: Promise<void>;
}
