import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database/database.js';
import { createEmptyPostgresDatabase, DATABASE_LABEL, testedDatabases } from '../testing/databases.js';
import { auditVerifyOptions, createAuditTrail, verifyAuditTrail } from './audit.js';
import { hashesAt, placeKey } from './store.js';

const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const REPOSITORY = fileURLToPath(new URL('../../../../../', import.meta.url));
const ACKNOWLEDGED = 200;

interface Acknowledged {
  chain: number;
  seq: number;
  hash: string;
}

/** Runs the writer until it has acknowledged `count` entries, then kills it with SIGKILL; answers what it acknowledged. */
async function writeThenKill(env: Record<string, string>, count: number): Promise<Acknowledged[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER], {
    cwd: REPOSITORY,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acknowledged: Acknowledged[] = [];
  let output = '';
  let buffered = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const parsed = JSON.parse(line) as { acknowledged?: Acknowledged };
        if (parsed.acknowledged) acknowledged.push(parsed.acknowledged);
      }
      // Killed mid-flight: requests are in every state, some batches and transactions half done.
      if (acknowledged.length >= count) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    void exited.then(() => reject(new Error(`the writer exited on its own:\n${output}`)));
  });
  expect(await exited).toBe('SIGKILL');
  return acknowledged;
}

describe('audit trail: kill -9 loses nothing acknowledged', () => {
  for (const kind of testedDatabases()) {
    it(
      `[${DATABASE_LABEL[kind]}] finds every acknowledged entry after the kill, in chains that verify, and goes on`,
      { timeout: 240_000 },
      async () => {
        const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-audit-crash-'));
        const postgres = kind === 'postgres' ? await createEmptyPostgresDatabase() : null;
        try {
          const acknowledged = await writeThenKill({ DATA_DIR: dataDir, DATABASE_URL: postgres?.url ?? '' }, ACKNOWLEDGED);
          const database = postgres
            ? openDatabase({ kind: 'postgres', url: postgres.url, poolSize: 2 })
            : openDatabase({ kind: 'pglite', dataDir });
          try {
            const { db } = database;
            const stored = await hashesAt(db, acknowledged);
            expect(acknowledged.filter((a) => stored.get(placeKey(a.chain, a.seq)) !== a.hash)).toEqual([]);
            const options = await auditVerifyOptions({ dataDir });
            expect(options.key).toBeDefined();
            const verified = await verifyAuditTrail(db, options);
            expect(verified).toMatchObject({ ok: true });
            expect(verified.checked).toBeGreaterThanOrEqual(ACKNOWLEDGED);

            // The next start appends after what the killed one left, and still verifies.
            const trail = createAuditTrail({ db, kind, dataDir, chains: 4, checkpointEveryMs: 0 });
            await trail.start();
            await trail.record({ actor: null, action: 'audit.restart', resource: { type: 'Device' } });
            await trail.close();
            expect(await verifyAuditTrail(db, await auditVerifyOptions({ dataDir }))).toMatchObject({
              ok: true,
              checked: verified.checked + 1,
            });
          } finally {
            await database.close();
          }
        } finally {
          await fs.rm(dataDir, { recursive: true, force: true });
          await postgres?.drop();
        }
      },
    );
  }
});
