import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database, Tx } from '../database/database.js';
import { waitAtMost } from '../timeout.js';
import { bossExecutor } from './executor.js';
import type { JobTypes } from './job-types.js';

/**
 * Durable jobs in PostgreSQL (or PGlite), on pg-boss: delayed and recurring jobs, retries with
 * back-off, one run at a time across every node, nothing lost to a crash.
 *
 * pg-boss keeps the schema (`pgboss`, created and migrated under its advisory lock), queues, sending
 * (delays, singletons, throttling), the `FOR UPDATE SKIP LOCKED` claim, retry and back-off
 * arithmetic, expiry of abandoned runs, archiving, and cron (one node per minute sends the tick).
 * This file runs the handlers itself rather than through `boss.work()`, for three reasons:
 * - completion and failure are fenced: a run may record its outcome only while the job is still
 *   the one it claimed (`state = 'active'` and the same `retry_count`). pg-boss's own worker
 *   completes by id alone, so a run that lost its job (expired, then claimed by another node, or
 *   cancelled) could complete or fail the other node's run;
 * - a claim is a lease that running handlers renew, so a dead node's job is retried after about a
 *   lease (default 60 s) however long jobs may legitimately run (`timeoutSeconds`);
 * - one poll for all queues: an idle node costs one indexed query per polling interval.
 *
 * Guarantees. A job runs to completion exactly once when its handler does its database work in
 * `job.transaction(...)`: the completion commits in the same transaction, and a run that lost its
 * claim has that transaction rolled back (`JobLostError`). Work outside that transaction (a mail
 * sent over SMTP, a call to another system) is at least once: after a crash between that work and
 * the completion the job runs again, so such handlers make their effect idempotent (a key the
 * receiver deduplicates, a row that says it was done, checked first). A crash, a timeout or a lost
 * lease counts as a failed attempt (retried while attempts remain; keep `retryLimit` ≥ 1).
 */

/** The database work of a run and its completion, committed together or not at all. */
export interface Job<Name extends string = string, Data = unknown> {
  id: string;
  name: Name;
  data: Data;
  /** 1 on the first run, 2 on the first retry… */
  attempt: number;
  /** Aborted when the run times out, loses its claim or the node stops: stop early, nothing will be recorded. */
  signal: AbortSignal;
  /**
   * Runs `work` in a transaction that also records this job as completed: both commit, or neither.
   * Call it once, as the handler's last database step; jobs sent with `{ tx }` inside it are sent
   * only if it commits. Throws `JobLostError` (after rolling back) if this run no longer holds the job.
   */
  transaction<R>(work: (tx: Tx) => Promise<R>): Promise<R>;
}

export type JobHandler<Name extends string = string, Data = unknown> = (job: Job<Name, Data>) => Promise<void>;

/** How pg-boss deduplicates sends with the same `singletonKey` (see README of pg-boss 10). */
export type JobPolicy =
  /** No deduplication by key alone (use `singletonSeconds` to throttle). */
  | 'standard'
  /** At most one job per key waiting to run: a second send while one waits returns null. */
  | 'short'
  /** At most one job per key running at a time. */
  | 'singleton'
  /** At most one job per key in each state (waiting, retrying, running). */
  | 'stately';

export interface JobDefinition {
  /** Jobs of this name run at most this many at once on one node (default 1). */
  concurrency?: number;
  /** Retries after the first attempt (default 5). A crash, a timeout or a lost lease is an attempt. */
  retryLimit?: number;
  /** Seconds before the first retry (default 5). */
  retryDelay?: number;
  /** Double the delay at each retry, with jitter: 5–10 s, 10–20 s, 20–40 s… (default true). */
  retryBackoff?: boolean;
  /** A run still going after this many seconds is abandoned: its signal aborts and it is retried (default 300). */
  timeoutSeconds?: number;
  policy?: JobPolicy;
  /**
   * Run at each tick of this five-field cron expression (Europe/Paris wall time) once the jobs
   * start, with empty data: a module's recurring work, scheduled only on nodes that run jobs.
   */
  cron?: string;
}

export interface SendOptions {
  /** Not before this instant, or this many seconds from now. */
  startAfter?: Date | number;
  /** Deduplication key: see the queue's `policy`, and `singletonSeconds`. */
  singletonKey?: string;
  /** At most one job per `singletonKey` (or per name) in each slot of this many seconds: later sends return null. */
  singletonSeconds?: number;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  /** Send within this transaction: the job exists if and only if it commits. Needs `start()` done. */
  tx?: Tx;
}

export interface ScheduleOptions {
  /** The time zone the cron expression reads in (default Europe/Paris: wall time, DST included). */
  tz?: string;
}

export interface Jobs<Types extends object = JobTypes> {
  /** Declares the handler of a job name on this node. Before `start()`. */
  define<Name extends keyof Types & string>(name: Name, handler: JobHandler<Name, Types[Name]>, definition?: JobDefinition): void;
  /** Queues a job; returns its id, or null when a singleton rule dropped it. */
  send<Name extends keyof Types & string>(name: Name, data: Types[Name], options?: SendOptions): Promise<string | null>;
  /**
   * Sends `data` to `name` at each tick of a five-field cron expression (minute granularity; the
   * first tick may come at once if the current minute matches). One schedule per name, kept in the
   * database: calling it again replaces it. Exactly one node sends each tick.
   */
  schedule<Name extends keyof Types & string>(name: Name, cron: string, data: Types[Name], options?: ScheduleOptions): Promise<void>;
  unschedule(name: keyof Types & string): Promise<void>;
  /** Cancels a job that has not completed; a run in progress loses its claim (its transaction rolls back). */
  cancel(name: keyof Types & string, id: string): Promise<void>;
  /** Creates or migrates the schema, the queues, then polls. Idempotent. */
  start(): Promise<void>;
  /** Stops polling, lets runs finish (up to `stopTimeoutSeconds`), hands the others back for retry. */
  stop(): Promise<void>;
}

export interface JobsOptions {
  database: Database;
  logger: Logger;
  /** How often an idle node looks for due jobs (default 2 s). A send on this node wakes it at once. */
  pollingIntervalSeconds?: number;
  /** How long a claim lasts without renewal (default 60 s): a dead node's job is retried after about that long. */
  leaseSeconds?: number;
  /** How often expired claims are handed back and old jobs archived, cluster-wide (default 60 s). */
  maintenanceIntervalSeconds?: number;
  /** How often a node checks whether a cron tick is due (default 30 s). */
  cronMonitorIntervalSeconds?: number;
  /** How often due cron ticks turn into jobs (default 5 s). */
  cronWorkerIntervalSeconds?: number;
  /** How long `stop()` waits for running jobs (default 10 s). */
  stopTimeoutSeconds?: number;
}

/** Thrown by `job.transaction` when this run no longer holds its job: nothing was committed. */
export class JobLostError extends Error {
  constructor(name: string, id: string) {
    super(`job ${name} ${id} is no longer held by this run (expired, cancelled or claimed again)`);
    this.name = 'JobLostError';
  }
}

class JobTimeoutError extends Error {
  constructor(seconds: number) {
    super(`job ran longer than ${seconds} s`);
    this.name = 'JobTimeoutError';
  }
}

const SCHEMA = 'pgboss';
/** Any constant shared by every node: the key of the advisory lock under which nodes start pg-boss one at a time. */
const START_LOCK_KEY = 7_233_601_421;

interface Queue {
  name: string;
  handler: JobHandler<string, unknown>;
  concurrency: number;
  timeoutSeconds: number;
  settings: PgBoss.Queue;
  cron: string | undefined;
  running: number;
}

/** What identifies one run of a job: the claim bumps `retry_count`, so a later run of the same job differs. */
interface Claim {
  name: string;
  id: string;
  retryCount: number;
}

interface Run {
  done: Promise<void>;
  claim: Claim;
  controller: AbortController;
}

/** The databases on which stale claims were already reclaimed in this process (see `reclaimOrphans`). */
const reclaimed = new WeakSet<Database>();

export function createJobs<Types extends object = JobTypes>(options: JobsOptions): Jobs<Types> {
  const { database } = options;
  const logger = options.logger.child({ component: 'jobs' });
  const pollingMs = (options.pollingIntervalSeconds ?? 2) * 1000;
  const leaseSeconds = options.leaseSeconds ?? 60;
  const stopTimeoutMs = (options.stopTimeoutSeconds ?? 10) * 1000;
  const executor = bossExecutor(database.db);
  const boss = new PgBoss({
    db: executor,
    schema: SCHEMA,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds ?? 30,
    cronWorkerIntervalSeconds: options.cronWorkerIntervalSeconds ?? 5,
  });
  // pg-boss reports background failures (maintenance, cron) as events; an unheard 'error' would throw.
  boss.on('error', (err: Error) => logger.warn({ err: { name: err.name, message: err.message } }, 'job scheduler error'));

  const queues = new Map<string, Queue>();
  const runs = new Set<Run>();
  let ready: Promise<void> | undefined;
  let preparing: Promise<void> | undefined;
  let polling = false;
  let stopping: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<boolean> | undefined;
  let wakeAgain = false;

  async function prepare(): Promise<void> {
    await startBoss();
    if (database.kind === 'pglite') await reclaimOrphans();
    for (const queue of queues.values()) {
      await retryOnDeadlock(async () => {
        await boss.createQueue(queue.name, queue.settings);
        await boss.updateQueue(queue.name, queue.settings);
        if (queue.cron) await boss.schedule(queue.name, queue.cron, {}, { tz: 'Europe/Paris' });
      });
    }
  }

  /**
   * pg-boss creates its schema under an advisory transaction lock, but a node that waited on that
   * lock does not see the schema the other just made (waiting on an advisory lock does not refresh
   * the catalog's cache) and fails on a duplicate — its jobs would never start. On PostgreSQL, nodes
   * start pg-boss one at a time under a lock of ours, taken before pg-boss looks: the second finds
   * the schema installed. PGlite has one process, and one connection that pg-boss needs.
   */
  async function startBoss(): Promise<void> {
    if (database.kind !== 'postgres') {
      await boss.start();
      return;
    }
    await database.db.connection().execute(async (connection) => {
      await sql`select pg_advisory_lock(${START_LOCK_KEY})`.execute(connection);
      try {
        await boss.start();
      } finally {
        await sql`select pg_advisory_unlock(${START_LOCK_KEY})`.execute(connection);
      }
    });
  }

  /**
   * Nodes starting together create the same queues at once; PostgreSQL may end one of those
   * transactions as a deadlock (40P01). Creating a queue is idempotent: try again after a moment.
   */
  async function retryOnDeadlock(work: () => Promise<void>, attempts = 5): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if ((error as { code?: string }).code !== '40P01' || attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
      }
    }
  }

  /**
   * A PGlite data directory is opened by one process only: a job still marked running when it opens
   * was left by a process that died (kill -9, power loss). It is due again at once, without counting
   * an attempt against it, rather than after its lease. On PostgreSQL another node may be running
   * it, so only lease expiry hands it back there.
   */
  async function reclaimOrphans(): Promise<void> {
    if (reclaimed.has(database)) return;
    reclaimed.add(database);
    const { rows } = await sql<{ id: string }>`
      update ${sql.table(`${SCHEMA}.job`)} set state = 'retry', start_after = now()
      where state = 'active' returning id`.execute(database.db);
    if (rows.length > 0) logger.info({ jobs: rows.length }, 'jobs left running by a previous process are due again');
  }

  function ensureReady(): Promise<void> {
    if (stopping) return Promise.reject(new Error('jobs are stopped'));
    // A failed start (database unreachable) is tried again by the next call.
    return (ready ??= preparing =
      prepare().catch((err: unknown) => {
        ready = undefined;
        throw err;
      }));
  }

  // The next poll: at once when woken, after the polling interval when idle.
  function schedulePoll(delayMs: number): void {
    if (!polling || stopping) return;
    clearTimeout(timer);
    timer = setTimeout(poll, delayMs);
  }

  function wake(): void {
    if (!polling || stopping) return;
    if (ticking) wakeAgain = true;
    else schedulePoll(0);
  }

  async function poll(): Promise<void> {
    timer = undefined;
    wakeAgain = false;
    ticking = claimDueJobs().catch((err: Error) => {
      logger.warn({ err: { name: err.name, message: err.message } }, 'job poll failed');
      return false;
    });
    const claimed = await ticking;
    ticking = undefined;
    schedulePoll(claimed || wakeAgain ? 0 : pollingMs);
  }

  /** One query finds which queues have due jobs; only those are claimed from. */
  async function claimDueJobs(): Promise<boolean> {
    const open = [...queues.values()].filter((q) => q.running < q.concurrency);
    if (open.length === 0) return false;
    const { rows } = await sql<{ name: string }>`
      select distinct name from ${sql.table(`${SCHEMA}.job`)}
      where name = any(${open.map((q) => q.name)}::text[]) and state < 'active' and start_after < now()`.execute(database.db);
    let claimed = false;
    for (const { name } of rows) {
      const queue = queues.get(name)!;
      if (stopping) break;
      const jobs = await boss.fetch<unknown>(name, { batchSize: queue.concurrency - queue.running, includeMetadata: true });
      for (const job of jobs) {
        claimed = true;
        launch(queue, job);
      }
    }
    return claimed;
  }

  function launch(queue: Queue, job: PgBoss.JobWithMetadata<unknown>): void {
    queue.running++;
    const claim: Claim = { name: job.name, id: job.id, retryCount: job.retryCount };
    const controller = new AbortController();
    const run: Run = { claim, controller, done: Promise.resolve() };
    run.done = execute(queue, job, claim, controller).finally(() => {
      queue.running--;
      runs.delete(run);
      wake();
    });
    runs.add(run);
  }

  async function execute(queue: Queue, raw: PgBoss.JobWithMetadata<unknown>, claim: Claim, controller: AbortController) {
    const attempt = raw.retryCount + 1;
    const context = { job: raw.name, jobId: raw.id, attempt };
    let completed = false;
    let transacted = false;
    const job: Job = {
      id: raw.id,
      name: raw.name,
      data: raw.data,
      attempt,
      signal: controller.signal,
      async transaction(work) {
        if (transacted) throw new Error('job.transaction() records the completion: call it once per run');
        transacted = true;
        const result = await database.db.transaction().execute(async (tx) => {
          const value = await work(tx);
          if (!(await completeIfHeld(tx, claim))) throw new JobLostError(claim.name, claim.id);
          return value;
        });
        completed = true;
        return result;
      },
    };

    // Renew the lease while the handler runs; a renewal that finds the job gone aborts the run.
    const renewal = setInterval(
      () => {
        renewLease(claim).then(
          (held) => held || controller.abort(new JobLostError(claim.name, claim.id)),
          () => {},
        );
      },
      (leaseSeconds * 1000) / 3,
    );
    let timeout: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timeout = setTimeout(() => {
        const error = new JobTimeoutError(queue.timeoutSeconds);
        controller.abort(error);
        reject(error);
      }, queue.timeoutSeconds * 1000);
    });
    const handled = queue.handler(job);
    handled.catch(() => {}); // after a timeout, the abandoned run's outcome is nobody's concern
    try {
      await Promise.race([handled, timedOut]);
      if (!completed && !(await completeIfHeld(database.db, claim))) {
        logger.warn(context, 'job finished after losing its claim: it runs again, its effects outside job.transaction may repeat');
      }
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      if (completed) {
        logger.warn({ ...context, err: { name: error.name, message: error.message } }, 'job failed after its completion was recorded');
        return;
      }
      const failed = await failIfHeld(claim, error).catch((failure: Error) => {
        logger.warn({ ...context, err: { message: failure.message } }, 'job failure not recorded: it is retried when its lease ends');
        return false;
      });
      const retried = raw.retryCount < raw.retryLimit;
      logger.warn(
        { ...context, err: { name: error.name, message: error.message }, recorded: failed, retried },
        retried ? 'job failed, retried later' : 'job failed, no attempts left',
      );
    } finally {
      clearInterval(renewal);
      clearTimeout(timeout);
    }
  }

  /** Records the completion if this run still holds the job; false if it does not (nothing changed). */
  async function completeIfHeld(db: Database['db'], claim: Claim): Promise<boolean> {
    const { rows } = await sql<{ id: string }>`
      update ${sql.table(`${SCHEMA}.job`)} set state = 'completed', completed_on = now()
      where name = ${claim.name} and id = ${claim.id} and state = 'active' and retry_count = ${claim.retryCount}
      returning id`.execute(db);
    return rows.length === 1;
  }

  async function renewLease(claim: Claim): Promise<boolean> {
    const { rows } = await sql<{ id: string }>`
      update ${sql.table(`${SCHEMA}.job`)} set expire_in = (now() - started_on) + make_interval(secs => ${leaseSeconds})
      where name = ${claim.name} and id = ${claim.id} and state = 'active' and retry_count = ${claim.retryCount}
      returning id`.execute(database.db);
    return rows.length === 1;
  }

  /** pg-boss's failure (retry with back-off, or failed when no attempts remain), if this run still holds the job. */
  async function failIfHeld(claim: Claim, error: Error): Promise<boolean> {
    return database.db.transaction().execute(async (tx) => {
      const { rows } = await sql<{ id: string }>`
        select id from ${sql.table(`${SCHEMA}.job`)}
        where name = ${claim.name} and id = ${claim.id} and state = 'active' and retry_count = ${claim.retryCount}
        for update`.execute(tx);
      if (rows.length === 0) return false;
      await boss.fail(claim.name, claim.id, { name: error.name, message: error.message }, { db: bossExecutor(tx) });
      return true;
    });
  }

  return {
    define(name, handler, definition = {}) {
      if (ready) throw new Error(`job ${name} defined after start(): define every job before starting`);
      if (queues.has(name)) throw new Error(`job ${name} is already defined`);
      const concurrency = definition.concurrency ?? 1;
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`job ${name}: concurrency must be a positive integer`);
      queues.set(name, {
        name,
        handler: handler as JobHandler<string, unknown>,
        concurrency,
        timeoutSeconds: definition.timeoutSeconds ?? 300,
        cron: definition.cron,
        running: 0,
        settings: {
          name,
          policy: definition.policy ?? 'standard',
          retryLimit: definition.retryLimit ?? 5,
          retryDelay: definition.retryDelay ?? 5,
          retryBackoff: definition.retryBackoff ?? true,
          expireInSeconds: leaseSeconds,
        },
      });
    },

    async send(name, data, sendOptions = {}) {
      if (!queues.has(name)) throw new Error(`job ${name} is not defined`);
      const { tx, startAfter, ...rest } = sendOptions;
      // Within a caller's transaction on PGlite, preparing would wait for the one connection it holds.
      if (tx && !ready) throw new Error('jobs not started: start() must complete before a send within a transaction');
      await ensureReady();
      const id = await boss.send(name, data as object, {
        ...rest,
        ...(startAfter !== undefined ? { startAfter } : {}),
        ...(tx ? { db: bossExecutor(tx) } : {}),
      });
      if (startAfter === undefined || (startAfter instanceof Date ? startAfter.getTime() <= Date.now() : startAfter <= 0)) wake();
      return id;
    },

    async schedule(name, cron, data, scheduleOptions = {}) {
      if (!queues.has(name)) throw new Error(`job ${name} is not defined`);
      await ensureReady();
      await boss.schedule(name, cron, data as object, { tz: scheduleOptions.tz ?? 'Europe/Paris' });
    },

    async unschedule(name) {
      await ensureReady();
      await boss.unschedule(name);
    },

    async cancel(name, id) {
      await ensureReady();
      await boss.cancel(name, id);
    },

    async start() {
      await ensureReady();
      if (polling) return;
      polling = true;
      schedulePoll(0);
    },

    stop() {
      return (stopping ??= (async () => {
        polling = false;
        clearTimeout(timer);
        await ticking;
        const all = [...runs];
        if (all.length > 0) {
          await waitAtMost(Promise.allSettled(all.map((r) => r.done)), stopTimeoutMs);
          // Runs still going are handed back now rather than when their lease ends.
          for (const run of runs) {
            const error = new Error('node stopping');
            run.controller.abort(error);
            await failIfHeld(run.claim, error).catch(() => {});
          }
        }
        // Even a failed start may have started pg-boss's timers.
        await preparing?.catch(() => {});
        await boss.stop({ graceful: false, close: false });
        // pg-boss's cron worker may still have a statement in flight, and another right after it:
        // wait for a quiet moment so that the database can close after this.
        do {
          await executor.idle();
          await new Promise((resolve) => setTimeout(resolve, 20));
        } while (executor.busy());
      })());
    },
  };
}
