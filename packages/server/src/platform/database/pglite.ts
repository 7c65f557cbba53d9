import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/** Types read the same on PGlite as on node-postgres (see postgres.ts): dates stay `YYYY-MM-DD` strings. */
export const PGLITE_PARSERS = { 1082: (value: string) => value };

type Command = PostgresQueryResult<unknown>['command'];

function commandOf(sql: string): Command {
  const verb = /^\s*(?:with\b[\s\S]*?\)\s*)?(insert|update|delete|merge)\b/i.exec(sql)?.[1];
  return (verb?.toUpperCase() as Command | undefined) ?? 'SELECT';
}

/**
 * PGlite is one connection: this pool lends it to one holder at a time, so a transaction is never
 * interleaved with another caller's statements. Statements without parameters go through `exec`,
 * which also runs multi-statement scripts (migrations).
 */
export function pglitePool(open: () => Promise<PGlite>): PostgresPool & { pglite: () => Promise<PGlite> } {
  let instance: Promise<PGlite> | undefined;
  const pglite = () => (instance ??= open());
  let queue: Promise<void> = Promise.resolve();

  return {
    pglite,
    async connect(): Promise<PostgresPoolClient> {
      const db = await pglite();
      let release!: () => void;
      const turn = new Promise<void>((resolve) => (release = resolve));
      const previous = queue;
      queue = queue.then(() => turn);
      await previous;
      const client = {
        async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
          if (parameters.length === 0) {
            const results = await db.exec(sql);
            const last = results[results.length - 1];
            return { command: commandOf(sql), rowCount: last?.affectedRows ?? 0, rows: (last?.rows ?? []) as R[] };
          }
          const result = await db.query<R>(sql, parameters as unknown[]);
          return { command: commandOf(sql), rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
        },
        release,
      };
      return client as PostgresPoolClient;
    },
    async end() {
      if (instance) await (await instance).close();
    },
  };
}
