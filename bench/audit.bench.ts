// Audit trail throughput (with, on PostgreSQL, a trivial query at c=50 for the machine's ceiling):
// recordAudit one entry per transaction, one at a time and 50 concurrent
// transactions (spread over the chains: 16 on PostgreSQL); 50 concurrent readers whose entries the
// writer group-commits; recordAuditMany 1,000 entries per transaction; signing a checkpoint; and
// verifyAuditTrail over 20,000 entries and the checkpoints. On PGlite in memory, and on PostgreSQL
// when one answers (BENCH_DATABASE_URL, else 127.0.0.1:5432) in a scratch database dropped afterwards.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createAuditTrail,
  recordAudit,
  recordAuditMany,
  verifyAuditTrail,
  type AuditEntryInput,
  type AuditTrail,
} from '../packages/server/src/platform/audit/audit.js';
import type { Actor } from '../packages/server/src/platform/auth/actor.js';
import { openDatabase, type Database } from '../packages/server/src/platform/database/database.js';
import { migrate } from '../packages/server/src/platform/database/migrate.js';
import { onScratchPostgres, postgresReachable } from './scratch-postgres.js';

const SEQUENTIAL_ENTRIES = 1_000;
const CONCURRENCY = 50;
const CONCURRENT_ENTRIES = 2_000;
const BATCH_SIZE = 1_000;
const BATCHES = 5;
const VERIFIED_ENTRIES = 20_000;

const doctors: Actor[] = Array.from({ length: 20 }, () => ({
  accountId: randomUUID(),
  sessionId: randomUUID(),
  memberships: [{ organisationId: randomUUID(), role: 'practitioner' }],
  patientIds: [],
  isProfessional: true,
  address: '203.0.113.7',
}));
const patientIds = Array.from({ length: 500 }, () => randomUUID());

function readEntry(i: number): AuditEntryInput {
  const patientId = patientIds[i % patientIds.length]!;
  return { actor: doctors[i % doctors.length]!, action: 'patient.read', resource: { type: 'Patient', id: patientId }, patientId };
}

const perSecond = (entries: number, ms: number) => Math.round((entries * 1000) / ms);

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function entryCount(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** 50 workers, each waiting for its entry before the next: median and p95 of that wait. */
async function concurrently(record: (i: number) => Promise<unknown>) {
  let next = 0;
  const latencies: number[] = [];
  const worker = async () => {
    while (next < CONCURRENT_ENTRIES) {
      const i = next++;
      latencies.push(await timed(() => record(i)));
    }
  };
  const ms = await timed(() => Promise.all(Array.from({ length: CONCURRENCY }, worker)));
  latencies.sort((a, b) => a - b);
  return {
    perSec: perSecond(CONCURRENT_ENTRIES, ms),
    medianMs: Math.round(latencies[Math.floor(latencies.length / 2)]! * 10) / 10,
    p95Ms: Math.round(latencies[Math.floor(latencies.length * 0.95)]! * 10) / 10,
  };
}

async function measure(database: Database, { concurrent }: { concurrent: boolean }) {
  const { db } = database;
  await migrate(db);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-bench-audit-'));
  const trail: AuditTrail = createAuditTrail({ db, kind: database.kind, dataDir, checkpointEveryMs: 0 });
  await trail.start();
  const figures: Record<string, number> = {};

  const sequentialMs = await timed(async () => {
    for (let i = 0; i < SEQUENTIAL_ENTRIES; i++) await db.transaction().execute((tx) => recordAudit(tx, readEntry(i)));
  });
  figures.sequentialPerSec = perSecond(SEQUENTIAL_ENTRIES, sequentialMs);

  if (concurrent) {
    // The machine's ceiling for the same 50 workers: a trivial query, no transaction (once to open the 50 connections).
    const selectOne = () => db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
    await concurrently(selectOne);
    figures.selectOne50PerSec = (await concurrently(selectOne)).perSec;
    // 50 audited transactions at once, each with its entry: they take different chains.
    const inTransaction = await concurrently((i) => db.transaction().execute((tx) => recordAudit(tx, readEntry(i))));
    figures.concurrent50PerSec = inTransaction.perSec;
    figures.concurrent50MedianMs = inTransaction.medianMs;
    figures.concurrent50P95Ms = inTransaction.p95Ms;
  }
  // 50 readers at once, each answered once its entry is committed with those of the others.
  const grouped = await concurrently((i) => trail.record(readEntry(i)));
  figures.groupCommit50PerSec = grouped.perSec;
  figures.groupCommit50MedianMs = grouped.medianMs;
  figures.groupCommit50P95Ms = grouped.p95Ms;

  const batchMs = await timed(async () => {
    for (let b = 0; b < BATCHES; b++)
      await db.transaction().execute((tx) =>
        recordAuditMany(
          tx,
          Array.from({ length: BATCH_SIZE }, (_, i) => readEntry(i)),
        ),
      );
  });
  figures.batch1000PerSec = perSecond(BATCHES * BATCH_SIZE, batchMs);

  for (let missing = VERIFIED_ENTRIES - (await entryCount(database)); missing > 0; missing -= BATCH_SIZE)
    await db.transaction().execute((tx) =>
      recordAuditMany(
        tx,
        Array.from({ length: Math.min(missing, BATCH_SIZE) }, (_, i) => readEntry(i)),
      ),
    );
  figures.checkpointMs = Math.round((await timed(() => trail.checkpoint())) * 10) / 10;
  await trail.close();
  await fs.rm(dataDir, { recursive: true, force: true });
  let checked = 0;
  const verifyMs = await timed(async () => {
    const result = await verifyAuditTrail(db);
    if (!result.ok) throw new Error(`verify failed: ${JSON.stringify(result.firstBad)}`);
    checked = result.checked;
  });
  if (checked !== VERIFIED_ENTRIES) throw new Error(`verify checked ${checked} entries, expected ${VERIFIED_ENTRIES}`);
  figures.verifyPerSec = perSecond(checked, verifyMs);
  figures.verifiedEntries = checked;
  return figures;
}

const pglite = openDatabase({ kind: 'pglite' });
const pgliteFigures = await measure(pglite, { concurrent: false }).finally(() => pglite.close());
const postgresFigures = (await postgresReachable())
  ? await onScratchPostgres('audit', async (url) => {
      // One connection per concurrent transaction, so that 50 really run at once.
      const database = openDatabase({ kind: 'postgres', url, poolSize: CONCURRENCY });
      return measure(database, { concurrent: true }).finally(() => database.close());
    })
  : null;

process.stdout.write(
  JSON.stringify({
    bench: 'audit',
    unit: 'entries/s',
    pglite: pgliteFigures,
    postgres: postgresFigures,
  }) + '\n',
);
