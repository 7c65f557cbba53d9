import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './platform/config.js';
import { createLogger } from './platform/logger.js';
import { createEmptyPostgresDatabase, testedDatabases } from './platform/testing/databases.js';
import { startServer } from './server.js';
import { everyTable } from './modules/testing.js';

const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quiet = createLogger('silent');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-data-'));
  cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs the real `parcours` command (from source, through tsx) and collects its output. */
function runCli(args: string[], env: Record<string, string>, options: { killAfterReady?: boolean } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(serverRoot, 'src/cli.ts'), ...args], {
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      cwd: serverRoot,
    });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      // One SIGTERM: a second one means "exit now" (code 1).
      if (options.killAfterReady && !signalled && stdout.includes('"msg":"ready"')) signalled = child.kill('SIGTERM');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('server start-up', () => {
  it('keeps PGlite data across a restart', async () => {
    const dataDir = await tempDir();
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
    const first = await startServer({ config, logger: quiet, demo: true });
    await first.ctx.ready;
    await first.stop();

    const second = await startServer({ config, logger: quiet });
    cleanups.push(() => second.stop());
    await second.ctx.ready;
    const accounts = await everyTable(second.ctx.database.db).selectFrom('accounts').select('email').execute();
    expect(accounts.map((a) => a.email)).toContain('dr.martin@demo.parcours.fr');
    const ready = await fetch(`${second.url}/ready`);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'pglite' });
  }, 120_000); // two cold starts of the embedded database, one with initdb

  it.runIf(testedDatabases().includes('postgres'))(
    'lets two nodes migrate the same PostgreSQL database and start their jobs at once [PostgreSQL]',
    async () => {
      const target = await createEmptyPostgresDatabase();
      cleanups.push(target.drop);
      const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: target.url });
      const nodes = await Promise.all([startServer({ config, logger: quiet }), startServer({ config, logger: quiet })]);
      for (const node of nodes) cleanups.push(() => node.stop());
      await Promise.all(nodes.map((n) => n.ctx.ready));
      for (const node of nodes) expect((await fetch(`${node.url}/ready`)).status).toBe(200);

      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      const { rows } = await client.query('select name, count(*)::int as n from parcours_migrations group by name');
      await client.end();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r: { n: number }) => r.n === 1)).toBe(true);
    },
  );

  it('refuses a second process on a PGlite data directory a running server holds, saying why', async () => {
    const dataDir = await tempDir();
    const running = await startServer({ config: loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir }), logger: quiet });
    cleanups.push(() => running.stop());
    await running.ctx.ready;
    const second = await runCli(['start'], { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/in use by another Parcours process/);
    expect((await fetch(`${running.url}/ready`)).status).toBe(200);
  }, 120_000);

  it('refuses to start on a malformed environment value, naming it', async () => {
    const result = await runCli(['start'], { PORT: 'eighty' });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/PORT/);
    expect(result.stdout).not.toMatch(/ready/);
  });

  it('stops gracefully on SIGTERM', async () => {
    const dataDir = await tempDir();
    const result = await runCli(['start'], { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir }, { killAfterReady: true });
    expect(result.stdout).toMatch(/shutting down/);
    expect(result.code).toBe(0);
  }, 120_000); // a cold start with initdb
});
