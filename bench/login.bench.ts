// Log-in latency: Argon2id verification alone (OWASP parameters), and a whole POST /api/v1/auth/login
// against the real server on PGlite (median and p95 of sequential log-ins).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { hashPassword, verifyPassword } from '../packages/server/src/platform/auth/passwords.js';
import { loadConfig } from '../packages/server/src/platform/config.js';
import { createLogger } from '../packages/server/src/platform/logger.js';
import { startServer } from '../packages/server/src/server.js';

const RUNS = 40;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

const hash = await hashPassword('parcours-demo-2026');
const verifyTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  await verifyPassword(hash, 'parcours-demo-2026');
  verifyTimes.push(performance.now() - t);
}

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-bench-login-'));
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const server = await startServer({ config, logger: createLogger('silent'), demo: true });
await server.ctx.ready;
const loginTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'camille.petit@demo.parcours.fr', password: 'parcours-demo-2026' }),
  });
  await res.text();
  if (res.status !== 200) throw new Error(`login answered ${res.status}`);
  loginTimes.push(performance.now() - t);
}
await server.stop();
await fs.rm(dataDir, { recursive: true, force: true });

const round = (x: number) => Math.round(x * 10) / 10;
process.stdout.write(
  JSON.stringify({
    bench: 'login',
    argon2: { memoryKiB: 19456, iterations: 2, parallelism: 1 },
    verifyMs: { median: round(percentile(verifyTimes, 0.5)), p95: round(percentile(verifyTimes, 0.95)) },
    loginRequestMs: { median: round(percentile(loginTimes, 0.5)), p95: round(percentile(loginTimes, 0.95)), database: 'pglite' },
  }) + '\n',
);
