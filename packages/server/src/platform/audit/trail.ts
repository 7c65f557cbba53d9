import path from 'node:path';
import type { Db, DatabaseKind } from '../database/database.js';
import {
  checkpointKey,
  LATEST_CHECKPOINT_FILE,
  loadOrCreateCheckpointKey,
  publishCheckpoint,
  SIGNING_KEY_FILE,
  writeLatestCheckpoint,
  type CheckpointKey,
  type PublishedCheckpoint,
  type SignedCheckpoint,
} from './checkpoint.js';
import type { AuditEntryInput, RecordedEntry } from './record.js';
import { addChains } from './store.js';
import { createAuditWriter, type AuditWriter } from './writer.js';

declare module '../events/subjects.js' {
  interface EventSubjects {
    /**
     * A checkpoint of the audit trail was signed: its heads, for witnesses on other nodes or sites
     * to keep where whoever can rewrite the database cannot reach (a few kB: one head per chain).
     */
    'audit.checkpoint': PublishedCheckpoint;
  }
}

export interface AuditTrailOptions {
  db: Db;
  kind: DatabaseKind;
  /** Where the generated signing key and the latest checkpoint are kept (DATA_DIR). */
  dataDir: string;
  /**
   * An Ed25519 private key (PKCS#8 PEM) that every node shares. Without it, each node generates
   * one in its data directory on first start: fine for one node, but checkpoints from several
   * nodes are then signed with several keys and `audit verify` knows one.
   */
  signingKey?: string | undefined;
  /** Chains to spread concurrent writers over: 16 on PostgreSQL, 1 on PGlite (one connection, one writer at a time). */
  chains?: number;
  /** How often to sign the heads while the trail moves; 0 turns the timer off (checkpoint() still works). */
  checkpointEveryMs?: number;
  /**
   * Each checkpoint once committed: hand it to the event bus (`bus.publish('audit.checkpoint',
   * checkpointToJson(c))`), a witness, another site.
   */
  onCheckpoint?: (checkpoint: SignedCheckpoint) => void | Promise<void>;
  /** Where a failed checkpoint or hook is told. */
  onError?: (error: unknown) => void;
}

/** The audit trail as a server node runs it. */
export interface AuditTrail {
  /** Group commit, for reads: see AuditWriter. */
  record(entries: AuditEntryInput | AuditEntryInput[]): Promise<RecordedEntry[]>;
  writer: AuditWriter;
  /** Adds the chains, loads (or creates) the key, starts checkpointing. After the migrations. */
  start(): Promise<void>;
  /** Signs the heads now (null when nothing moved since the last checkpoint). */
  checkpoint(): Promise<SignedCheckpoint | null>;
  /** Flushes the writer, signs a last checkpoint, stops the timer. */
  close(): Promise<void>;
}

export const DEFAULT_CHECKPOINT_EVERY_MS = 10_000;

/**
 * The writer exists at once (it touches the database only when asked to record, which requests
 * do once the database is ready); `start` does the rest once the migrations ran.
 */
export function createAuditTrail(options: AuditTrailOptions): AuditTrail {
  const { db, kind } = options;
  const chains = options.chains ?? (kind === 'postgres' ? 16 : 1);
  if (!Number.isInteger(chains) || chains < 1 || chains > 1024) throw new RangeError('chains must be an integer from 1 to 1024');
  const everyMs = options.checkpointEveryMs ?? DEFAULT_CHECKPOINT_EVERY_MS;
  const onError = options.onError ?? (() => {});
  const writer = createAuditWriter(db);
  const latestFile = path.join(options.dataDir, LATEST_CHECKPOINT_FILE);
  let key: CheckpointKey | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<SignedCheckpoint | null> | undefined;

  async function publish(): Promise<SignedCheckpoint | null> {
    if (!key) throw new Error('The audit trail is not started');
    const checkpoint = await publishCheckpoint(db, key);
    if (checkpoint) {
      await writeLatestCheckpoint(latestFile, checkpoint).catch(onError);
      try {
        await options.onCheckpoint?.(checkpoint);
      } catch (error) {
        onError(error);
      }
    }
    return checkpoint;
  }

  // One checkpoint at a time from this node; a call during one waits for it, then signs again.
  function checkpoint(): Promise<SignedCheckpoint | null> {
    const next = (running ?? Promise.resolve(null)).catch(() => null).then(publish);
    running = next;
    return next;
  }

  return {
    record: (entries) => writer.record(entries),
    writer,
    async start() {
      await addChains(db, chains);
      key = options.signingKey
        ? checkpointKey(options.signingKey)
        : await loadOrCreateCheckpointKey(path.join(options.dataDir, SIGNING_KEY_FILE));
      if (everyMs > 0) {
        timer = setInterval(() => void checkpoint().catch(onError), everyMs);
        timer.unref();
      }
    },
    checkpoint,
    async close() {
      if (timer) clearInterval(timer);
      await writer.close();
      if (key) await checkpoint().catch(onError);
    },
  };
}
