// Slot search at scale, end to end (GET /api/v1/slots against the real server): 1,000 practitioners,
// each with a schedule (weekdays 09:00–12:00 and 14:00–18:00, 20-minute video consultations), one of
// ten specialties and two or three of ten départements, three months of appointments filling half
// their slots; a patient searches a 14-day window of one specialty and one territory, from a day of
// those three months. On PostgreSQL (a scratch database); skipped without one.
// `node --import tsx bench/slots.bench.ts` (or `npm run bench -- slots`).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../packages/server/src/platform/config.js';
import { createLogger } from '../packages/server/src/platform/logger.js';
import { ApiClient } from '../packages/server/src/platform/testing/client.js';
import { startServer } from '../packages/server/src/server.js';
import { onScratchPostgres, postgresReachable } from './scratch-postgres.js';

const PRACTITIONERS = 1_000;
const DAYS = 91;
const SEARCHES = Number(process.env.BENCH_SLOTS_SEARCHES ?? 500);
const SPECIALTIES = [
  'general-practice',
  'pediatrics',
  'gynecology',
  'psychiatry',
  'dermatology',
  'cardiology',
  'ophthalmology',
  'neurology',
  'geriatrics',
  'stomatology',
];
const TERRITORIES = ['75', '77', '78', '91', '92', '93', '94', '95', '60', '69'];
const round = (x: number) => Math.round(x * 100) / 100;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function measure(url: string) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-bench-slots-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: url });
  const server = await startServer({ config, logger: createLogger('silent'), demo: true });
  try {
    await server.ctx.ready;
    const db = server.ctx.database.db;
    const start = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    // Arranged in SQL, in bulk: accounts, profiles, memberships, schedules, types, openings, appointments.
    await sql`
      with org as (select id from organisations limit 1),
      made as (
        insert into accounts (email, given_name, family_name)
        select 'bench.' || i || '@bench.parcours.fr', 'Praticien', 'Bench ' || i from generate_series(1, ${PRACTITIONERS}) i
        returning id, email),
      pro as (insert into practitioners (account_id, profession, specialty, sector) select id, 'doctor', 'general-practice', 1 from made),
      mem as (insert into memberships (account_id, organisation_id, role) select made.id, org.id, 'practitioner' from made, org)
      insert into schedules (practitioner_account_id, organisation_id, time_zone, territory)
      select made.id, org.id, 'Europe/Paris', array[
        (${sql.val(TERRITORIES)}::text[])[1 + (hashtext(made.email)::bigint % 10 + 10) % 10],
        (${sql.val(TERRITORIES)}::text[])[1 + (hashtext(made.email || 'b')::bigint % 10 + 10) % 10]]
      from made, org`.execute(db);
    await sql`
      insert into consultation_types (schedule_id, modality, specialty, duration_minutes, buffer_minutes, minimum_notice_minutes, horizon_days)
      select s.id, 'video', (${sql.val(SPECIALTIES)}::text[])[1 + (hashtext(s.id::text)::bigint % 10 + 10) % 10], 20, 0, 0, 120
      from schedules s join accounts a on a.id = s.practitioner_account_id where a.email like 'bench.%'`.execute(db);
    await sql`
      insert into weekly_openings (schedule_id, weekday, starts, ends, modalities)
      select s.id, d, o.starts, o.ends, array['video']
      from schedules s join accounts a on a.id = s.practitioner_account_id,
        generate_series(1, 5) d, (values (time '09:00', time '12:00'), (time '14:00', time '18:00')) o(starts, ends)
      where a.email like 'bench.%'`.execute(db);
    const patient = await sql<{ id: string; account_id: string }>`
      select p.id, p.account_id from patients p join accounts a on a.id = p.account_id where a.email = 'camille.petit@demo.parcours.fr'`.execute(
      db,
    );
    const { id: patientId, account_id: accountId } = patient.rows[0]!;
    await sql`
      insert into appointments (patient_id, practitioner_account_id, organisation_id, schedule_id, consultation_type_id, modality,
        starts_at, ends_at, blocked_until, time_zone, booked_by_account_id, booked_as)
      select ${patientId}, s.practitioner_account_id, s.organisation_id, s.id, t.id, 'video', at, at + interval '20 minutes',
        at + interval '20 minutes', 'Europe/Paris', ${accountId}, 'patient'
      from schedules s join consultation_types t on t.schedule_id = s.id join accounts a on a.id = s.practitioner_account_id,
        generate_series(${start}::date, ${start}::date + ${DAYS}::int, interval '1 day') day,
        generate_series(0, 20) n,
        lateral (select ((day::date + case when n < 9 then time '09:00' + n * interval '20 minutes'
                                           else time '14:00' + (n - 9) * interval '20 minutes' end)
                         at time zone 'Europe/Paris') as at) slot
      where a.email like 'bench.%' and extract(isodow from day) between 1 and 5
        and (hashtext(s.id::text || n || day::text)::bigint % 2 + 2) % 2 = 0`.execute(db);
    // As autovacuum leaves a table in service: statistics, and the visibility map that lets an
    // index answer alone (a bulk insert just now has neither yet).
    await sql`vacuum analyze`.execute(db);
    const appointments = Number((await sql<{ n: number }>`select count(*)::int as n from appointments`.execute(db)).rows[0]!.n);

    const camille = new ApiClient(server.url);
    await camille.login('camille.petit@demo.parcours.fr', 'parcours-demo-2026');
    const query = (i: number) => {
      const day = new Date(Date.parse(start) + (i % (DAYS - 14)) * 86_400_000).toISOString().slice(0, 10);
      return `/api/v1/slots?specialty=${SPECIALTIES[i % 10]}&territory=${TERRITORIES[(i * 7) % 10]}&modality=video&from=${day}&days=14`;
    };
    // The same client's cheapest signed-in request, for scale: what the machine gives any request now.
    const baseline: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      await camille.get('/api/v1/reminder-contact');
      baseline.push(performance.now() - t);
    }
    let found = 0;
    let practitioners = 0;
    for (let i = 0; i < 50; i++) await camille.get(query(i));
    const latencies: number[] = [];
    for (let i = 0; i < SEARCHES; i++) {
      const t = performance.now();
      const reply = await camille.get<{ offers: unknown[]; slots: unknown[] }>(query(i));
      latencies.push(performance.now() - t);
      if (reply.status !== 200) throw new Error(`search answered ${reply.status}`);
      found += reply.body.slots.length;
      practitioners += reply.body.offers.length;
    }
    return {
      p50Ms: round(percentile(latencies, 0.5)),
      p99Ms: round(percentile(latencies, 0.99)),
      baselineP50Ms: round(percentile(baseline, 0.5)),
      searches: SEARCHES,
      practitioners: PRACTITIONERS,
      appointments,
      slotsPerSearch: Math.round(found / SEARCHES),
      practitionersPerSearch: Math.round(practitioners / SEARCHES),
    };
  } finally {
    await server.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

if (!(await postgresReachable())) {
  process.stdout.write(JSON.stringify({ bench: 'slots', skipped: 'no PostgreSQL' }) + '\n');
} else {
  const figures = await onScratchPostgres('slots', measure);
  process.stdout.write(JSON.stringify({ bench: 'slots', ...figures }) + '\n');
}
