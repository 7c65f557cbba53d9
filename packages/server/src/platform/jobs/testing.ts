import { sql } from 'kysely';
import { pino } from 'pino';
import type { Database } from '../database/database.js';
import { createJobs, type Jobs, type JobsOptions } from './jobs.js';

/** Intervals short enough for tests: a due job is claimed within half a second, a dead node's within 2–3 s. */
export const FAST: Omit<JobsOptions, 'database' | 'logger'> = {
  pollingIntervalSeconds: 0.5,
  leaseSeconds: 2,
  maintenanceIntervalSeconds: 1,
  cronMonitorIntervalSeconds: 1,
  cronWorkerIntervalSeconds: 1,
  stopTimeoutSeconds: 2,
};

export const quietLogger = () => pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** A job runner for tests, with its own job names (`Types`) rather than the application's. */
export function createTestJobs<Types extends object>(database: Database, options: Partial<JobsOptions> = {}): Jobs<Types> {
  return createJobs<Types>({ database, logger: quietLogger(), ...FAST, ...options });
}

/** A table where test handlers write what happened, to count runs and completions in the database. */
export async function createRunsTable(database: Database): Promise<void> {
  await sql`create table if not exists job_test_runs (
    job text not null, key text not null, event text not null, node text not null default '',
    attempt int not null default 1, at timestamptz not null default clock_timestamp())`.execute(database.db);
}

export interface RunRow {
  job: string;
  key: string;
  event: string;
  node: string;
  attempt: number;
  at: Date;
}

export async function runsOf(database: Database, job: string): Promise<RunRow[]> {
  const { rows } = await sql<RunRow>`select * from job_test_runs where job = ${job} order by at`.execute(database.db);
  return rows;
}

export async function waitFor<T>(probe: () => Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function jobState(database: Database, id: string): Promise<string | undefined> {
  const { rows } = await sql<{ state: string }>`select state::text as state from pgboss.job where id = ${id}`.execute(database.db);
  return rows[0]?.state;
}
