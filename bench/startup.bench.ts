// Start-up to /ready of the built server (`node packages/server/dist/cli.js start`), on PGlite with an
// existing data directory and on PostgreSQL with an already migrated database. Median of 5 starts.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const cli = path.resolve('packages/server/dist/cli.js');
const RUNS = 5;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Milliseconds from spawning the process to the first 200 of /ready; then SIGTERM. */
async function timeToReady(env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'start'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      if (performance.now() - started > 60_000) throw new Error('not ready in 60 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(env: Record<string, string>): Promise<{ medianMs: number; runsMs: number[] }> {
  await timeToReady(env); // first start creates and migrates the database
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await timeToReady(env));
  return { medianMs: Math.round(median(runs)), runsMs: runs.map(Math.round) };
}

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-bench-'));
const pglite = await measure({ DATA_DIR: dataDir });
await fs.rm(dataDir, { recursive: true, force: true });

let postgres: { medianMs: number; runsMs: number[] } | null = null;
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1500 });
if (
  await admin.connect().then(
    () => true,
    () => false,
  )
) {
  const name = `parcours_bench_${process.pid}`;
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = '/' + name;
  postgres = await measure({ DATABASE_URL: url.toString() });
  await admin.query(`drop database ${name} with (force)`);
  await admin.end();
}
process.stdout.write(JSON.stringify({ bench: 'startup-to-ready', pglite, postgres }) + '\n');
