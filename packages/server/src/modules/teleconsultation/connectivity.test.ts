import { afterAll, beforeAll, expect, it } from 'vitest';
import { LiveTestClient } from '../../platform/realtime/testing.js';
import { ApiClient } from '../../platform/testing/client.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import type { RunningServer } from '../../server.js';
import { everyTable, startSignedInDemo, videoAppointmentSoon } from '../testing.js';

describeEachDatabase('teleconsultation: the connectivity check before admitting, and the call in audio alone', (database) => {
  let server: RunningServer;
  let camille: ApiClient, jean: ApiClient, martin: ApiClient, benali: ApiClient;
  const visit = (id: string) => `/api/v1/appointments/${id}/teleconsultation`;

  beforeAll(async () => {
    ({ server, camille, jean, martin, benali } = await startSignedInDemo(database()));
  });
  afterAll(() => server?.stop());

  it('stores the patient’s check for the practitioner alone, says live that it came, and refuses bad input naming the field', async () => {
    const { appointmentId, practitionerId } = await videoAppointmentSoon(database().db, {
      patient: 'camille.petit@demo.parcours.fr',
      practitioner: 'dr.martin@demo.parcours.fr',
      startsInMinutes: 10,
    });
    const room = await LiveTestClient.connect(server.url, { cookie: martin.cookie });
    await room.subscribe(`waiting-room:${practitionerId}`);
    expect((await martin.get(`${visit(appointmentId)}/connectivity`)).body).toEqual({ check: null });

    const relayed = await camille.put(`${visit(appointmentId)}/connectivity`, { direct: false, turnUdp: false, turnTls: true });
    expect(relayed.status).toBe(200);
    expect(relayed.body).toMatchObject({ reachable: 'relay', direct: false, turnUdp: false, turnTls: true });
    await room.next(
      'event',
      (e) => e.event === 'connectivity.checked' && (e.data as { appointmentId: string }).appointmentId === appointmentId,
    );
    const read = await martin.get<{ check: { reachable: string; checkedAt: string } }>(`${visit(appointmentId)}/connectivity`);
    expect(read.body.check).toMatchObject({ reachable: 'relay', turnTls: true });
    // A later check replaces it.
    await camille.put(`${visit(appointmentId)}/connectivity`, { direct: false, turnUdp: null, turnTls: false });
    expect((await martin.get<{ check: { reachable: string } }>(`${visit(appointmentId)}/connectivity`)).body.check.reachable).toBe('none');
    await camille.put(`${visit(appointmentId)}/connectivity`, { direct: true, turnUdp: null, turnTls: null });
    expect((await martin.get<{ check: { reachable: string } }>(`${visit(appointmentId)}/connectivity`)).body.check.reachable).toBe(
      'direct',
    );

    // Only the patient's side writes; only the practitioner reads; a stranger learns nothing.
    expect((await martin.put(`${visit(appointmentId)}/connectivity`, { direct: true, turnUdp: null, turnTls: null })).status).toBe(403);
    expect((await camille.get(`${visit(appointmentId)}/connectivity`)).status).toBe(404);
    expect((await jean.put(`${visit(appointmentId)}/connectivity`, { direct: true, turnUdp: null, turnTls: null })).status).toBe(404);
    expect((await benali.get(`${visit(appointmentId)}/connectivity`)).status).toBe(404);

    for (const [body, field] of [
      [{ direct: 'yes', turnUdp: null, turnTls: null }, 'direct'],
      [{ direct: true, turnUdp: null }, 'turnTls'],
      [{ direct: true, turnUdp: null, turnTls: null, reachable: 'direct' }, 'reachable'],
    ] as const) {
      const refused = await camille.put(`${visit(appointmentId)}/connectivity`, body);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(refused.body)).toContain(field);
    }
    expect((await martin.get<{ check: { reachable: string } }>(`${visit(appointmentId)}/connectivity`)).body.check.reachable).toBe(
      'direct',
    );
    room.close();
  });

  it('gives any signed-in person ICE servers to test with, and no one else', async () => {
    const servers = await camille.get<{ iceServers: unknown[] }>('/api/v1/teleconsultation/ice-servers');
    expect(servers.status).toBe(200);
    expect(Array.isArray(servers.body.iceServers)).toBe(true);
    expect((await new ApiClient(server.url).get('/api/v1/teleconsultation/ice-servers')).status).toBe(401);
  });

  it('records the first switch to audio alone on the admitted visit, for either side, and only then', async () => {
    const { appointmentId, patientId } = await videoAppointmentSoon(database().db, {
      patient: 'jean.moreau@demo.parcours.fr',
      practitioner: 'dr.martin@demo.parcours.fr',
      startsInMinutes: -5,
    });
    expect((await jean.post(`${visit(appointmentId)}/audio-only`, { reason: 'chosen' })).status).toBe(409);
    expect((await jean.post(`${visit(appointmentId)}/check-in`)).status).toBe(200);
    expect((await jean.post(`${visit(appointmentId)}/audio-only`, { reason: 'chosen' })).body).toMatchObject({
      type: 'urn:parcours:problem:not-admitted',
    });
    expect((await martin.post(`${visit(appointmentId)}/admit`)).status).toBe(200);
    const bad = await jean.post(`${visit(appointmentId)}/audio-only`, { reason: 'bored' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('reason');
    expect((await camille.post(`${visit(appointmentId)}/audio-only`, { reason: 'chosen' })).status).toBe(404);

    const first = await jean.post<{ audioOnly: { at: string; reason: string } }>(`${visit(appointmentId)}/audio-only`, {
      reason: 'camera-failed',
    });
    expect(first.status).toBe(200);
    expect(first.body.audioOnly).toMatchObject({ reason: 'camera-failed' });
    const again = await martin.post<{ audioOnly: { at: string; reason: string } }>(`${visit(appointmentId)}/audio-only`, {
      reason: 'poor-quality',
    });
    expect(again.body.audioOnly).toEqual(first.body.audioOnly);
    expect((await martin.get<{ audioOnly: unknown }>(visit(appointmentId))).body.audioOnly).toEqual(first.body.audioOnly);

    const actions = await everyTable(database().db)
      .selectFrom('audit_log')
      .select('action')
      .where('patient_id', '=', patientId)
      .where('action', 'in', ['teleconsultation.audio-only', 'teleconsultation.connectivity', 'teleconsultation.connectivity-read'])
      .execute();
    expect(actions.filter((a) => a.action === 'teleconsultation.audio-only').length).toBeGreaterThanOrEqual(2);
  });
});
