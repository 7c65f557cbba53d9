import { afterAll, beforeAll, expect, it } from 'vitest';
import { LiveTestClient } from '../../platform/realtime/testing.js';
import type { ApiClient } from '../../platform/testing/client.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import type { RunningServer } from '../../server.js';
import { everyTable, startSignedInDemo, videoAppointmentSoon } from '../testing.js';

interface VisitReply {
  state: string;
  role: string;
  estimatedWaitMinutes: number | null;
  postponedUntil: string | null;
  notice: string | null;
  outcome: string | null;
}
interface WaitingReply {
  patients: { appointmentId: string; patient: { name: string }; state: string; triage: { severity: string; flags: string[] } | null }[];
}

describeEachDatabase('teleconsultation: the waiting room, consent, the room token, the end of the act', (database) => {
  let server: RunningServer;
  let camille: ApiClient, jean: ApiClient, martin: ApiClient, benali: ApiClient;
  const visit = (id: string) => `/api/v1/appointments/${id}/teleconsultation`;

  beforeAll(async () => {
    ({ server, camille, jean, martin, benali } = await startSignedInDemo(database()));
  });
  afterAll(() => server?.stop());

  it('opens the waiting room 15 minutes before the slot, to the patient alone, and only for a video appointment', async () => {
    const later = await videoAppointmentSoon(database().db, {
      patient: 'camille.petit@demo.parcours.fr',
      practitioner: 'dr.martin@demo.parcours.fr',
      startsInMinutes: 200,
    });
    const early = await camille.post(`${visit(later.appointmentId)}/check-in`);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ type: 'urn:parcours:problem:check-in-not-open', opensAt: expect.any(String) });
    expect((await camille.get<VisitReply>(visit(later.appointmentId))).body).toMatchObject({ state: 'not-checked-in', role: 'patient' });

    const soon = await videoAppointmentSoon(database().db, {
      patient: 'camille.petit@demo.parcours.fr',
      practitioner: 'dr.martin@demo.parcours.fr',
      startsInMinutes: 100,
    });
    await everyTable(database().db).updateTable('appointments').set({ modality: 'phone' }).where('id', '=', soon.appointmentId).execute();
    expect((await camille.post(`${visit(soon.appointmentId)}/check-in`)).status).toBe(409);

    // Someone else's appointment: nothing to learn, nothing to do.
    expect((await jean.get(visit(later.appointmentId))).status).toBe(404);
    expect((await jean.post(`${visit(later.appointmentId)}/check-in`)).status).toBe(404);
    expect((await benali.post(`${visit(later.appointmentId)}/admit`)).status).toBe(404);
  });

  it('lists the patient who checked in, with the questionnaire’s severity and flags, and carries admit, postpone and cancel to the patient live', async () => {
    const { appointmentId, patientId, practitionerId } = await videoAppointmentSoon(database().db, {
      patient: 'camille.petit@demo.parcours.fr',
      practitioner: 'dr.martin@demo.parcours.fr',
      startsInMinutes: 5,
    });
    // Camille's answers (a cough with fever, in the demo) belong to this appointment.
    const responses = await camille.get<{ id: string }[]>(`/api/v1/patients/${patientId}/triage/responses`);
    expect(
      (await camille.put(`/api/v1/patients/${patientId}/triage/responses/${responses.body[0]!.id}/appointment`, { appointmentId })).status,
    ).toBe(200);

    const page = await LiveTestClient.connect(server.url, { cookie: camille.cookie });
    expect(await page.subscribe(`patient-visits:${patientId}`)).toMatchObject({ type: 'subscribed' });
    const room = await LiveTestClient.connect(server.url, { cookie: martin.cookie });
    expect(await room.subscribe(`waiting-room:${practitionerId}`)).toMatchObject({ type: 'subscribed' });
    // Another patient cannot follow Camille's visits, nor another practitioner Dr Martin's waiting room.
    const intruder = await LiveTestClient.connect(server.url, { cookie: jean.cookie });
    expect(await intruder.subscribe(`patient-visits:${patientId}`)).toMatchObject({ type: 'error' });
    expect(await intruder.subscribe(`waiting-room:${practitionerId}`)).toMatchObject({ type: 'error' });

    const checkedIn = await camille.post<VisitReply>(`${visit(appointmentId)}/check-in`);
    expect(checkedIn.status).toBe(200);
    expect(checkedIn.body).toMatchObject({ state: 'waiting', role: 'patient' });
    expect(checkedIn.body.estimatedWaitMinutes).toBeGreaterThanOrEqual(4);
    expect((await camille.post<VisitReply>(`${visit(appointmentId)}/check-in`)).body.state).toBe('waiting');
    await room.next('event', (e) => (e.data as { appointmentId: string }).appointmentId === appointmentId);

    const waiting = await martin.get<WaitingReply>('/api/v1/teleconsultation/waiting-room');
    const listed = waiting.body.patients.find((p) => p.appointmentId === appointmentId);
    expect(listed).toMatchObject({ state: 'waiting', patient: { name: 'Camille PETIT' } });
    expect(listed!.triage).toMatchObject({ severity: expect.any(String), flags: expect.arrayContaining(['fever']) });
    expect((await benali.get<WaitingReply>('/api/v1/teleconsultation/waiting-room')).body.patients).toEqual([]);
    expect((await camille.get('/api/v1/teleconsultation/waiting-room')).status).toBe(403);

    // The patient cannot let themselves in; the practitioner postpones, then admits.
    expect((await camille.post(`${visit(appointmentId)}/admit`)).status).toBe(403);
    const postponed = await martin.post<VisitReply>(`${visit(appointmentId)}/postpone`, {
      minutes: 10,
      notice: 'Je termine une consultation',
    });
    expect(postponed.body).toMatchObject({ state: 'postponed', notice: 'Je termine une consultation' });
    const told = await page.next('event', (e) => (e.data as { state: string }).state === 'postponed');
    expect(told).toMatchObject({ event: 'visit.changed', data: { appointmentId, state: 'postponed' } });
    expect((await camille.get<VisitReply>(visit(appointmentId))).body.estimatedWaitMinutes).toBeGreaterThanOrEqual(9);

    expect((await martin.post<VisitReply>(`${visit(appointmentId)}/admit`)).body.state).toBe('admitted');
    await page.next('event', (e) => (e.data as { state: string }).state === 'admitted');
    expect((await martin.post(`${visit(appointmentId)}/admit`)).status).toBe(409);
    const appointment = await camille.get<{ status: string }>(`/api/v1/appointments/${appointmentId}`);
    expect(appointment.body.status).toBe('in-progress');
    expect(intruder.events(`patient-visits:${patientId}`)).toEqual([]);
    for (const client of [page, room, intruder]) client.close();
  });

  it('cancels from the waiting room: the patient’s page hears it, and the appointment is cancelled', async () => {
    const { appointmentId, patientId } = await videoAppointmentSoon(database().db, {
      patient: 'jean.moreau@demo.parcours.fr',
      practitioner: 'dr.martin@demo.parcours.fr',
      startsInMinutes: -30,
    });
    const page = await LiveTestClient.connect(server.url, { cookie: jean.cookie });
    await page.subscribe(`patient-visits:${patientId}`);
    expect((await martin.post(`${visit(appointmentId)}/cancel`, {})).status).toBe(409); // not checked in yet
    expect((await jean.post(`${visit(appointmentId)}/check-in`)).status).toBe(200);
    const cancelled = await martin.post<VisitReply>(`${visit(appointmentId)}/cancel`, { notice: 'Urgence au cabinet' });
    expect(cancelled.body).toMatchObject({ state: 'cancelled', notice: 'Urgence au cabinet' });
    await page.next('event', (e) => (e.data as { state: string }).state === 'cancelled');
    expect((await jean.get<{ status: string }>(`/api/v1/appointments/${appointmentId}`)).body.status).toBe('cancelled');
    expect((await jean.post(`${visit(appointmentId)}/check-in`)).status).toBe(409);
    page.close();
  });

  it('gives a room token only once admitted, to the patient once consent stands, bound to the account, with TURN credentials', async () => {
    const { appointmentId, patientId } = await videoAppointmentSoon(database().db, {
      patient: 'jean.moreau@demo.parcours.fr',
      practitioner: 'dr.martin@demo.parcours.fr',
      startsInMinutes: -5,
    });
    expect((await jean.post(`${visit(appointmentId)}/check-in`)).status).toBe(200);
    const notYet = await jean.post(`${visit(appointmentId)}/room-token`);
    expect(notYet.status).toBe(409);
    expect(notYet.body).toMatchObject({ type: 'urn:parcours:problem:not-admitted' });
    expect((await martin.post(`${visit(appointmentId)}/admit`)).status).toBe(200);

    const noConsent = await jean.post(`${visit(appointmentId)}/room-token`);
    expect(noConsent.body).toMatchObject({ type: 'urn:parcours:problem:consent-required', status: 409 });
    const information = await jean.get<{ version: string }>('/api/v1/consent-information/teleconsultation');
    expect(
      (await jean.post(`/api/v1/patients/${patientId}/consents`, { act: 'teleconsultation', informationVersion: information.body.version }))
        .status,
    ).toBe(201);
    const token = await jean.post<{ token: string; topic: string; subject: string; expiresAt: string; iceServers: unknown[] }>(
      `${visit(appointmentId)}/room-token`,
    );
    expect(token.status).toBe(200);
    expect(token.body.topic).toBe(`room:${appointmentId}`);
    expect(Date.parse(token.body.expiresAt) - Date.now()).toBeLessThanOrEqual(600_000);
    expect((await martin.post(`${visit(appointmentId)}/room-token`)).status).toBe(200);
    expect((await camille.post(`${visit(appointmentId)}/room-token`)).status).toBe(404);
    expect((await benali.post(`${visit(appointmentId)}/room-token`)).status).toBe(404);

    // The practitioner ends the act; the room closes to new tokens, and each side's quality is kept for the report.
    const quality = { samples: 30, rttMsMedian: 12.5, rttMsMax: 40, lossPercent: 0.2, bitrateKbpsMedian: 850, framesDecoded: 900 };
    expect((await jean.put(`${visit(appointmentId)}/quality`, quality)).status).toBe(204);
    const bad = await jean.put(`${visit(appointmentId)}/quality`, { ...quality, lossPercent: 140 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('lossPercent');
    const refused = await martin.post(`${visit(appointmentId)}/end`, { outcome: 'finished' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('outcome');
    const ended = await martin.post<VisitReply>(`${visit(appointmentId)}/end`, { outcome: 'reoriented', incidentNote: 'Son coupé 20 s' });
    expect(ended.body).toMatchObject({ state: 'ended', outcome: 'reoriented' });
    expect((await martin.put(`${visit(appointmentId)}/quality`, { ...quality, rttMsMedian: 20 })).status).toBe(204);
    const kept = await martin.get<{ side: string; rttMsMedian: number }[]>(`${visit(appointmentId)}/quality`);
    expect(kept.body.map((q) => [q.side, q.rttMsMedian])).toEqual([
      ['patient', 12.5],
      ['practitioner', 20],
    ]);
    expect((await jean.get(`${visit(appointmentId)}/quality`)).status).toBe(404);
    expect((await jean.post(`${visit(appointmentId)}/room-token`)).status).toBe(409);
    expect((await jean.get<{ status: string }>(`/api/v1/appointments/${appointmentId}`)).body.status).toBe('reoriented');
  });

  it('records every access to the visit in the audit trail', async () => {
    // A read is answered once its entry is durable; a change commits with its entry.
    const actions = await everyTable(database().db)
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'teleconsultation.%')
      .execute();
    expect(new Set(actions.map((a) => a.action))).toEqual(
      new Set([
        'teleconsultation.read',
        'teleconsultation.check-in',
        'teleconsultation.waiting-room',
        'teleconsultation.postpone',
        'teleconsultation.admit',
        'teleconsultation.cancel',
        'teleconsultation.join',
        'teleconsultation.quality',
        'teleconsultation.end',
        'teleconsultation.quality-read',
      ]),
    );
  });
});
