import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// The server runs from its sources (tsx), as `npm run dev` does: the browser tests need no server build,
// only the web app's (`npm run build -w @parcours/web`), which the server serves.
export const cli = path.join(repoRoot, 'packages/server/src/cli.ts');
const webDist = path.join(repoRoot, 'packages/web/dist');

let webSnapshot: Promise<string> | undefined;
/** The servers running on the snapshot: the last to stop removes it. */
let snapshotUsers = 0;

/**
 * A copy of the built web app for this file's servers: a server lists its static files when it
 * starts, so a rebuild of packages/web/dist meanwhile (another run in the same checkout) would leave
 * it serving an index.html whose scripts it does not know. Copied whole: every script the index names.
 */
function snapshotOfWebApp(): Promise<string> {
  webSnapshot ??= (async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const copy = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-e2e-web-'));
      await fs.cp(webDist, copy, { recursive: true }).catch(() => undefined);
      const index = await fs.readFile(path.join(copy, 'index.html'), 'utf8').catch(() => '');
      const assets = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((match) => match[1]!);
      const complete = await Promise.all(
        assets.map((asset) =>
          fs.access(path.join(copy, asset)).then(
            () => true,
            () => false,
          ),
        ),
      );
      if (index && complete.every(Boolean)) return copy;
      await fs.rm(copy, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // a build is under way
    }
    throw new Error(`no complete web build in ${webDist}: run \`npm run build -w @parcours/web\``);
  })();
  return webSnapshot;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  port?: number;
  /** Seed the demo data on first start (default: yes). A second node on a seeded database does not need it. */
  demo?: boolean;
}

/**
 * The real server, as `npm start` runs it (the CLI, embedded database, demo data), on a free port
 * with a temporary data directory; `DATABASE_URL` and `NATS_URL` in `env` make it one node of several.
 * Resolves once /ready answers.
 */
export async function startServer(env: Record<string, string> = {}, options: ServerOptions | number = {}): Promise<TestServer> {
  const { port: askedPort, demo = true } = typeof options === 'number' ? { port: options } : options;
  const port = askedPort ?? (await freePort());
  const ownWeb = !process.env.WEB_DIST;
  if (ownWeb) snapshotUsers++;
  const [dataDir, web] = await Promise.all([
    fs.mkdtemp(path.join(os.tmpdir(), 'parcours-e2e-')),
    process.env.WEB_DIST ?? snapshotOfWebApp(),
  ]);
  // The embedded database: a copy of the one migrated once for the whole run (see global-setup.ts).
  if (!env.DATABASE_URL) await fs.cp(path.join(inject('migratedDataDir'), 'pgdata'), path.join(dataDir, 'pgdata'), { recursive: true });
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', cli, 'start', ...(demo ? ['--demo'] : [])], {
    cwd: repoRoot,
    env: { ...process.env, WEB_DIST: web, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d));
  child.stderr?.on('data', (d: Buffer) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  // Compiling the sources on a busy machine takes a while.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${url}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    dataDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await fs.rm(dataDir, { recursive: true, force: true });
      if (ownWeb && --snapshotUsers === 0 && webSnapshot) {
        const snapshot = webSnapshot;
        webSnapshot = undefined;
        await fs.rm(await snapshot, { recursive: true, force: true });
      }
    },
  };
}

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:test@127.0.0.1:5432/postgres';

/** Whether something listens at the URL's host and port (a PostgreSQL or NATS server for the tests of several nodes). */
export function listening(url: string, timeoutMs = 2_000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * The servers a test of several nodes needs, as the server's own tests find them: TEST_DATABASE_URL
 * and TEST_NATS_URL when set (one that does not answer fails the run; TEST_NATS_URL=off runs without
 * NATS), else the local defaults when they answer; `null` when one is missing (the test is skipped).
 */
export async function clusterServices(): Promise<{ postgres: string; nats: string } | null> {
  const nats = process.env.TEST_NATS_URL === 'off' ? null : (process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222');
  if (!nats) return null;
  const [postgresUp, natsUp] = await Promise.all([listening(POSTGRES_URL), listening(nats)]);
  if (process.env.TEST_DATABASE_URL && !postgresUp) throw new Error('TEST_DATABASE_URL is set but no PostgreSQL answers');
  if (process.env.TEST_NATS_URL && !natsUp) throw new Error('TEST_NATS_URL is set but no NATS server answers');
  return postgresUp && natsUp ? { postgres: POSTGRES_URL, nats } : null;
}

/** A new, empty PostgreSQL database for the nodes of one test (migrated by the first node's start), and how to drop it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `parcours_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_URL);
  url.pathname = '/' + name;
  return {
    url: url.toString(),
    drop: async () => {
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`).finally(() => admin.end());
    },
  };
}
