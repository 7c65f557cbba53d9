import pg from 'pg';
import { preparedName } from './prepared.js';

// Read types as PGlite does: bigint as number (our counters stay far below 2^53), dates as `YYYY-MM-DD`.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/** A client that sends statements marked `prepared` as named prepared statements (see prepared.ts). */
class PreparingClient extends pg.Client {
  // The overloads of pg's query are many; this one only renames what Kysely sends: text and values.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: any, values?: any, callback?: any): any {
    const name = typeof config === 'string' && Array.isArray(values) ? preparedName(config) : undefined;
    if (name) return super.query({ name, text: config as string, values: values as unknown[] }, callback);
    return super.query(config, values, callback);
  }
}

export function postgresPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'parcours', Client: PreparingClient });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}
