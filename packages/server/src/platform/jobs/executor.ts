import { CompiledQuery } from 'kysely';
import type PgBoss from 'pg-boss';
import type { Db } from '../database/database.js';

/** What pg-boss needs to run SQL: a connection it does not own. */
export type QueryRunner = Pick<Db, 'executeQuery' | 'connection' | 'isTransaction'>;

export interface BossExecutor extends PgBoss.Db {
  /** Resolves once no statement sent through this executor is still running. */
  idle(): Promise<void>;
  busy(): boolean;
}

/**
 * pg-boss over our own Kysely connection instead of a pool of its own: on PGlite there is only one
 * connection to share, and on PostgreSQL it keeps the node's connection count where the pool puts
 * it. Given a transaction, pg-boss's statements join it (a job sent in a transaction exists if and
 * only if that transaction commits). Statements without parameters may hold several commands:
 * pg-boss creates and migrates its schema in one script, under an advisory transaction lock.
 */
/**
 * pg-boss's scripts open a transaction (`BEGIN; … COMMIT;`). When a statement fails (two nodes
 * racing to create the schema, which pg-boss expects and ignores), the server skips the rest and
 * leaves that connection in an aborted transaction: it is rolled back here, before the connection
 * goes back to the pool (or, on PGlite, to everyone).
 */
async function runScript(db: QueryRunner, text: string): Promise<{ rows: unknown[] }> {
  return db.connection().execute(async (connection) => {
    try {
      const result = await connection.executeQuery(CompiledQuery.raw(text));
      return { rows: result.rows as unknown[] };
    } catch (err) {
      await connection.executeQuery(CompiledQuery.raw('rollback')).catch(() => {});
      throw err;
    }
  });
}

export function bossExecutor(db: QueryRunner): BossExecutor {
  let running = 0;
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (running > 0) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };
  return {
    async executeSql(text: string, values: unknown[] = []) {
      running++;
      try {
        if (values.length > 0 || db.isTransaction) {
          const result = await db.executeQuery(CompiledQuery.raw(text, values));
          return { rows: result.rows as unknown[] };
        }
        return await runScript(db, text);
      } finally {
        running--;
        settle();
      }
    },
    busy: () => running > 0,
    idle: () => (running === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}
