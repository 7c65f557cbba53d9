import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { sha256Hex } from '../sha256.js';
import type { Db } from './database.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/** Any constant shared by every node: the key of the advisory lock that serialises migrations. */
const MIGRATION_LOCK_KEY = 7_233_601_420;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  return Promise.all(
    names.map(async (name) => {
      const text = await fs.readFile(path.join(dir, name), 'utf8');
      return { name, sql: text, checksum: sha256Hex(text) };
    }),
  );
}

/**
 * Applies the migrations not yet applied, each in its own transaction, while holding a session-level
 * advisory lock: two nodes starting together take turns, and the second finds nothing left to do.
 * A migration edited after it was applied stops start-up: history is never rewritten silently.
 */
export async function migrate(db: Db, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await readMigrations());
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      await sql`create table if not exists parcours_migrations (
        name text primary key, checksum text not null, applied_at timestamptz not null default now())`.execute(conn);
      const applied = new Map(
        (await conn.selectFrom('parcours_migrations').select(['name', 'checksum']).execute()).map((r) => [r.name, r.checksum]),
      );
      const done: string[] = [];
      for (const migration of all) {
        const checksum = applied.get(migration.name);
        if (checksum !== undefined) {
          if (checksum !== migration.checksum) throw new Error(`Migration ${migration.name} was changed after it was applied`);
          continue;
        }
        await conn.transaction().execute(async (tx) => {
          await sql.raw(migration.sql).execute(tx);
          await tx.insertInto('parcours_migrations').values({ name: migration.name, checksum: migration.checksum }).execute();
        });
        done.push(migration.name);
      }
      return done;
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
}
