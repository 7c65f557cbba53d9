// Telemonitoring ingestion, end to end, with alert evaluation and audit on: devices post FHIR R4
// Observations to the real server (a child process of its own, so that the load generator does not
// share its event loop). Measured on PostgreSQL (a scratch database) and on PGlite:
// - single readings: one Observation per request, 50 connections, each for one of 5,000 patients
//   (BENCH_INGEST_PATIENTS). Each reading is evaluated on its patient's window, which grows with what
//   the patient sent: 300 patients at some 9 readings a second each (no scale sends that) made
//   windows of hundreds and cost a third of the rate (2,600 a second against 3,700 in one trial);
// - batches: NDJSON of 1,000 readings per request (a device's memory of the past months), 4 at a time;
// - alert latency: a practitioner's WebSocket follows the team's topic; a reading that makes a 2.5 kg
//   gain in two days is posted, timed from the request to the alert's event on the socket;
// - baseline: plain single-row INSERTs of the same rows at 50 connections (the database's own limit).
// Prints {"bench":"ingest","singlePerSec","singleP99Ms","batchPerSec","alertP99Ms","baselineInsertPerSec",…}.
//
// `node --import tsx bench/ingest.bench.ts` (or `npm run bench -- ingest`); BENCH_INGEST_SECONDS sets
// the length of each measured run (default 10 s).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { onScratchPostgres, postgresReachable } from './scratch-postgres.js';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_INGEST_SECONDS ?? 10);
const PATIENTS = Number(process.env.BENCH_INGEST_PATIENTS ?? 5_000);
/** Patients kept apart for the latency run: no other reading of theirs. */
const LATENCY_PATIENTS = 200;
const BATCH = 1_000;
const BATCH_CONCURRENCY = 4;
const HOUR = 3_600_000;

interface Setup {
  url: string;
  organisationId: string;
  tokens: string[];
  patientIds: string[];
}

/**
 * The child: a demo server, then the bench's patients (enrolled in heart failure by Dr Martin, each
 * with a device credential). Prints the URL and the credentials; on a `baseline` line read from its
 * input, runs the plain INSERT baseline on its own database (PGlite has no other door).
 */
async function serve(): Promise<void> {
  const { loadConfig } = await import('../packages/server/src/platform/config.js');
  const { createLogger } = await import('../packages/server/src/platform/logger.js');
  const { startServer } = await import('../packages/server/src/server.js');
  const { randomToken, tokenHash } = await import('../packages/server/src/platform/auth/secrets.js');
  const { sql } = await import('kysely');
  const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'development' });
  const server = await startServer({ config, logger: createLogger('silent'), demo: true });
  await server.ctx.ready;
  const db = server.ctx.database.db;
  const { rows: ids } = await sql<{ organisation_id: string; account_id: string }>`
    select m.organisation_id, a.id as account_id from accounts a join memberships m on m.account_id = a.id
    where a.email = 'dr.martin@demo.parcours.fr' and m.role = 'practitioner' limit 1`.execute(db);
  const { organisation_id: organisationId, account_id: martin } = ids[0]!;
  // In bulk: one statement per table, whatever the number of patients.
  const tokens = Array.from({ length: PATIENTS }, () => randomToken());
  const { rows: made } = await sql<{ id: string; n: number }>`
    insert into patients (account_id, birth_name, first_names, sex, birth_date)
    select null, 'BANC' || n, 'Essai', 'M', '1950-01-01' from generate_series(0, ${PATIENTS - 1}) n
    returning id, substr(birth_name, 5)::int as n`.execute(db);
  const patientIds = made.sort((a, b) => a.n - b.n).map((row) => row.id);
  await sql`
    with enrolled as (
      insert into telemonitoring_enrolments (patient_id, organisation_id, programme, prescriber_account_id, operator_account_id, starts_at, ends_at)
      select p, ${organisationId}, 'heart-failure', ${martin}, ${martin}, now() - interval '30 days', now() + interval '300 days'
      from unnest(${patientIds}::uuid[]) p
      returning id, patient_id)
    insert into telemonitoring_devices (enrolment_id, patient_id, label, token_hash, created_by_account_id)
    select e.id, e.patient_id, 'Balance du banc', t.hash, ${martin}
    from enrolled e join unnest(${patientIds}::uuid[], ${tokens.map(tokenHash)}::text[]) t(patient_id, hash) on t.patient_id = e.patient_id`.execute(
    db,
  );
  const port = new URL(server.url).port;
  process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${port}`, organisationId, tokens, patientIds } satisfies Setup) + '\n');
  const input = readline.createInterface({ input: process.stdin });
  input.on('line', (line) => {
    if (line !== 'baseline') return;
    void baseline(async (values) => {
      await sql`insert into telemonitoring_readings (patient_id, identifier, kind, value, unit, effective, effective_at, source)
                values (${values[0]}, ${values[1]}, 'bodyWeight', ${values[2]}, 'kg', ${values[3]}, ${values[3]}, 'device')`.execute(db);
    }, patientIds[0]!).then((perSec) => process.stdout.write(JSON.stringify({ baselineInsertPerSec: perSec }) + '\n'));
  });
  process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
}

/** Plain single-row INSERTs of readings shaped as the server's, from 50 concurrent loops, for SECONDS: rows a second. */
async function baseline(insert: (values: [string, string, number, string]) => Promise<void>, patientId: string): Promise<number> {
  let rows = 0;
  const until = performance.now() + SECONDS * 1_000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, loop) => {
      for (let i = 0; performance.now() < until; i++) {
        await insert([patientId, `urn:baseline|${loop}-${i}`, 78 + (i % 10) / 10, new Date(Date.now() - (i % 48) * HOUR).toISOString()]);
        rows++;
      }
    }),
  );
  return Math.round(rows / ((performance.now() - started) / 1_000));
}

async function main(): Promise<void> {
  const postgres = (await postgresReachable()) ? await onScratchPostgres('ingest', (url) => measure({ DATABASE_URL: url }, url)) : null;
  const pglite = await measure({});
  const headline = postgres ?? pglite;
  process.stdout.write(
    JSON.stringify({
      bench: 'ingest',
      singlePerSec: headline.singlePerSec,
      singleP99Ms: headline.singleP99Ms,
      batchPerSec: headline.batchPerSec,
      alertP99Ms: headline.alertP99Ms,
      baselineInsertPerSec: headline.baselineInsertPerSec,
      connections: CONNECTIONS,
      seconds: SECONDS,
      batch: BATCH,
      postgres,
      pglite,
    }) + '\n',
  );
}

async function measure(env: Record<string, string>, postgresUrl?: string) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-bench-ingest-'));
  const { child, setup, lines } = await startChild({ ...env, DATA_DIR: dataDir });
  try {
    const loadTokens = setup.tokens.slice(0, PATIENTS - LATENCY_PATIENTS);
    await single(setup.url, loadTokens, 2); // warm-up
    const singles = await single(setup.url, loadTokens, SECONDS);
    const batchPerSec = await batches(setup.url, loadTokens);
    const alertP99Ms = await alertLatency(setup, setup.tokens.slice(PATIENTS - LATENCY_PATIENTS));
    const baselineInsertPerSec = postgresUrl
      ? await postgresBaseline(postgresUrl, setup.patientIds[0]!)
      : await childBaseline(child, lines);
    return {
      singlePerSec: Math.round(singles.requests.average),
      singleP99Ms: singles.latency.p99,
      singleP50Ms: singles.latency.p50,
      batchPerSec,
      alertP99Ms,
      baselineInsertPerSec,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

async function startChild(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve'], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const setup = await new Promise<Setup>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready`)));
    lines.once('line', (line) => resolve(JSON.parse(line) as Setup));
  });
  return { child, setup, lines };
}

let sequence = 0;
/** A body weight Observation as a connected scale sends it: steady, no alert (78 kg ± 0.4). */
function observation(kg: number, at: number) {
  return {
    resourceType: 'Observation',
    identifier: [{ system: 'urn:bench:scale', value: `${process.pid}-${sequence++}` }],
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
    effectiveDateTime: new Date(at).toISOString(),
    valueQuantity: { value: kg, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
  };
}
const steady = (withinHours = 48) =>
  observation(78 + Math.round((Math.random() - 0.5) * 8) / 10, Date.now() - Math.floor(Math.random() * withinHours) * HOUR);

/** One Observation per request, each from a device chosen at random. */
async function single(url: string, tokens: string[], seconds: number): Promise<autocannon.Result> {
  const result = await autocannon({
    url: `${url}/api/v1/telemonitoring/fhir/Observation`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          headers: {
            'content-type': 'application/fhir+json',
            authorization: `Bearer ${tokens[Math.floor(Math.random() * tokens.length)]}`,
          },
          body: JSON.stringify(steady()),
        }),
      },
    ],
  });
  if (result.non2xx > 0) throw new Error(`single readings: ${result.non2xx} answers other than 2xx`);
  return result;
}

/** NDJSON batches of BATCH readings, BATCH_CONCURRENCY at a time, for SECONDS: readings stored a second. */
async function batches(url: string, tokens: string[]): Promise<number> {
  let stored = 0;
  const until = performance.now() + SECONDS * 1_000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: BATCH_CONCURRENCY }, async () => {
      while (performance.now() < until) {
        // A gateway sending a device's memory: readings spread over the past months, as a backfill is.
        const body = Array.from({ length: BATCH }, () => JSON.stringify(steady(360 * 24))).join('\n');
        const res = await fetch(`${url}/api/v1/telemonitoring/ndjson`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${tokens[Math.floor(Math.random() * tokens.length)]}` },
          body,
        });
        const reply = (await res.json()) as { created: number; refused: unknown[] };
        if (res.status !== 200 || reply.refused.length)
          throw new Error(`batch answered ${res.status}: ${JSON.stringify(reply).slice(0, 300)}`);
        stored += reply.created;
      }
    }),
  );
  return Math.round(stored / ((performance.now() - started) / 1_000));
}

/**
 * Dr Martin follows the team's topic on a WebSocket; for each patient kept apart, a reading from 40
 * hours ago, then one 2.5 kg heavier: timed from that request to its alert's event on the socket.
 */
async function alertLatency(setup: Setup, tokens: string[]): Promise<number> {
  const { ApiClient } = await import('../packages/server/src/platform/testing/client.js');
  const { LiveTestClient } = await import('../packages/server/src/platform/realtime/testing.js');
  const doctor = new ApiClient(setup.url);
  await doctor.login('dr.martin@demo.parcours.fr', 'parcours-demo-2026', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
  const live = await LiveTestClient.connect(setup.url, { cookie: doctor.cookie!, origin: setup.url });
  const topic = `telemonitoring:${setup.organisationId}`;
  live.send({ type: 'subscribe', topic });
  await live.waitFor((m) => m.type === 'subscribed');
  const post = (token: string, body: unknown) =>
    fetch(`${setup.url}/api/v1/telemonitoring/fhir/Observation`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    }).then((res) => {
      if (res.status !== 201) throw new Error(`latency reading answered ${res.status}`);
      return res.text();
    });
  const latencies: number[] = [];
  for (const [i, token] of tokens.entries()) {
    const patientId = setup.patientIds[PATIENTS - LATENCY_PATIENTS + i]!;
    await post(token, observation(78, Date.now() - 40 * HOUR));
    const from = live.messages.length;
    const started = performance.now();
    const arrived = live.waitFor(
      (m) => m.type === 'event' && m.event === 'alert.raised' && (m.data as { patientId?: string }).patientId === patientId,
      { from, timeoutMs: 10_000 },
    );
    await post(token, observation(80.5, Date.now() - 60_000));
    await arrived;
    latencies.push(performance.now() - started);
  }
  live.socket.close();
  latencies.sort((a, b) => a - b);
  return Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))]! * 10) / 10;
}

/** PostgreSQL's own limit: single-row INSERTs of the same rows over 50 connections of its own. */
async function postgresBaseline(url: string, patientId: string): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
  try {
    return await baseline(async (values) => {
      await pool.query(
        `insert into telemonitoring_readings (patient_id, identifier, kind, value, unit, effective, effective_at, source)
         values ($1, $2, 'bodyWeight', $3, 'kg', $4::text, $4::timestamptz, 'device')`,
        values,
      );
    }, patientId);
  } finally {
    await pool.end();
  }
}

/** PGlite's, measured inside the server's process (the only one that may open its files). */
function childBaseline(child: ChildProcess, lines: readline.Interface): Promise<number> {
  return new Promise((resolve) => {
    lines.once('line', (line) => resolve((JSON.parse(line) as { baselineInsertPerSec: number }).baselineInsertPerSec));
    child.stdin!.write('baseline\n');
  });
}

// Last: the functions and constants above are initialised by then.
if (process.argv[2] === '--serve') await serve();
else await main();
