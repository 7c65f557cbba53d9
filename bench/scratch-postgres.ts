// A PostgreSQL database of its own for a bench: created empty, dropped afterwards. The server is
// BENCH_DATABASE_URL, else the local one; benches skip PostgreSQL when it does not answer.
import pg from 'pg';

export const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresReachable(url = POSTGRES_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Runs `fn` with the URL of a fresh scratch database named after the bench, then drops it. */
export async function onScratchPostgres<T>(bench: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `parcours_bench_${bench}_${process.pid}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await admin(`drop database if exists ${name}`);
  await admin(`create database ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = '/' + name;
  try {
    return await fn(url.toString());
  } finally {
    await admin(`drop database if exists ${name} with (force)`);
  }
}
