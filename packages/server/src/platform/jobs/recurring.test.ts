import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import type { Jobs } from './jobs.js';
import { createRunsTable, createTestJobs, runsOf, waitFor } from './testing.js';

interface RecurringJobs {
  'test.every-minute': { key: string };
}

// Cron has minute granularity: seeing a second tick takes up to a minute, so both databases wait
// at the same time, each in a file of its own database.
describe.concurrent('jobs: recurring', () => {
  describeEachDatabase('a job scheduled with cron', (database) => {
    let jobs: Jobs<RecurringJobs>;
    beforeAll(async () => {
      await createRunsTable(database());
      jobs = createTestJobs<RecurringJobs>(database());
      jobs.define('test.every-minute', async (job) =>
        job.transaction(async (tx) => {
          await sql`insert into job_test_runs (job, key, event) values (${job.name}, ${job.data.key}, 'done')`.execute(tx);
        }),
      );
      await jobs.start();
    });
    afterAll(() => jobs.stop());

    it('runs at each tick of its schedule, once per tick', { timeout: 100_000 }, async () => {
      // Scheduled clear of a minute's turn, the current minute's tick runs at once, the next one after the turn.
      const seconds = new Date().getSeconds();
      if (seconds > 50) await new Promise((resolve) => setTimeout(resolve, (61 - seconds) * 1000));
      const scheduledAt = Date.now();
      await jobs.schedule('test.every-minute', '* * * * *', { key: 'minute' });
      await waitFor(async () => (await runsOf(database(), 'test.every-minute')).length >= 2, 90_000, 'two ticks');
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await jobs.unschedule('test.every-minute');
      const runs = (await runsOf(database(), 'test.every-minute')).map((r) => r.at.getTime());
      const nextMinute = Math.ceil(scheduledAt / 60_000) * 60_000;
      expect(runs, JSON.stringify({ scheduledAt, runs })).toHaveLength(2);
      expect(runs[0]!).toBeLessThan(nextMinute);
      expect(runs[1]!).toBeGreaterThanOrEqual(nextMinute);
    });
  });
});
