import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../demo.js';
import { ApiClient } from '../../platform/testing/client.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import { startTestServer } from '../../platform/testing/server.js';
import type { RunningServer } from '../../server.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../accounts/index.js';
import { everyTable } from '../testing.js';

interface Billing {
  request: { patient: { age: number; coverage: string[] } };
  decision: { billable: boolean; reimbursable: boolean; code: string | null; fee: number | null; tiersPayant: string; reasons: string[] };
  share: { charged: number | null; amo: number; supplementary: number; outOfPocket: number | null; advance: number | null };
  insuranceStated: boolean;
}
interface Problem {
  type: string;
  errors?: { field: string; message: string }[];
}

const gpVideo = { date: '2026-11-23', treatingDoctor: 'referred', practitioner: { profession: 'doctor' } };

describeEachDatabase('billing: the patient’s estimate before booking, the practitioner’s decision after the act', (database) => {
  let server: RunningServer;
  let camille: ApiClient;
  let martin: ApiClient;
  let benali: ApiClient;
  let camilleId: string;
  let leoId: string;
  let jeanId: string;
  const auditCount = async (action: string) =>
    Number(
      (
        await database()
          .db.selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('action', '=', action)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    const db = everyTable(database().db);
    await seedDemo(database().db);
    server = await startTestServer(database());
    const idOf = async (firstNames: string) =>
      (await db.selectFrom('patients').select('id').where('first_names', '=', firstNames).executeTakeFirstOrThrow()).id;
    [camilleId, leoId, jeanId] = await Promise.all([idOf('Camille'), idOf('Léo'), idOf('Jean')]);
    camille = new ApiClient(server.url);
    martin = new ApiClient(server.url);
    benali = new ApiClient(server.url);
    await camille.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD);
    await martin.login('dr.martin@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET);
    await benali.login('dr.benali@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET);
  });
  afterAll(async () => {
    await server.app.close();
  });

  it('the patient states her insurance; her doctor reads it but may not rewrite it', async () => {
    expect((await camille.get(`/api/v1/patients/${camilleId}/insurance`)).body).toEqual({ treatingDoctor: null, ald: false, cover: null });
    const situation = { treatingDoctor: 'declared', ald: false, cover: 'private' };
    expect((await camille.put(`/api/v1/patients/${camilleId}/insurance`, situation)).status).toBe(204);
    expect((await martin.get(`/api/v1/patients/${camilleId}/insurance`)).body).toEqual(situation);
    expect((await martin.put(`/api/v1/patients/${camilleId}/insurance`, { ...situation, cover: 'none' })).status).toBe(403);
    expect((await camille.get(`/api/v1/patients/${camilleId}/insurance`)).body).toEqual(situation);
    const bad = await camille.put<Problem>(`/api/v1/patients/${camilleId}/insurance`, { treatingDoctor: 'maybe', ald: 'no', cover: null });
    expect(bad.status).toBe(400);
    expect(bad.body.errors!.map((e) => e.field).sort()).toEqual(['ald', 'treatingDoctor']);
  });

  it('estimates a referred video teleconsultation: reimbursed, 25 € advanced, 2 € left to pay with a mutuelle', async () => {
    const before = await auditCount('billing.estimate');
    const estimate = await camille.post<Billing>(`/api/v1/patients/${camilleId}/teleconsultation-estimate`, gpVideo);
    expect(estimate.status).toBe(200);
    expect(estimate.body.request.patient.age).toBe(38);
    expect(estimate.body.decision).toMatchObject({ reimbursable: true, code: 'TCG', fee: 25, tiersPayant: 'optional' });
    expect(estimate.body.decision.reasons).toContain('referred-by-treating-doctor');
    expect(estimate.body.share).toMatchObject({ charged: 25, amo: 15.5, supplementary: 7.5, outOfPocket: 2, advance: 25 });
    expect(estimate.body.insuranceStated).toBe(true);
    expect(await auditCount('billing.estimate')).toBe(before + 1);
  });

  it('says why a doctor seen without referral is not reimbursed, and what that costs', async () => {
    const estimate = await camille.post<Billing>(`/api/v1/patients/${camilleId}/teleconsultation-estimate`, {
      ...gpVideo,
      treatingDoctor: 'available',
    });
    expect(estimate.body.decision.reimbursable).toBe(false);
    expect(estimate.body.decision.reasons).toContain('pathway-not-respected');
    expect(estimate.body.share).toMatchObject({ amo: 0, outOfPocket: 25, advance: 25 });
  });

  it('a parent estimates for her child: the age on the day, no participation forfaitaire', async () => {
    const estimate = await camille.post<Billing>(`/api/v1/patients/${leoId}/teleconsultation-estimate`, {
      ...gpVideo,
      treatingDoctor: 'available',
    });
    expect(estimate.body.request.patient.age).toBe(9);
    expect(estimate.body.decision.reasons).toEqual(expect.arrayContaining(['under-16', 'pf-exempt-minor']));
    // Léo's cover is not stated: the share assumes none, and says so.
    expect(estimate.body.insuranceStated).toBe(false);
    expect(estimate.body.share).toMatchObject({ supplementary: 0, outOfPocket: 7.5 });
  });

  it('refuses bad answers naming each field, in the user’s language, and records nothing', async () => {
    const before = await auditCount('billing.estimate');
    const bad = await camille.request<Problem>('POST', `/api/v1/patients/${camilleId}/teleconsultation-estimate`, {
      date: '2026-02-30',
      treatingDoctor: 'perhaps',
      practitioner: { profession: 'nurse', sector: 3 },
      colour: 'blue',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors!.map((e) => e.field).sort()).toEqual(
      ['colour', 'date', 'practitioner.profession', 'practitioner.sector', 'treatingDoctor'].sort(),
    );
    const english = Object.assign(new ApiClient(server.url, 'en'), { cookie: camille.cookie, csrfToken: camille.csrfToken });
    const beforeBirth = await english.post<Problem>(`/api/v1/patients/${leoId}/teleconsultation-estimate`, {
      ...gpVideo,
      date: '2015-01-01',
    });
    expect(beforeBirth.status).toBe(400);
    expect(beforeBirth.body.errors).toEqual([
      { field: 'date', code: 'before-birth', message: 'The date of the act is before the patient’s birth.' },
    ]);
    expect(await auditCount('billing.estimate')).toBe(before);
  });

  it('keeps another family’s record out of reach', async () => {
    expect((await camille.post(`/api/v1/patients/${jeanId}/teleconsultation-estimate`, gpVideo)).status).toBe(404);
    expect((await camille.get(`/api/v1/patients/${jeanId}/insurance`)).status).toBe(404);
  });

  it('gives the treating doctor the billing decision at the end of the act, from her profile and the record', async () => {
    const before = await auditCount('billing.decide');
    const decision = await martin.post<Billing>(`/api/v1/patients/${camilleId}/teleconsultation-billing`, {
      date: '2026-11-23',
      time: '10:30',
      treatingDoctor: 'referred',
      isTreatingDoctor: true,
    });
    expect(decision.status).toBe(200);
    expect(decision.body.decision).toMatchObject({ billable: true, reimbursable: true, code: 'TCG', fee: 25, tiersPayant: 'optional' });
    expect(decision.body.decision.reasons).toContain('treating-doctor');
    expect(decision.body.share).toMatchObject({ charged: 25, advance: 25 });
    expect(await auditCount('billing.decide')).toBe(before + 1);
  });

  it('an act cut short is not billed; an ALD act is paid at 100 % with tiers payant', async () => {
    const cut = await martin.post<Billing>(`/api/v1/patients/${camilleId}/teleconsultation-billing`, {
      date: '2026-11-23',
      treatingDoctor: 'referred',
      completed: false,
    });
    expect(cut.body.decision).toMatchObject({ billable: false, code: null });
    expect(cut.body.decision.reasons).toContain('act-not-completed');

    const ald = await martin.post<Billing>(`/api/v1/patients/${jeanId}/teleconsultation-billing`, {
      date: '2026-11-23',
      treatingDoctor: 'referred',
      isTreatingDoctor: true,
      concernsAld: true,
    });
    expect(ald.body.request.patient.coverage).toEqual(['ald']);
    expect(ald.body.decision).toMatchObject({ reimbursable: true, tiersPayant: 'amo' });
    expect(ald.body.share).toMatchObject({ amo: 23, outOfPocket: 2, advance: 0 });
  });

  it('takes the psychiatrist’s specialty from his profile; he cannot bill for a patient not in his care', async () => {
    const jean = await benali.post<Billing>(`/api/v1/patients/${jeanId}/teleconsultation-billing`, {
      date: '2026-11-23',
      treatingDoctor: 'available',
    });
    expect(jean.body.decision.reasons).toContain('direct-access-specialty');
    expect(
      (await benali.post(`/api/v1/patients/${camilleId}/teleconsultation-billing`, { date: '2026-11-23', treatingDoctor: 'referred' }))
        .status,
    ).toBe(404);
  });

  it('refuses the billing decision to a patient and to a nurse, who do not bill teleconsultations', async () => {
    expect(
      (await camille.post(`/api/v1/patients/${camilleId}/teleconsultation-billing`, { date: '2026-11-23', treatingDoctor: 'referred' }))
        .status,
    ).toBe(403);
    const db = everyTable(database().db);
    const nurse = await db.selectFrom('accounts').select('id').where('email', '=', 'inf.durand@demo.parcours.fr').executeTakeFirstOrThrow();
    const organisation = await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow();
    await db
      .insertInto('care_relationships')
      .values({
        patient_id: camilleId,
        practitioner_account_id: nurse.id,
        organisation_id: organisation.id,
        kind: 'care-team',
        ends_at: null,
      })
      .execute();
    const durand = new ApiClient(server.url);
    await durand.login('inf.durand@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET);
    const refused = await durand.post<Problem>(`/api/v1/patients/${camilleId}/teleconsultation-billing`, {
      date: '2026-11-23',
      treatingDoctor: 'referred',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe('urn:parcours:problem:not-a-teleconsulting-profession');
  });

  it('lists a professional’s patients, each listing audited', async () => {
    const before = await auditCount('patient.list');
    const mine = await martin.get<{ firstNames: string }[]>('/api/v1/care/patients');
    expect(mine.body.map((p) => p.firstNames)).toEqual(['Jean', 'Camille']);
    expect((await benali.get<{ firstNames: string }[]>('/api/v1/care/patients')).body.map((p) => p.firstNames)).toEqual(['Jean']);
    expect(await auditCount('patient.list')).toBe(before + 3);
    // By part of a name, any case; `%` is a character, not a wildcard; at most `limit`.
    expect((await martin.get<{ firstNames: string }[]>('/api/v1/care/patients?q=moR')).body.map((p) => p.firstNames)).toEqual(['Jean']);
    expect((await martin.get<unknown[]>('/api/v1/care/patients?q=%25')).body).toEqual([]);
    expect((await martin.get<unknown[]>('/api/v1/care/patients?limit=1')).body).toHaveLength(1);
    const bad = await martin.get<Problem>('/api/v1/care/patients?limit=0&colour=blue');
    expect(bad.status).toBe(400);
  });
});
