// The patient's reimbursement estimate, end to end: POST /api/v1/patients/:id/teleconsultation-estimate
// against the real server (record read, rules, audit entry), on PGlite and on PostgreSQL when one
// answers. Sequential latency (median, p95) and throughput with 16 requests in flight.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../packages/server/src/platform/config.js';
import { createLogger } from '../packages/server/src/platform/logger.js';
import { ApiClient } from '../packages/server/src/platform/testing/client.js';
import { startServer } from '../packages/server/src/server.js';
import { onScratchPostgres, postgresReachable } from './scratch-postgres.js';

const SEQUENTIAL = 200;
const CONCURRENT = 2000;
const IN_FLIGHT = 16;
const round = (x: number) => Math.round(x * 10) / 10;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function measure(env: Record<string, string>) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-bench-billing-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const server = await startServer({ config, logger: createLogger('silent'), demo: true });
  try {
    await server.ctx.ready;
    const patient = new ApiClient(server.url);
    await patient.login('camille.petit@demo.parcours.fr', 'parcours-demo-2026');
    const me = await patient.get<{ patients: { id: string }[] }>('/api/v1/me');
    const estimatePath = `/api/v1/patients/${me.body.patients[0]!.id}/teleconsultation-estimate`;
    const estimate = async (i: number) => {
      const reply = await patient.post(estimatePath, answers(i));
      if (reply.status !== 200) throw new Error(`estimate answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    };

    for (let i = 0; i < 20; i++) await estimate(i);
    const latencies: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) {
      const t = performance.now();
      await estimate(i);
      latencies.push(performance.now() - t);
    }
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < CONCURRENT) await estimate(next++);
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    return {
      sequentialMs: { median: round(percentile(latencies, 0.5)), p95: round(percentile(latencies, 0.95)) },
      concurrent: { requests: CONCURRENT, inFlight: IN_FLIGHT, perSecond: Math.round(CONCURRENT / seconds) },
    };
  } finally {
    await server.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

const answers = (i: number) => ({
  date: '2026-11-23',
  treatingDoctor: (['referred', 'available', 'unavailable', 'none'] as const)[i % 4],
  practitioner: { profession: 'doctor', specialty: i % 3 === 0 ? 'psychiatry' : 'general-practice', local: i % 5 !== 0 },
});

const pglite = await measure({});
const postgres = (await postgresReachable()) ? await onScratchPostgres('billing', (url) => measure({ DATABASE_URL: url })) : null;

process.stdout.write(JSON.stringify({ bench: 'billing.estimate', pglite, postgres }) + '\n');
