import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startServer, type RunningServer } from '../../server.js';
import type { Database } from '../database/database.js';

/** A real server on a free port over the given database, quiet unless TEST_LOG is set. */
export async function startTestServer(database: Database, env: Record<string, string> = {}): Promise<RunningServer> {
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.TEST_LOG ?? 'silent', ...env });
  return startServer({ config, database, logger: createLogger(config.logLevel) });
}
