import { sql } from 'kysely';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../database/database.js';
import { describeEachDatabase } from '../testing/databases.js';
import { JobLostError, type Jobs } from './jobs.js';
import { createRunsTable, createTestJobs, jobState, runsOf, waitFor } from './testing.js';

interface TestJobs {
  'test.delayed': { key: string };
  'test.flaky': { key: string; failures: number };
  'test.hopeless': { key: string };
  'test.transactional': { key: string };
  'test.cancelled': { key: string };
  'test.rolledback': { key: string };
  'test.shared': { key: string };
  'test.tick': { key: string };
  'test.short': { key: string };
  'test.long': { key: string };
  'test.stuck': { key: string };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function record(db: Database['db'], job: string, key: string, event: string, attempt = 1, node = ''): Promise<void> {
  await sql`insert into job_test_runs (job, key, event, attempt, node) values (${job}, ${key}, ${event}, ${attempt}, ${node})`.execute(db);
}

describeEachDatabase('jobs: delayed, retried, recurring, run once across nodes', (database, kind) => {
  const started: { stop(): Promise<void> }[] = [];
  function runner(db: Database = database()): Jobs<TestJobs> {
    const jobs = createTestJobs<TestJobs>(db);
    started.push(jobs);
    return jobs;
  }

  beforeAll(async () => {
    await createRunsTable(database());
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((jobs) => jobs.stop()));
  });

  it('runs a delayed job after its delay, not before', async () => {
    const jobs = runner();
    jobs.define('test.delayed', async (job) => job.transaction((tx) => record(tx, job.name, job.data.key, 'done')));
    await jobs.start();
    const sentAt = Date.now();
    await jobs.send('test.delayed', { key: 'a' }, { startAfter: 2 });
    await sleep(1_000);
    expect(await runsOf(database(), 'test.delayed')).toEqual([]);
    const [run] = await waitFor(
      async () => {
        const runs = await runsOf(database(), 'test.delayed');
        return runs.length > 0 && runs;
      },
      10_000,
      'the delayed job',
    );
    expect(run!.at.getTime() - sentAt).toBeGreaterThanOrEqual(1_950);
    expect(run!.at.getTime() - sentAt).toBeLessThan(5_000);
  });

  it('retries a failing job with growing back-off until it succeeds', async () => {
    const jobs = runner();
    jobs.define(
      'test.flaky',
      async (job) => {
        await record(database().db, job.name, job.data.key, 'attempt', job.attempt);
        if (job.attempt <= job.data.failures) throw new Error('upstream unavailable');
        await job.transaction((tx) => record(tx, job.name, job.data.key, 'done', job.attempt));
      },
      { retryLimit: 3, retryDelay: 1, retryBackoff: true },
    );
    await jobs.start();
    await jobs.send('test.flaky', { key: 'a', failures: 2 });
    await waitFor(async () => (await runsOf(database(), 'test.flaky')).some((r) => r.event === 'done'), 20_000, 'the third attempt');
    const runs = await runsOf(database(), 'test.flaky');
    const attempts = runs.filter((r) => r.event === 'attempt');
    expect(attempts.map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(runs.filter((r) => r.event === 'done').map((r) => r.attempt)).toEqual([3]);
    // retryDelay 1 s with back-off: 1–2 s before the first retry, 2–4 s before the second.
    const [first, second, third] = attempts.map((r) => r.at.getTime());
    expect(second! - first!).toBeGreaterThanOrEqual(950);
    expect(third! - second!).toBeGreaterThanOrEqual(1_950);
  });

  it('gives up after its last retry and records the job as failed', async () => {
    const jobs = runner();
    jobs.define(
      'test.hopeless',
      async (job) => {
        await record(database().db, job.name, job.data.key, 'attempt', job.attempt);
        throw new Error('always broken');
      },
      { retryLimit: 1, retryDelay: 0, retryBackoff: false },
    );
    await jobs.start();
    const id = (await jobs.send('test.hopeless', { key: 'a' }))!;
    await waitFor(async () => (await jobState(database(), id)) === 'failed', 10_000, 'the job to fail');
    await sleep(1_000);
    expect((await runsOf(database(), 'test.hopeless')).map((r) => r.attempt)).toEqual([1, 2]);
  });

  it('commits the handler’s database work and the completion together, or neither', async () => {
    const jobs = runner();
    jobs.define(
      'test.transactional',
      async (job) => {
        await job.transaction(async (tx) => {
          await record(tx, job.name, job.data.key, 'done', job.attempt);
          if (job.attempt === 1) throw new Error('fails after writing');
        });
      },
      { retryLimit: 2, retryDelay: 0, retryBackoff: false },
    );
    await jobs.start();
    const id = (await jobs.send('test.transactional', { key: 'a' }))!;
    await waitFor(async () => (await jobState(database(), id)) === 'completed', 10_000, 'the job to complete');
    expect((await runsOf(database(), 'test.transactional')).map((r) => r.attempt)).toEqual([2]);
  });

  it('lets a run that lost its job (cancelled while running) record nothing', async () => {
    const jobs = runner();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let outcome: unknown;
    let running!: () => void;
    const isRunning = new Promise<void>((resolve) => (running = resolve));
    jobs.define('test.cancelled', async (job) => {
      running();
      await gate;
      try {
        await job.transaction((tx) => record(tx, job.name, job.data.key, 'done'));
        outcome = 'completed';
      } catch (err) {
        outcome = err;
        throw err;
      }
    });
    await jobs.start();
    const id = (await jobs.send('test.cancelled', { key: 'a' }))!;
    await isRunning;
    await jobs.cancel('test.cancelled', id);
    release();
    await waitFor(async () => outcome, 5_000, 'the run to end');
    expect(outcome).toBeInstanceOf(JobLostError);
    expect(await runsOf(database(), 'test.cancelled')).toEqual([]);
    expect(await jobState(database(), id)).toBe('cancelled');
  });

  it('keeps a run longer than its lease (renewed while it runs) from being run again', async () => {
    const jobs = runner(); // lease 2 s, expiry checked every second
    jobs.define('test.long', async (job) => {
      await record(database().db, job.name, job.data.key, 'start', job.attempt);
      await sleep(5_000);
      await job.transaction((tx) => record(tx, job.name, job.data.key, 'done', job.attempt));
    });
    await jobs.start();
    const id = (await jobs.send('test.long', { key: 'a' }))!;
    await waitFor(async () => (await jobState(database(), id)) === 'completed', 15_000, 'the job to complete');
    expect((await runsOf(database(), 'test.long')).map((r) => `${r.event} ${r.attempt}`)).toEqual(['start 1', 'done 1']);
  });

  it('abandons a run past its timeout, aborts its signal and retries the job', async () => {
    const jobs = runner();
    const aborted: unknown[] = [];
    let lost: unknown;
    jobs.define(
      'test.stuck',
      async (job) => {
        await record(database().db, job.name, job.data.key, 'start', job.attempt);
        if (job.attempt === 1) {
          await new Promise((resolve) => job.signal.addEventListener('abort', resolve));
          aborted.push(job.signal.reason);
          await sleep(500);
          await job.transaction((tx) => record(tx, job.name, job.data.key, 'done', job.attempt)).catch((err: unknown) => (lost = err));
          return;
        }
        await job.transaction((tx) => record(tx, job.name, job.data.key, 'done', job.attempt));
      },
      { timeoutSeconds: 1, retryDelay: 0, retryBackoff: false },
    );
    await jobs.start();
    const id = (await jobs.send('test.stuck', { key: 'a' }))!;
    await waitFor(async () => (await jobState(database(), id)) === 'completed' && lost, 15_000, 'the retry and the late run');
    expect(aborted).toEqual([expect.objectContaining({ name: 'JobTimeoutError' })]);
    expect(lost).toBeInstanceOf(JobLostError);
    const runs = await runsOf(database(), 'test.stuck');
    expect(runs.filter((r) => r.event === 'done').map((r) => r.attempt)).toEqual([2]);
  });

  it('never runs a job sent in a transaction that rolled back', async () => {
    const jobs = runner();
    jobs.define('test.rolledback', async (job) => job.transaction((tx) => record(tx, job.name, job.data.key, 'done')));
    await jobs.start();
    await database()
      .db.transaction()
      .execute(async (tx) => {
        await jobs.send('test.rolledback', { key: 'rolled-back' }, { tx });
        throw new Error('the booking failed');
      })
      .catch(() => {});
    await database()
      .db.transaction()
      .execute(async (tx) => {
        await jobs.send('test.rolledback', { key: 'committed' }, { tx });
      });
    await waitFor(async () => (await runsOf(database(), 'test.rolledback')).length > 0, 10_000, 'the committed job');
    await sleep(1_000);
    expect((await runsOf(database(), 'test.rolledback')).map((r) => r.key)).toEqual(['committed']);
  });

  it('drops a second send with the same key while the first still waits (policy short)', async () => {
    const jobs = runner();
    jobs.define('test.short', async (job) => job.transaction((tx) => record(tx, job.name, job.data.key, 'done')), { policy: 'short' });
    await jobs.start();
    const first = await jobs.send('test.short', { key: 'appointment-1' }, { singletonKey: 'appointment-1', startAfter: 1 });
    const second = await jobs.send('test.short', { key: 'appointment-1' }, { singletonKey: 'appointment-1', startAfter: 1 });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    await waitFor(async () => (await runsOf(database(), 'test.short')).length > 0, 10_000, 'the job');
    await sleep(1_000);
    expect(await runsOf(database(), 'test.short')).toHaveLength(1);
  });

  it('runs each job exactly once with two nodes claiming from the same database', async () => {
    // Two nodes are two connections (pools) to one PostgreSQL; PGlite is one process, so there the
    // two runners share its connection, which still exercises the claim.
    const second: Database = kind === 'postgres' ? openDatabase({ kind: 'postgres', url: database().url!, poolSize: 4 }) : database();
    try {
      const nodes = [runner(database()), runner(second)];
      nodes.forEach((jobs, index) =>
        jobs.define(
          'test.shared',
          async (job) => {
            await sleep(20);
            await job.transaction((tx) => record(tx, job.name, job.data.key, 'done', job.attempt, `node-${index}`));
          },
          { concurrency: 3 },
        ),
      );
      await Promise.all(nodes.map((jobs) => jobs.start()));
      const keys = Array.from({ length: 40 }, (_, i) => `job-${i}`);
      for (const [i, key] of keys.entries()) await nodes[i % 2]!.send('test.shared', { key });
      await waitFor(async () => (await runsOf(database(), 'test.shared')).length >= keys.length, 20_000, 'every job');
      await sleep(1_500);
      const runs = await runsOf(database(), 'test.shared');
      expect(runs.map((r) => r.key).sort()).toEqual([...keys].sort());
      expect(new Set(runs.map((r) => r.node))).toEqual(new Set(['node-0', 'node-1']));
    } finally {
      await Promise.all(started.splice(0).map((jobs) => jobs.stop()));
      if (second !== database()) await second.close();
    }
  });

  it('runs a cron tick once although both nodes schedule it', { timeout: 60_000 }, async () => {
    const second: Database = kind === 'postgres' ? openDatabase({ kind: 'postgres', url: database().url!, poolSize: 4 }) : database();
    try {
      const nodes = [runner(database()), runner(second)];
      nodes.forEach((jobs, index) =>
        jobs.define('test.tick', async (job) =>
          job.transaction((tx) => record(tx, job.name, job.data.key, 'done', job.attempt, `node-${index}`)),
        ),
      );
      await Promise.all(nodes.map((jobs) => jobs.start()));
      // Keep clear of a minute's turn, when the next tick would be due too.
      const seconds = new Date().getSeconds();
      if (seconds > 40) await sleep((61 - seconds) * 1000);
      // Every minute: the current minute's tick is due at once.
      await Promise.all(nodes.map((jobs) => jobs.schedule('test.tick', '* * * * *', { key: 'tick' })));
      await waitFor(async () => (await runsOf(database(), 'test.tick')).length > 0, 15_000, 'the first tick');
      await sleep(3_000);
      expect(await runsOf(database(), 'test.tick')).toHaveLength(1);
      await nodes[0]!.unschedule('test.tick');
    } finally {
      await Promise.all(started.splice(0).map((jobs) => jobs.stop()));
      if (second !== database()) await second.close();
    }
  });
});
