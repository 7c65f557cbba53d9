import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../demo.js';
import { ApiClient } from '../../platform/testing/client.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import { startTestServer } from '../../platform/testing/server.js';
import type { RunningServer } from '../../server.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../accounts/index.js';
import { everyTable, videoAppointmentSoon } from '../testing.js';
import { changeVisit, visitById } from './store.js';

const MARTIN = 'dr.martin@demo.parcours.fr';
const CAMILLE = 'camille.petit@demo.parcours.fr';

describeEachDatabase('the ended act’s billing: at once, and by a job queued with the end should that fail', (database) => {
  let server: RunningServer;
  let camille: ApiClient, martin: ApiClient;
  const db = () => everyTable(database().db);
  const billingJobs = async (appointmentId: string) =>
    (
      await sql<{ state: string; delay_s: number }>`
        select state, extract(epoch from start_after - created_on)::float as delay_s from pgboss.job
        where name = 'teleconsultation.bill-act' and data->>'appointmentId' = ${appointmentId}`.execute(database().db)
    ).rows;
  const billingRecord = (appointmentId: string) =>
    db().selectFrom('billing_records').selectAll().where('appointment_id', '=', appointmentId).executeTakeFirst();

  /** A video act of Camille's with Dr Martin, admitted: the call is on. */
  async function admittedAct(): Promise<string> {
    const { appointmentId } = await videoAppointmentSoon(database().db, { patient: CAMILLE, practitioner: MARTIN, startsInMinutes: -5 });
    const visit = `/api/v1/appointments/${appointmentId}/teleconsultation`;
    expect((await camille.post(`${visit}/check-in`)).status).toBe(200);
    expect((await martin.post(`${visit}/admit`)).status).toBe(200);
    return appointmentId;
  }

  beforeAll(async () => {
    await seedDemo(database().db);
    server = await startTestServer(database());
    [camille, martin] = [new ApiClient(server.url), new ApiClient(server.url)];
    expect((await camille.login(CAMILLE, DEMO_PASSWORD)).status).toBe(200);
    expect((await martin.login(MARTIN, DEMO_PASSWORD, DEMO_TOTP_SECRET)).status).toBe(204);
  });
  afterAll(async () => {
    await server?.app.close();
  });

  it('ends the act with its record made at once, and a job queued in the same transaction for a minute later', async () => {
    const appointmentId = await admittedAct();
    expect((await martin.post(`/api/v1/appointments/${appointmentId}/teleconsultation/end`, { outcome: 'completed' })).status).toBe(200);
    expect(await billingRecord(appointmentId)).toMatchObject({ outcome: 'completed', code: 'TCG' });
    const jobs = await billingJobs(appointmentId);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.delay_s).toBeGreaterThanOrEqual(59);
    // An end refused (the act already ended) queues nothing more.
    expect((await martin.post(`/api/v1/appointments/${appointmentId}/teleconsultation/end`, { outcome: 'completed' })).status).toBe(409);
    expect(await billingJobs(appointmentId)).toHaveLength(1);
  });

  it('makes the record of an act whose end committed without it (the node stopped in between), audited as Parcours’s own', async () => {
    const appointmentId = await admittedAct();
    // What a stop between the end's commit and its billing leaves: the visit ended, no record.
    const visit = (await visitById(database().db, appointmentId))!;
    await changeVisit(database().db, appointmentId, visit.version, { state: 'ended', outcome: 'completed', ended_at: new Date() });
    expect(await billingRecord(appointmentId)).toBeUndefined();

    await server.ctx.jobs.send('teleconsultation.bill-act', { appointmentId });
    const deadline = Date.now() + 15_000;
    while (!(await billingRecord(appointmentId)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await billingRecord(appointmentId)).toMatchObject({ outcome: 'completed', code: 'TCG' });
    const entry = await db()
      .selectFrom('audit_log')
      .select(['actor_account_id', 'actor_role'])
      .where('action', '=', 'billing.record')
      .where('resource_id', '=', appointmentId)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ actor_account_id: null, actor_role: 'system' });
    // The practitioner and the patient see it as any other.
    expect((await martin.get(`/api/v1/appointments/${appointmentId}/billing-record`)).status).toBe(200);
    expect((await camille.get(`/api/v1/appointments/${appointmentId}/billing-record`)).status).toBe(200);
  });

  it('does nothing for an act that has not ended', async () => {
    const appointmentId = await admittedAct();
    const id = await server.ctx.jobs.send('teleconsultation.bill-act', { appointmentId });
    const deadline = Date.now() + 15_000;
    const state = async () =>
      (await sql<{ state: string }>`select state from pgboss.job where id = ${id}`.execute(database().db)).rows[0]?.state;
    while ((await state()) !== 'completed' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await state()).toBe('completed');
    expect(await billingRecord(appointmentId)).toBeUndefined();
  });
});
