import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startServer, type RunningServer } from '../../server.js';
import type { Database } from '../database/database.js';

/** A real server on a free port over the given database, quiet unless TEST_LOG is set. */
export async function startTestServer(database: Database, env: Record<string, string> = {}): Promise<RunningServer> {
  // A data directory of its own: the audit trail keeps its signing key and last checkpoint there.
  const dataDir = env.DATA_DIR ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-test-data-')));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG ?? 'silent',
    DATA_DIR: dataDir,
    ...env,
  });
  return startServer({ config, database, logger: createLogger(config.logLevel) });
}
