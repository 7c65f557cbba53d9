import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase, type Database, type DatabaseKind } from '../database/database.js';

export const DATABASE_LABEL: Record<DatabaseKind, string> = { pglite: 'PGlite', postgres: 'PostgreSQL' };

/**
 * The databases this run tests against: PGlite always, PostgreSQL where one answered at setup —
 * or only those TEST_DATABASES names (`postgres`, `pglite`, comma-separated; checked at setup).
 */
export function testedDatabases(): DatabaseKind[] {
  const available: DatabaseKind[] = inject('postgres') ? ['pglite', 'postgres'] : ['pglite'];
  const chosen = process.env.TEST_DATABASES?.split(',');
  return chosen ? available.filter((kind) => chosen.includes(kind)) : available;
}

export interface TestDatabase extends Database {
  /** For PostgreSQL, the URL of this file's own database (e.g. to start a second node on it). */
  url?: string;
}

/** A fresh, migrated database of its own: PGlite loaded from the template dump, or a PostgreSQL clone. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const dump = await fs.readFile(inject('pgliteTemplate'));
    return openDatabase({ kind: 'pglite', loadDataDir: new Blob([dump]) });
  }
  const { url, drop } = await createEmptyPostgresDatabase({ template: inject('postgres')!.template });
  // TEST_POOL_SIZE: smaller when two runs share one PostgreSQL (`npm test` runs Node 20 and 24 at once).
  const database = openDatabase({ kind: 'postgres', url, poolSize: Number(process.env.TEST_POOL_SIZE ?? 10) });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

/** A new PostgreSQL database on the test server (empty, or cloned from a template), and how to drop it. */
export async function createEmptyPostgresDatabase(options: { template?: string } = {}) {
  const server = inject('postgres');
  if (!server) throw new Error('no PostgreSQL in this run');
  const name = `parcours_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}${options.template ? ` template ${options.template}` : ''}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server.url);
  url.pathname = '/' + name;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const admin = new pg.Client({ connectionString: server.url });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`).finally(() => admin.end());
    },
  };
}

/**
 * Declares the same tests once per tested database, each with a database of its own; the suite
 * names say which engine ran (`… [PGlite]`, `… [PostgreSQL]`).
 */
export function describeEachDatabase(title: string, body: (database: () => TestDatabase, kind: DatabaseKind) => void): void {
  for (const kind of testedDatabases()) {
    describe(`${title} [${DATABASE_LABEL[kind]}]`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(kind);
      });
      afterAll(async () => {
        await database?.close();
      });
      body(() => {
        if (!database) throw new Error('test database not ready');
        return database;
      }, kind);
    });
  }
}
