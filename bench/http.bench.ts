// The request path under load, with autocannon at 50 connections: `/health` (the framework's ceiling:
// no session, no database), `GET /api/v1/me` (session lookup) and `GET /api/v1/patients/:id` (a
// patient reading their own record: session, policy, one audited read). On PostgreSQL (a scratch
// database) and on PGlite, the server in a child process of its own so that the load generator does
// not share its event loop. The rate limit lets loopback through; one log-in per database, so the
// log-in throttle never sees the load.
//
// `node --import tsx bench/http.bench.ts` (or `npm run bench -- http`); BENCH_HTTP_SECONDS sets the
// length of each measured run (default 10 s, after a 2 s warm-up).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { onScratchPostgres, postgresReachable } from './scratch-postgres.js';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const WARM_UP_SECONDS = 2;
const PATIENT = { email: 'camille.petit@demo.parcours.fr', password: 'parcours-demo-2026' };

if (process.argv[2] === '--serve') await serve();
else await main();

/** The child: a demo server on a free loopback port; prints its URL once the API is ready. */
async function serve(): Promise<void> {
  const { loadConfig } = await import('../packages/server/src/platform/config.js');
  const { createLogger } = await import('../packages/server/src/platform/logger.js');
  const { startServer } = await import('../packages/server/src/server.js');
  const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'development' });
  const server = await startServer({ config, logger: createLogger('silent'), demo: true });
  await server.ctx.ready;
  const port = new URL(server.url).port;
  process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${port}` }) + '\n');
  process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
}

async function main(): Promise<void> {
  const postgres = (await postgresReachable()) ? await onScratchPostgres('http', (url) => measure({ DATABASE_URL: url })) : null;
  const pglite = await measure({});
  process.stdout.write(JSON.stringify({ bench: 'http', connections: CONNECTIONS, seconds: SECONDS, postgres, pglite }) + '\n');
}

async function measure(env: Record<string, string>) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-bench-http-'));
  const { child, url } = await startChild({ ...env, DATA_DIR: dataDir });
  try {
    const cookie = await logIn(url);
    const me = (await getJson(url, '/api/v1/me', cookie)) as { patients: { id: string }[] };
    const patientPath = `/api/v1/patients/${me.patients[0]!.id}`;
    await getJson(url, patientPath, cookie);

    const health = await load(url, '/health', {});
    const figures = {
      health: summary(health, health),
      me: summary(await load(url, '/api/v1/me', { cookie }), health),
      patient: summary(await load(url, patientPath, { cookie }), health),
    };
    return figures;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

async function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
  });
  return { child, url };
}

/** A patient's password log-in (patients have no second factor); answers the session cookie. */
async function logIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(PATIENT),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`log-in answered ${res.status}: ${body}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('log-in set no session cookie');
  return cookie;
}

async function getJson(url: string, route: string, cookie: string): Promise<unknown> {
  const res = await fetch(url + route, { headers: { cookie } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${route} answered ${res.status}: ${body}`);
  return JSON.parse(body);
}

async function load(url: string, route: string, headers: Record<string, string>): Promise<autocannon.Result> {
  const run = (duration: number) => autocannon({ url: url + route, connections: CONNECTIONS, duration, headers });
  await run(WARM_UP_SECONDS);
  const result = await run(SECONDS);
  // A refusal means the bench is set up wrong (session, rate limit); a timeout is a figure.
  if (result.non2xx > 0) throw new Error(`${route}: ${result.non2xx} answers other than 2xx`);
  return result;
}

/** Requests per second (mean over the run), latency percentiles in ms, the share of /health's rate, and failures if any. */
function summary(result: autocannon.Result, health: autocannon.Result) {
  return {
    reqPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    ofHealth: Math.round((result.requests.average / health.requests.average) * 100) / 100,
    ...(result.errors > 0 ? { errors: result.errors, timeouts: result.timeouts } : {}),
  };
}
