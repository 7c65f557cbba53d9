/**
 * One node of crash.test.ts, run as a child process: `CRASH_STAGE=first` starts a job that hangs in
 * its transaction (the test then kills this process with SIGKILL); `CRASH_STAGE=restart` runs the
 * same database again until both jobs are done and prints what ran, as JSON lines on stdout.
 * The database is DATABASE_URL (PostgreSQL) or the PGlite data directory DATA_DIR.
 */
import { sql } from 'kysely';
import { openDatabase } from '../database/database.js';
import { createRunsTable, createTestJobs, runsOf, waitFor } from './testing.js';

export interface CrashJobs {
  'test.crash': { key: string };
}

const stage = process.env.CRASH_STAGE;
const say = (line: object) => process.stdout.write(JSON.stringify(line) + '\n');

const database = process.env.DATABASE_URL
  ? openDatabase({ kind: 'postgres', url: process.env.DATABASE_URL, poolSize: 4 })
  : openDatabase({ kind: 'pglite', dataDir: process.env.DATA_DIR! });
await createRunsTable(database);
// On PGlite the restarted node reclaims the killed run at once: a lease longer than the test's
// patience proves it. On PostgreSQL only the lease's expiry hands it back, so it is short there.
const jobs = createTestJobs<CrashJobs>(database, { stopTimeoutSeconds: 1, leaseSeconds: database.kind === 'pglite' ? 120 : 2 });

jobs.define(
  'test.crash',
  async (job) => {
    await sql`insert into job_test_runs (job, key, event, attempt) values (${job.name}, ${job.data.key}, 'start', ${job.attempt})`.execute(
      database.db,
    );
    await job.transaction(async (tx) => {
      await sql`insert into job_test_runs (job, key, event, attempt) values (${job.name}, ${job.data.key}, 'done', ${job.attempt})`.execute(
        tx,
      );
      if (stage === 'first') {
        say({ running: job.data.key, attempt: job.attempt });
        await new Promise(() => {}); // killed here, its transaction open
      }
    });
  },
  { retryLimit: 3, retryDelay: 0, retryBackoff: false },
);

await jobs.start();
if (stage === 'first') {
  // One job runs at once and is killed mid-run; the other is due after the kill.
  await jobs.send('test.crash', { key: 'later' }, { startAfter: 4 });
  await jobs.send('test.crash', { key: 'now' });
} else {
  await waitFor(async () => (await runsOf(database, 'test.crash')).filter((r) => r.event === 'done').length >= 2, 30_000, 'both jobs');
  // Long enough for a second run to show up, were there one: a lease, a maintenance and a poll.
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  say({ runs: (await runsOf(database, 'test.crash')).map(({ key, event, attempt }) => ({ key, event, attempt })) });
  await jobs.stop();
  await database.close();
  process.exit(0);
}
