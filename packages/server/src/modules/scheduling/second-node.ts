/**
 * A second server node for the concurrency test, in a process of its own: started on DATABASE_URL
 * (the first node's PostgreSQL), it prints `{"url": …}` once listening and stops on SIGTERM.
 */
import { loadConfig } from '../../platform/config.js';
import { createLogger } from '../../platform/logger.js';
import { startServer } from '../../server.js';

const config = loadConfig({ ...process.env, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.TEST_LOG ?? 'silent' });
const server = await startServer({ config, logger: createLogger(config.logLevel) });
await server.ctx.ready;
process.stdout.write(JSON.stringify({ url: server.url }) + '\n');
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
