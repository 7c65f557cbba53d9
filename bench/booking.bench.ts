// Booking under contention, end to end (POST /api/v1/appointments against the real server): 50
// clients race over the same 100 slots of one practitioner (Dr Martin's video consultations in the
// demo), each picking slots at random until every one is taken. Reports the requests answered per
// second, the 409s (the slot was taken meanwhile) and, counted from the database afterwards, the
// overlapping live appointments of one practitioner: it must be 0. On PostgreSQL (a scratch
// database) and on PGlite. `node --import tsx bench/booking.bench.ts` (or `npm run bench -- booking`).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../packages/server/src/platform/config.js';
import { createLogger } from '../packages/server/src/platform/logger.js';
import { ApiClient } from '../packages/server/src/platform/testing/client.js';
import { startServer } from '../packages/server/src/server.js';
import { onScratchPostgres, postgresReachable } from './scratch-postgres.js';

const CLIENTS = 50;
const SLOTS = 100;

async function measure(env: Record<string, string>) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-bench-booking-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const server = await startServer({ config, logger: createLogger('silent'), demo: true });
  try {
    await server.ctx.ready;
    const camille = new ApiClient(server.url);
    await camille.login('camille.petit@demo.parcours.fr', 'parcours-demo-2026');
    const me = await camille.get<{ patients: { id: string }[] }>('/api/v1/me');
    const patientIds = me.body.patients.map((p) => p.id);
    const search = await camille.get<{ slots: { typeId: string; start: string }[] }>(
      '/api/v1/slots?specialty=general-practice&modality=video&days=30&limit=1000',
    );
    const slots = search.body.slots.slice(0, SLOTS);
    if (slots.length < SLOTS) throw new Error(`only ${slots.length} free slots`);
    const taken = new Set<number>();
    let booked = 0;
    let conflicts = 0;
    let other = 0;
    let requests = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        // Each client has its own session, as 50 people booking at once would.
        const session = Object.assign(new ApiClient(server.url), { cookie: camille.cookie, csrfToken: camille.csrfToken });
        while (taken.size < SLOTS) {
          // A client only knows what it saw: it may pick a slot another client just took.
          const i = Math.floor(Math.random() * SLOTS);
          const slot = slots[i]!;
          requests++;
          const reply = await session.post('/api/v1/appointments', {
            patientId: patientIds[client % patientIds.length],
            typeId: slot.typeId,
            startsAt: slot.start,
          });
          if (reply.status === 201) booked++;
          else if (reply.status === 409) conflicts++;
          else other++;
          taken.add(i);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const overlapping = await sql<{ n: number }>`
      select count(*)::int as n from appointments a join appointments b
        on a.practitioner_account_id = b.practitioner_account_id and a.id < b.id
       and tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until)
      where a.status in ('booked', 'checked-in', 'in-progress', 'completed')
        and b.status in ('booked', 'checked-in', 'in-progress', 'completed')`.execute(server.ctx.database.db);
    return {
      perSec: Math.round(requests / seconds),
      requests,
      booked,
      conflicts,
      otherAnswers: other,
      doubleBookings: overlapping.rows[0]!.n,
    };
  } finally {
    await server.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

const postgres = (await postgresReachable()) ? await onScratchPostgres('booking', (url) => measure({ DATABASE_URL: url })) : null;
const pglite = await measure({});
process.stdout.write(
  JSON.stringify({ bench: 'booking', ...(postgres ?? pglite), clients: CLIENTS, slots: SLOTS, postgres, pglite }) + '\n',
);
