import type { Reading } from '@parcours/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo.js';
import { randomToken, tokenHash } from '../../platform/auth/secrets.js';
import { serviceDeps } from '../../platform/context.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import { startTestServer } from '../../platform/testing/server.js';
import type { RunningServer } from '../../server.js';
import { everyTable } from '../testing.js';
import { createReadingGroupCommit } from './group-commit.js';

const HOUR = 3_600_000;

/** A reading as the route hands it over, once parsed. */
const parsed = (identifier: string): Reading => ({
  identifier,
  kind: 'bodyWeight',
  value: 78,
  unit: 'kg',
  effective: new Date(Date.now() - HOUR).toISOString(),
  at: Date.now() - HOUR,
});

/** A body weight Observation as a connected scale sends it. */
const weight = (id: string, kg: number, at = Date.now() - HOUR) => ({
  resourceType: 'Observation',
  identifier: [{ system: 'urn:test:group-commit', value: id }],
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
  effectiveDateTime: new Date(at).toISOString(),
  valueQuantity: { value: kg, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
});

interface Monitored {
  patientId: string;
  deviceId: string;
  token: string;
}

describeEachDatabase('telemonitoring: single readings committed together', (database) => {
  let server: RunningServer;
  const db = () => everyTable(database().db);
  const patients: Monitored[] = [];

  const post = async (token: string, body: unknown) => {
    const res = await fetch(`${server.url}/api/v1/telemonitoring/fhir/Observation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { type?: string } };
  };
  const readingsOf = async (patientId: string) =>
    (await db().selectFrom('telemonitoring_readings').select('identifier').where('patient_id', '=', patientId).execute()).map(
      (r) => r.identifier,
    );

  beforeAll(async () => {
    await seedDemo(database().db);
    server = await startTestServer(database());
    const doctor = await db()
      .selectFrom('accounts')
      .select('id')
      .where('email', '=', 'dr.martin@demo.parcours.fr')
      .executeTakeFirstOrThrow();
    const organisation = await db()
      .selectFrom('memberships')
      .select('organisation_id')
      .where('account_id', '=', doctor.id)
      .where('role', '=', 'practitioner')
      .executeTakeFirstOrThrow();
    // Four patients in heart failure, each with a scale of their own.
    for (let i = 0; i < 4; i++) {
      const { rows } = await sql<{ patient_id: string; device_id: string }>`
        with patient as (
          insert into patients (account_id, birth_name, first_names, sex, birth_date)
          values (null, ${`LOT${i}`}, 'Essai', 'F', '1950-01-01') returning id
        ), enrolment as (
          insert into telemonitoring_enrolments (patient_id, organisation_id, programme, prescriber_account_id, operator_account_id, starts_at, ends_at)
          select id, ${organisation.organisation_id}, 'heart-failure', ${doctor.id}, ${doctor.id}, now() - interval '30 days', now() + interval '300 days'
          from patient returning id, patient_id
        ), device as (
          insert into telemonitoring_devices (enrolment_id, patient_id, label, token_hash, created_by_account_id)
          select id, patient_id, 'Balance', ${tokenHash((patients[i] = { token: randomToken() } as Monitored).token)}, ${doctor.id}
          from enrolment returning id, patient_id
        )
        select patient_id, id as device_id from device`.execute(database().db);
      Object.assign(patients[i]!, { patientId: rows[0]!.patient_id, deviceId: rows[0]!.device_id });
    }
  }, 120_000);
  afterAll(async () => {
    await server.app.close();
  });

  it('answers each of 40 concurrent readings on its own: stored, refused as impossible, refused as not enrolled', async () => {
    const [a, b, c, ended] = patients as [Monitored, Monitored, Monitored, Monitored];
    await db().updateTable('telemonitoring_enrolments').set({ ended_at: new Date() }).where('patient_id', '=', ended.patientId).execute();
    const sent = [
      ...Array.from({ length: 36 }, (_, i) => ({ to: [a, b, c][i % 3]!, body: weight(`mixed-${i}`, 78 + (i % 5) / 10) })),
      { to: a, body: weight('mixed-impossible', 7_800) },
      ...Array.from({ length: 3 }, (_, i) => ({ to: ended, body: weight(`mixed-ended-${i}`, 78) })),
    ];
    const answers = await Promise.all(sent.map(({ to, body }) => post(to.token, body)));
    expect(answers.slice(0, 36).map((r) => r.status)).toEqual(Array(36).fill(201));
    expect(answers[36]!.status).toBe(400);
    expect(answers.slice(37).map((r) => [r.status, r.body.type])).toEqual(
      Array(3).fill([409, 'urn:parcours:problem:telemonitoring-not-enrolled']),
    );
    for (const [index, patient] of [a, b, c].entries())
      expect((await readingsOf(patient.patientId)).filter((id) => id.includes('mixed-')).sort()).toEqual(
        Array.from({ length: 12 }, (_, i) => `urn:test:group-commit|mixed-${i * 3 + index}`).sort(),
      );
    expect(await readingsOf(ended.patientId)).toEqual([]);
  });

  it('stores a reading once when 30 retries of it race with other patients’ readings', async () => {
    const [a, b, c] = patients as [Monitored, Monitored, Monitored];
    const answers = await Promise.all([
      ...Array.from({ length: 30 }, () => post(a.token, weight('raced', 78.4))),
      ...Array.from({ length: 30 }, (_, i) => post([b, c][i % 2]!.token, weight(`beside-${i}`, 78))),
    ]);
    expect(answers.slice(0, 30).filter((r) => r.status === 201)).toHaveLength(1);
    expect(answers.slice(0, 30).filter((r) => r.status === 200)).toHaveLength(29);
    expect(answers.slice(30).map((r) => r.status)).toEqual(Array(30).fill(201));
    expect((await readingsOf(a.patientId)).filter((id) => id.endsWith('|raced'))).toHaveLength(1);
  });

  describe('the group commit itself', () => {
    it('takes the sendings that wait into one transaction, one audit entry each', async () => {
      const [a, b] = patients as [Monitored, Monitored];
      const group = createReadingGroupCommit(serviceDeps(server.ctx), { lanes: 1 });
      const stored = await Promise.all(
        Array.from({ length: 10 }, (_, i) => {
          const { patientId, deviceId } = [a, b][i % 2]!;
          return group.ingest({
            device: { id: deviceId, patient_id: patientId },
            readings: [parsed(`together-${i}`)],
            address: '127.0.0.1',
          });
        }),
      );
      expect(stored.map((s) => [...s.created])).toEqual(Array.from({ length: 10 }, (_, i) => [`together-${i}`]));
      const entries = await db()
        .selectFrom('audit_log')
        .select(['chain', 'seq', 'at', 'resource_id'])
        .where('action', '=', 'telemonitoring.ingest')
        .where('resource_id', 'in', [a.deviceId, b.deviceId])
        .orderBy('at', 'desc')
        .orderBy('seq', 'desc')
        .limit(10)
        .execute();
      // One transaction: one chain, numbers that follow one another, one time (the lock's).
      expect(entries).toHaveLength(10);
      expect(new Set(entries.map((e) => e.chain)).size).toBe(1);
      expect(new Set(entries.map((e) => e.at.getTime())).size).toBe(1);
      const seqs = entries.map((e) => Number(e.seq)).sort((x, y) => x - y);
      expect(seqs.at(-1)! - seqs[0]!).toBe(9);
    });

    it('fails a sending the database refuses alone: the others of its batch are stored', async () => {
      const [a, b] = patients as [Monitored, Monitored];
      const group = createReadingGroupCommit(serviceDeps(server.ctx), { lanes: 1 });
      const send = (device: { id: string; patient_id: string }, identifier: string) =>
        group.ingest({ device, readings: [parsed(identifier)], address: '127.0.0.1' });
      // A credential that does not exist: its reading's reference to it breaks the batch's statement.
      const ghost = { id: '00000000-0000-4000-8000-000000000000', patient_id: b.patientId };
      const outcomes = await Promise.allSettled([
        send({ id: a.deviceId, patient_id: a.patientId }, 'alone-1'),
        send(ghost, 'alone-ghost'),
        send({ id: b.deviceId, patient_id: b.patientId }, 'alone-2'),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await readingsOf(a.patientId)).toContain('alone-1');
      expect(await readingsOf(b.patientId)).toContain('alone-2');
      expect(await readingsOf(b.patientId)).not.toContain('alone-ghost');
    });
  });
});
