import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { initialiseDataDir, lockDataDir, PGLITE_PARSERS, PGLITE_SETTINGS, pglitePool } from './pglite.js';
import { postgresPool } from './postgres.js';
import type { PlatformTables } from './tables.js';

/**
 * The database as the platform types it: its own tables only. A module reaches its tables through
 * its store (`db.withTables<ItsTables>()`); a transaction is a Db too, so stores take either.
 */
export type Db = Kysely<PlatformTables>;
export type Tx = Transaction<PlatformTables>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** Resolves once the engine answers (PGlite is loaded lazily, in the background). */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (test templates, backups). */
  dumpDataDir?(): Promise<Blob>;
}

export type DatabaseTarget =
  { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

/** Opens the database without waiting for it: the first query waits for the engine to be up. */
export function openDatabase(target: DatabaseTarget): Database {
  if (target.kind === 'postgres') {
    const pool = postgresPool(target.url, target.poolSize ?? 20);
    const db = new Kysely<PlatformTables>({ dialect: new PostgresDialect({ pool }) });
    return {
      kind: 'postgres',
      db,
      ping: async () => void (await sql`select 1`.execute(db)),
      close: () => db.destroy(),
    };
  }
  let release: (() => void) | undefined;
  const pool = pglitePool(async () => {
    // PGlite keeps its files in DATA_DIR/pgdata so that data survives restarts; no dir means memory.
    const dataDir = target.dataDir ? path.join(target.dataDir, 'pgdata') : undefined;
    if (target.dataDir) {
      await fs.mkdir(target.dataDir, { recursive: true });
      release = lockDataDir(target.dataDir);
    }
    if (dataDir && !target.loadDataDir) await initialiseDataDir(dataDir);
    return PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
      parsers: PGLITE_PARSERS,
      postgresqlconf: PGLITE_SETTINGS,
      // Exclusion constraints mixing equality and ranges (no double booking) need btree_gist.
      extensions: { btree_gist },
    });
  });
  const db = new Kysely<PlatformTables>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'pglite',
    db,
    ping: async () => void (await sql`select 1`.execute(db)),
    close: async () => {
      await db.destroy();
      release?.();
    },
    dumpDataDir: async () => (await pool.pglite()).dumpDataDir('none'),
  };
}

/**
 * The database seen from one module's store: its own tables and nothing else, so that a query on
 * another module's table does not compile. Types only: a transaction stays that transaction.
 */
export function scoped<Tables>(db: Db): Kysely<Tables> {
  return db as unknown as Kysely<Tables>;
}
