// Group commit of single readings. A device sends one Observation per request, and each must be
// committed before its answer; one transaction each costs a commit (a WAL flush), an audit chain's
// lock and some ten round trips per reading. Concurrent requests join a batch instead: one
// transaction stores, evaluates and audits them all with the statements a batch uses, and each
// request answers once that transaction is committed — with its own outcome, since a sending that
// is refused (its patient not enrolled) is refused alone.
import type { ServiceDeps } from '../../platform/context.js';
import { storeDeviceSendings, ingestFromDevice, type DeviceSending, type Stored } from './ingest.js';
import { announceAlerts } from './live.js';

export interface ReadingGroupCommit {
  /** Resolves with what was stored once the sending's batch is committed; rejects with its own problem. */
  ingest(sending: DeviceSending): Promise<Stored>;
}

export interface GroupCommitOptions {
  /**
   * Batches committing at once. Two let a batch fill while the other commits. A lane takes its batch
   * only once its transaction has a connection: on PGlite (one connection) the second lane waits
   * for the first to commit, then takes everything that came meanwhile.
   */
  lanes?: number;
  /** Readings per batch at most. */
  maxReadings?: number;
}

interface Waiting {
  sending: DeviceSending;
  resolve(stored: Stored): void;
  reject(error: unknown): void;
}

export function createReadingGroupCommit(deps: ServiceDeps, options: GroupCommitOptions = {}): ReadingGroupCommit {
  const lanes = options.lanes ?? 2;
  const maxReadings = options.maxReadings ?? 500;
  let queue: Waiting[] = [];
  let running = 0;
  /** Lanes waiting for a connection: each takes the queue when it has one, so that one is enough. */
  let opening = 0;
  /**
   * Patients of the batches in flight. A patient's readings are evaluated one transaction after
   * another (its enrolments are locked): a batch that took them would wait on the database for the
   * one in flight; they wait here for the next batch instead, and the others go on.
   */
  const held = new Map<string, number>();
  const isHeld = (waiting: Waiting) => held.has(waiting.sending.device.patient_id);

  function pump(): void {
    if (opening > 0 || running === lanes || !queue.some((waiting) => !isHeld(waiting))) return;
    running++;
    opening++;
    void commit().finally(() => {
      running--;
      pump();
    });
  }

  /** The batch: the waiting sendings whose patients are free, in order, up to maxReadings. */
  function take(): Waiting[] {
    opening--;
    const batch: Waiting[] = [];
    const left: Waiting[] = [];
    let readings = 0;
    for (const waiting of queue) {
      const fits = batch.length === 0 || readings + waiting.sending.readings.length <= maxReadings;
      if (isHeld(waiting) || !fits) left.push(waiting);
      else {
        batch.push(waiting);
        readings += waiting.sending.readings.length;
      }
    }
    queue = left;
    for (const { sending } of batch) held.set(sending.device.patient_id, (held.get(sending.device.patient_id) ?? 0) + 1);
    // What is left may go in another lane while this one commits.
    queueMicrotask(pump);
    return batch;
  }

  function release(batch: readonly Waiting[]): void {
    for (const { sending } of batch) {
      const count = held.get(sending.device.patient_id)! - 1;
      if (count === 0) held.delete(sending.device.patient_id);
      else held.set(sending.device.patient_id, count);
    }
  }

  async function commit(): Promise<void> {
    let batch: Waiting[] | undefined;
    try {
      const { results, changes } = await deps.db.transaction().execute((tx) => {
        batch = take();
        return storeDeviceSendings(
          tx,
          deps,
          batch.map((waiting) => waiting.sending),
          new Date(),
        );
      });
      announceAlerts(deps.events, changes);
      batch!.forEach((waiting, index) => {
        const result = results[index]!;
        if (result instanceof Error) waiting.reject(result);
        else waiting.resolve(result);
      });
    } catch (error) {
      // The database failed the batch (or never began it). Each sending is tried alone, so that
      // whatever one brought fails that one only.
      batch ??= take();
      if (batch.length === 1) batch[0]!.reject(error);
      else
        for (const { sending, resolve, reject } of batch)
          await ingestFromDevice(deps, sending.device, sending.readings, sending.address).then(resolve, reject);
    } finally {
      if (batch) release(batch);
    }
  }

  return {
    ingest(sending) {
      return new Promise<Stored>((resolve, reject) => {
        queue.push({ sending, resolve, reject });
        pump();
      });
    },
  };
}
