import type { Logger } from 'pino';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/database/database.js';
import type { Mailer } from '../../platform/mail/mailer.js';

/** What the identity use cases need; handed over once at start. */
export interface IdentityDeps {
  db: Db;
  config: Config;
  mailer: Mailer;
  logger: Logger;
}
