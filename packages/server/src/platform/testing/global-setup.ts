import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../database/database.js';
import { migrate, readMigrations } from '../database/migrate.js';

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dump of a migrated PGlite: each test file loads it instead of running initdb (3 s → 0.3 s). */
    pgliteTemplate: string;
    /** Where a PostgreSQL answers, and the migrated template database each test file clones. */
    postgres: { url: string; template: string } | null;
  }
}

async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_500 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function preparePgliteTemplate(dir: string): Promise<string> {
  const database = openDatabase({ kind: 'pglite' });
  await migrate(database.db);
  const dump = await database.dumpDataDir!();
  await database.close();
  const file = path.join(dir, 'pglite-template.tar');
  await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()));
  return file;
}

async function preparePostgresTemplate(url: string): Promise<{ url: string; template: string }> {
  const migrations = await readMigrations();
  const template = `parcours_test_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(url);
  templateUrl.pathname = '/' + template;
  const database = openDatabase({ kind: 'postgres', url: templateUrl.toString(), poolSize: 1 });
  await migrate(database.db, migrations);
  await database.close();
  return { url, template };
}

/**
 * Runs once before all test files: migrates a PGlite template, and a PostgreSQL one where a server
 * answers (TEST_DATABASE_URL, else 127.0.0.1:5432). Says which databases the tests will use.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-test-'));
  const explicit = process.env.TEST_DATABASE_URL;
  const url = explicit ?? DEFAULT_POSTGRES_URL;
  const [pgliteTemplate, reachable] = await Promise.all([preparePgliteTemplate(dir), postgresReachable(url)]);
  if (explicit && !reachable) throw new Error(`TEST_DATABASE_URL is set but no PostgreSQL answers at ${new URL(explicit).host}`);
  const chosen = process.env.TEST_DATABASES?.split(',');
  const unknown = chosen?.filter((kind) => kind !== 'pglite' && kind !== 'postgres') ?? [];
  if (unknown.length > 0 || chosen?.length === 0) throw new Error(`TEST_DATABASES: pglite or postgres, not ${unknown.join(', ')}`);
  if (chosen?.includes('postgres') && !reachable)
    throw new Error(`TEST_DATABASES names postgres but no PostgreSQL answers at ${new URL(url).host}`);
  const postgres = reachable ? await preparePostgresTemplate(url) : null;
  project.provide('pgliteTemplate', pgliteTemplate);
  project.provide('postgres', postgres);
  process.stdout.write(
    chosen
      ? `Database tests run on ${chosen.map((kind) => (kind === 'postgres' ? `PostgreSQL (${new URL(url).host})` : 'PGlite')).join(' and ')} (TEST_DATABASES).\n`
      : postgres
        ? `Database tests run on PGlite and on PostgreSQL (${new URL(url).host}).\n`
        : `Database tests run on PGlite only: no PostgreSQL answers at ${new URL(url).host} (set TEST_DATABASE_URL).\n`,
  );
  return async () => {
    if (postgres) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`drop database if exists ${postgres.template}`).catch(() => {});
      await admin.end();
    }
    await fs.rm(dir, { recursive: true, force: true });
  };
}
