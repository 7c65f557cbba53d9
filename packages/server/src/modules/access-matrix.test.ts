import { ONCOLOGY_ANSWERS_WITHOUT_SYMPTOMS } from '@parcours/domain';
import { generate } from 'otplib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../demo.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { ApiClient } from '../platform/testing/client.js';
import { describeEachDatabase } from '../platform/testing/databases.js';
import { startTestServer } from '../platform/testing/server.js';
import type { RunningServer } from '../server.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from './accounts/index.js';
import { everyTable } from './testing.js';

/**
 * Routes anyone may call. A new public route must be added here on purpose, after checking it
 * neither reads nor writes anyone's data.
 */
const PUBLIC_ROUTES = [
  'POST /api/v1/auth/register',
  'POST /api/v1/auth/verify-email',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/password/forgot',
  'POST /api/v1/auth/password/reset',
  'POST /api/v1/auth/invitation/accept',
  'GET /api/v1/auth/oidc/start',
  'GET /api/v1/auth/oidc/callback',
  'GET /api/v1/consent-information/:act',
  'POST /api/v1/rules/evaluate',
  'POST /api/v1/triage/orient',
  // Authenticates on the socket itself (a browser reads a close code, not a refused upgrade's status).
  'GET /api/v1/live',
  // Telemonitoring devices: no session, their own credential (Authorization: Bearer), checked by the
  // service first; it writes its one patient's readings and reads nothing (telemonitoring.test.ts).
  'POST /api/v1/telemonitoring/fhir/Observation',
  'POST /api/v1/telemonitoring/fhir',
  'POST /api/v1/telemonitoring/ndjson',
  // Records: a document's number answers its status and date of issue, nothing else (records.test.ts).
  'GET /api/v1/verify/:number',
  // Billing: Stripe's notifications; only a valid Stripe-Signature over the exact body is read, and a paid
  // checkout session of ours is all it can change (billing/payments.test.ts); it answers no one's data.
  'POST /api/v1/billing/stripe/webhook',
  // Assisted teleconsultation: the invitation link's token (single use, hashed) says what it is for, and
  // opening it once gives a credential; the assistant's routes need that credential (Authorization:
  // Bearer), checked by the service first, for its one visit (teleconsultation/assist.test.ts).
  'POST /api/v1/teleconsultation/invitations/check',
  'POST /api/v1/teleconsultation/invitations/redeem',
  'GET /api/v1/teleconsultation/assist',
  'POST /api/v1/teleconsultation/assist/room-token',
  'POST /api/v1/teleconsultation/assist/measurements',
  'GET /api/v1/teleconsultation/assist/measurements',
  'POST /api/v1/teleconsultation/assist/files',
  'GET /api/v1/teleconsultation/assist/files',
  'GET /api/v1/teleconsultation/assist/files/:fileId',
];

/** A well-formed body for each route that takes one, so that only access decides the answer. */
const SAMPLE_BODIES: Record<string, unknown> = {
  'POST /api/v1/appointments/:appointmentId/report': {},
  'PUT /api/v1/records/reports/:reportId': { acts: 'Téléconsultation' },
  'POST /api/v1/records/reports/:reportId/sign': {},
  'POST /api/v1/records/reports/:reportId/addenda': { text: 'Ajout intrus.' },
  'POST /api/v1/records/reports/:reportId/prescriptions': { kind: 'lab', items: [{ description: 'NFS' }] },
  'POST /api/v1/records/reports/:reportId/prescriptions/:prescriptionId/withdraw': {},
  'POST /api/v1/records/reports/:reportId/sick-leaves': { startsOn: '2026-12-02', days: 2, motive: 'Grippe', outings: 'none' },
  'POST /api/v1/records/reports/:reportId/share': { recipientAccountIds: ['00000000-0000-4000-8000-000000000000'] },
  'PATCH /api/v1/me': { locale: 'en' },
  'POST /api/v1/me/dependants': { birthName: 'Test', firstNames: 'Tom', sex: 'M', birthDate: '2019-02-03' },
  'POST /api/v1/organisations/:organisationId/sites': { name: 'Site intrus' },
  'POST /api/v1/organisations/:organisationId/invitations': { email: 'intrus@example.org', givenName: 'I', familyName: 'N', role: 'admin' },
  'POST /api/v1/patients/:patientId/consents': { act: 'teleconsultation', informationVersion: '2026-01' },
  'POST /api/v1/patients/:patientId/consents/:consentId/withdraw': {},
  'PUT /api/v1/patients/:patientId/insurance': { treatingDoctor: 'declared', ald: false, cover: 'private' },
  'POST /api/v1/patients/:patientId/teleconsultation-estimate': {
    date: '2026-11-23',
    treatingDoctor: 'referred',
    practitioner: { profession: 'doctor' },
  },
  'POST /api/v1/patients/:patientId/teleconsultation-billing': { date: '2026-11-23', treatingDoctor: 'referred' },
  'POST /api/v1/appointments/:appointmentId/payments': { means: 'cheque', amount: 1 },
  'POST /api/v1/appointments/:appointmentId/checkout': {},
  'POST /api/v1/billing/stripe/webhook': {},
  'POST /api/v1/auth/logout': {},
  'POST /api/v1/auth/second-factor/enrolment': {},
  'POST /api/v1/auth/second-factor/enrolment/confirm': { code: '123456' },
  'POST /api/v1/auth/second-factor/verify': { code: '123456' },
  'POST /api/v1/me/invitations/:invitationId/accept': {},
  'POST /api/v1/me/invitations/:invitationId/decline': {},
  // Scheduling: the booking and the estimate name the victim's patient and a real slot (set below).
  'POST /api/v1/appointments': {},
  'POST /api/v1/patients/:patientId/appointment-estimate': {},
  'POST /api/v1/appointments/:appointmentId/cancel': {},
  'POST /api/v1/appointments/:appointmentId/reschedule': { startsAt: '2027-01-04T09:00:00+01:00' },
  'POST /api/v1/appointments/:appointmentId/status': { status: 'checked-in' },
  'PUT /api/v1/reminder-contact': { mobile: null },
  'POST /api/v1/schedules': {},
  'PUT /api/v1/schedules/:scheduleId': { siteId: null, timeZone: 'Europe/Paris', territory: [] },
  'PUT /api/v1/schedules/:scheduleId/weekly-openings': { openings: [] },
  'POST /api/v1/schedules/:scheduleId/exceptions': {
    kind: 'closed',
    startsAt: '2027-01-04T00:00:00+01:00',
    endsAt: '2027-01-05T00:00:00+01:00',
  },
  'DELETE /api/v1/schedules/:scheduleId/exceptions/:exceptionId': undefined,
  'POST /api/v1/schedules/:scheduleId/consultation-types': { modality: 'video', specialty: 'general-practice', durationMinutes: 20 },
  'PUT /api/v1/schedules/:scheduleId/consultation-types/:typeId': { modality: 'video', specialty: 'general-practice', durationMinutes: 20 },
  'DELETE /api/v1/schedules/:scheduleId/consultation-types/:typeId': undefined,
  // Triage: complete answers of nothing alarming; the victim's answers linked to the victim's appointment.
  'POST /api/v1/patients/:patientId/triage/responses': {
    runId: '6f1c1b1e-2a4b-4c39-9d7e-3b0f1f2a9c01',
    answers: {
      reason: 'follow-up',
      'chest-pain': false,
      'stroke-signs': false,
      'sudden-severe-headache': false,
      'loss-of-consciousness': false,
      confusion: false,
      breathing: 'normal',
      'severe-allergy': false,
      'heavy-bleeding': false,
      'suicidal-thoughts': false,
      'stiff-neck-or-rash': false,
      'abdominal-pain': 'none',
      'needs-examination': false,
      pregnant: false,
      'can-use-video': true,
      'needs-interpreter': false,
    },
  },
  'PUT /api/v1/patients/:patientId/triage/responses/:responseId/appointment': {},
  'POST /api/v1/triage/funnel-events': { runId: '6f1c1b1e-2a4b-4c39-9d7e-3b0f1f2a9c02', event: 'started' },
  'POST /api/v1/organisations/:organisationId/triage/questionnaire': { questionnaire: {}, orientation: {} },
  // Teleconsultation: the victim's appointment's waiting room and call.
  'POST /api/v1/appointments/:appointmentId/teleconsultation/check-in': {},
  'POST /api/v1/appointments/:appointmentId/teleconsultation/admit': {},
  'POST /api/v1/appointments/:appointmentId/teleconsultation/postpone': { minutes: 10 },
  'POST /api/v1/appointments/:appointmentId/teleconsultation/cancel': {},
  'POST /api/v1/appointments/:appointmentId/teleconsultation/end': { outcome: 'completed' },
  'POST /api/v1/appointments/:appointmentId/teleconsultation/room-token': {},
  'POST /api/v1/appointments/:appointmentId/teleconsultation/audio-only': { reason: 'chosen' },
  'PUT /api/v1/appointments/:appointmentId/teleconsultation/connectivity': { direct: false, turnUdp: true, turnTls: null },
  'POST /api/v1/appointments/:appointmentId/teleconsultation/invitations': { kind: 'relative' },
  'POST /api/v1/appointments/:appointmentId/teleconsultation/invitations/:invitationId/withdraw': {},
  // The upload's body is the file's bytes; a JSON one is refused for what it is, but only after access.
  'POST /api/v1/appointments/:appointmentId/teleconsultation/files': {},
  'PUT /api/v1/appointments/:appointmentId/teleconsultation/quality': {
    samples: 1,
    rttMsMedian: 10,
    rttMsMax: 10,
    lossPercent: 0,
    bitrateKbpsMedian: 500,
    framesDecoded: 10,
  },
  // Telemonitoring: Camille's diabetes enrolment, her device, her open low-glucose alert (seeded).
  'POST /api/v1/patients/:patientId/telemonitoring/eligibility': {
    programme: 'heart-failure',
    operator: { kind: 'doctor', arsDeclaration: 'DS-1' },
  },
  'POST /api/v1/patients/:patientId/telemonitoring/enrolments': {
    programme: 'heart-failure',
    operator: { kind: 'doctor', arsDeclaration: 'DS-1' },
    patientInformed: true,
  },
  'PUT /api/v1/patients/:patientId/telemonitoring/enrolments/:enrolmentId/overrides': {
    rules: { 'glucose-low': { steps: [{ level: 'urgent', below: 65 }] } },
  },
  'POST /api/v1/patients/:patientId/telemonitoring/enrolments/:enrolmentId/devices': { label: 'Lecteur intrus' },
  'POST /api/v1/patients/:patientId/telemonitoring/devices/:deviceId/revoke': {},
  'POST /api/v1/patients/:patientId/telemonitoring/readings': {
    identifier: '6f1c1b1e-2a4b-4c39-9d7e-3b0f1f2a9c03',
    kind: 'glucose',
    value: 112,
    unit: 'mg/dL',
    effective: new Date(Date.now() - 3_600_000).toISOString(),
  },
  'POST /api/v1/patients/:patientId/telemonitoring/symptoms': {
    identifier: '0b7e3c52-8f3d-4f0e-a8a4-2d8c4e6b1f10',
    answers: ONCOLOGY_ANSWERS_WITHOUT_SYMPTOMS,
  },
  'POST /api/v1/patients/:patientId/telemonitoring/alerts/:alertId/acknowledge': {},
  'POST /api/v1/patients/:patientId/telemonitoring/alerts/:alertId/snooze': { minutes: 60 },
  'POST /api/v1/patients/:patientId/telemonitoring/alerts/:alertId/resolve': { note: 'Resucrage, rappel de la patiente.' },
};

/** Routes about the caller themselves (no one else's id in the path): they may succeed, but must show nothing of the victims. */
const SELF_ROUTES = new Set([
  'GET /api/v1/me',
  'GET /api/v1/me/invitations',
  'PATCH /api/v1/me',
  'GET /api/v1/care/patients',
  'POST /api/v1/me/dependants',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/second-factor/enrolment',
  'POST /api/v1/auth/second-factor/enrolment/confirm',
  'POST /api/v1/auth/second-factor/verify',
  'GET /api/v1/agenda',
  'GET /api/v1/schedules',
  'POST /api/v1/schedules',
  'GET /api/v1/reminder-contact',
  'PUT /api/v1/reminder-contact',
  // Triage: the agenda's orientations show only the caller's patients; the funnel takes no one's data.
  'GET /api/v1/triage/appointment-orientations',
  'POST /api/v1/triage/funnel-events',
  // Teleconsultation: the waiting room lists the caller's own patients only.
  'GET /api/v1/teleconsultation/waiting-room',
  // Teleconsultation: the ICE servers for a connectivity check (short-lived TURN credentials of the caller's own).
  'GET /api/v1/teleconsultation/ice-servers',
  // Telemonitoring: the dashboard and the monthly report show only the caller's own patients.
  'GET /api/v1/telemonitoring/dashboard',
  'GET /api/v1/telemonitoring/report',
  // Billing: a practitioner's list (and CSV) of their own acts.
  'GET /api/v1/billing/acts',
  // Records: the inbox lists the caller's own messages; the templates hold no one's data.
  'GET /api/v1/records/inbox',
  'GET /api/v1/records/templates',
]);

/**
 * Routes that publish the organisations' bookable offer (practitioners, organisations, sites, free
 * slots): an organisation's name and sites are meant to be seen there. No patient's data may show.
 */
const DIRECTORY_ROUTES = new Set(['GET /api/v1/slots', 'GET /api/v1/triage/questionnaire']);

describeEachDatabase('route × role matrix: no one reaches another’s data', (database) => {
  let server: RunningServer;
  const victim: Record<string, string> = {};
  const secrets: string[] = [];
  let routes: { key: string; method: string; path: string }[];

  async function outsiderClients(): Promise<Record<string, ApiClient>> {
    const otherProfessional = new ApiClient(server.url);
    expect((await otherProfessional.login('dr.autre@autre-centre.fr', 'mot-de-passe-autre', DEMO_TOTP_SECRET)).status).toBe(204);
    const otherPatient = new ApiClient(server.url);
    expect((await otherPatient.login('mallory@example.org', 'mot-de-passe-mallory')).status).toBe(200);
    const sameOrganisationAdmin = new ApiClient(server.url);
    expect((await sameOrganisationAdmin.login('admin@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET)).status).toBe(204);
    return {
      'a professional of another organisation': otherProfessional,
      'a patient who is not the subject': otherPatient,
      'the administrator (patient routes)': sameOrganisationAdmin,
    };
  }

  beforeAll(async () => {
    const db = everyTable(database().db);
    await seedDemo(database().db);
    server = await startTestServer(database());
    const camille = await db.selectFrom('patients').select('id').where('first_names', '=', 'Camille').executeTakeFirstOrThrow();
    victim.patientId = camille.id;
    victim.organisationId = (await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()).id;
    const owner = new ApiClient(server.url);
    await owner.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD);
    const consent = await owner.post<{ id: string }>(`/api/v1/patients/${camille.id}/consents`, {
      act: 'teleconsultation',
      informationVersion: '2026-01',
    });
    victim.consentId = consent.body.id;
    // An invitation waiting for Camille's answer: no one else may answer it.
    const organisationAdmin = new ApiClient(server.url);
    await organisationAdmin.login('admin@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET);
    const invitation = await organisationAdmin.post<{ invitationId: string }>(
      `/api/v1/organisations/${victim.organisationId}/invitations`,
      {
        email: 'camille.petit@demo.parcours.fr',
        givenName: 'Camille',
        familyName: 'Petit',
        role: 'admin',
      },
    );
    victim.invitationId = invitation.body.invitationId;
    victim.act = 'teleconsultation';
    secrets.push(victim.patientId, victim.organisationId, victim.consentId, 'camille.petit', 'PETIT', 'Belleville');
    // Scheduling: Camille's appointment, Dr Martin's schedule, one of its exceptions and types, a free slot.
    const appointment = await db.selectFrom('appointments').select('id').where('patient_id', '=', camille.id).executeTakeFirstOrThrow();
    const martin = await db.selectFrom('accounts').select('id').where('email', '=', 'dr.martin@demo.parcours.fr').executeTakeFirstOrThrow();
    const schedule = await db
      .selectFrom('schedules')
      .select('id')
      .where('practitioner_account_id', '=', martin.id)
      .executeTakeFirstOrThrow();
    const exception = await db
      .selectFrom('schedule_exceptions')
      .select('id')
      .where('schedule_id', '=', schedule.id)
      .executeTakeFirstOrThrow();
    const slots = await owner.get<{ slots: { typeId: string; start: string }[] }>(
      `/api/v1/slots?specialty=general-practice&modality=video&practitionerId=${martin.id}`,
    );
    Object.assign(victim, {
      appointmentId: appointment.id,
      scheduleId: schedule.id,
      exceptionId: exception.id,
      typeId: slots.body.slots[0]!.typeId,
    });
    secrets.push(appointment.id);
    const slot = { typeId: slots.body.slots[0]!.typeId, startsAt: slots.body.slots[0]!.start };
    SAMPLE_BODIES['POST /api/v1/appointments'] = { patientId: camille.id, ...slot };
    SAMPLE_BODIES['POST /api/v1/patients/:patientId/appointment-estimate'] = { ...slot, treatingDoctor: 'referred' };
    SAMPLE_BODIES['POST /api/v1/schedules'] = { organisationId: victim.organisationId };
    // Triage: Camille's answers (seeded), to be linked to her appointment.
    victim.responseId = (
      await db.selectFrom('triage_responses').select('id').where('patient_id', '=', camille.id).executeTakeFirstOrThrow()
    ).id;
    secrets.push(victim.responseId);
    // Answers go to an appointment until its call starts: one of her upcoming ones.
    const upcoming = await db
      .selectFrom('appointments')
      .select('id')
      .where('patient_id', '=', camille.id)
      .where('status', '=', 'booked')
      .where('starts_at', '>', new Date())
      .orderBy('starts_at', 'desc')
      .executeTakeFirstOrThrow();
    secrets.push(upcoming.id);
    SAMPLE_BODIES['PUT /api/v1/patients/:patientId/triage/responses/:responseId/appointment'] = { appointmentId: upcoming.id };
    // Telemonitoring: Camille's enrolment, device credential and open alert (seeded).
    const enrolment = await db
      .selectFrom('telemonitoring_enrolments')
      .select('id')
      .where('patient_id', '=', camille.id)
      .executeTakeFirstOrThrow();
    victim.enrolmentId = enrolment.id;
    victim.deviceId = (
      await db.selectFrom('telemonitoring_devices').select('id').where('enrolment_id', '=', enrolment.id).executeTakeFirstOrThrow()
    ).id;
    victim.alertId = (
      await db.selectFrom('telemonitoring_alerts').select('id').where('enrolment_id', '=', enrolment.id).executeTakeFirstOrThrow()
    ).id;
    secrets.push(victim.enrolmentId, victim.deviceId, victim.alertId);
    // Records: Dr Martin's signed report of Camille's appointment, its prescription, a message carrying it.
    const doctor = new ApiClient(server.url);
    await doctor.login('dr.martin@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET);
    const held = await db
      .selectFrom('appointments')
      .select('id')
      .where('patient_id', '=', camille.id)
      .where('practitioner_account_id', '=', martin.id)
      .where('status', 'not in', ['cancelled', 'no-show'])
      .executeTakeFirstOrThrow();
    const report = await doctor.post<{ id: string }>(`/api/v1/appointments/${held.id}/report`);
    victim.reportId = report.body.id;
    await doctor.put(`/api/v1/records/reports/${victim.reportId}`, {
      narrative: 'Rhinopharyngite.',
      acts: 'Téléconsultation',
      incidents: 'Aucun',
    });
    await doctor.post(`/api/v1/records/reports/${victim.reportId}/prescriptions`, {
      kind: 'lab',
      items: [{ description: 'Numération formule sanguine' }],
    });
    const signed = await doctor.post<{ prescriptions: { id: string }[] }>(`/api/v1/records/reports/${victim.reportId}/sign`);
    victim.prescriptionId = signed.body.prescriptions[0]!.id;
    victim.documentId = victim.prescriptionId;
    victim.messageId = (
      await db
        .insertInto('records_messages')
        .values({ sender_account_id: martin.id, recipient_account_id: martin.id, patient_id: camille.id, report_id: victim.reportId })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    secrets.push(victim.reportId, victim.prescriptionId, victim.messageId, 'Rhinopharyngite', 'Numération');
    // Teleconsultation: a file shared in Camille's call, kept in her record.
    victim.fileId = (
      await db
        .insertInto('records_files')
        .values({
          patient_id: camille.id,
          appointment_id: appointment.id,
          shared_by: `account:${martin.id}`,
          shared_by_name: 'Claire Martin',
          filename: 'radio-thorax.pdf',
          media_type: 'application/pdf',
          size_bytes: 9,
          sha256: 'a'.repeat(64),
          content: Buffer.from('%PDF-1.4\n'),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    secrets.push(victim.fileId, 'radio-thorax');

    // The outsiders: another organisation with its professional, and a patient of their own.
    const hash = await hashPassword('mot-de-passe-autre');
    const other = await db
      .insertInto('organisations')
      .values({ name: 'Autre centre', finess: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const pro = await db
      .insertInto('accounts')
      .values({
        email: 'dr.autre@autre-centre.fr',
        given_name: 'Eve',
        family_name: 'Autre',
        password_hash: hash,
        email_verified_at: new Date(),
        totp_secret: DEMO_TOTP_SECRET,
        totp_enrolled_at: new Date(),
        disabled_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('practitioners')
      .values({ account_id: pro.id, profession: 'doctor', specialty: 'general-practice', rpps: '10003461033', sector: 1 })
      .execute();
    await db
      .insertInto('memberships')
      .values([
        { account_id: pro.id, organisation_id: other.id, role: 'practitioner' },
        { account_id: pro.id, organisation_id: other.id, role: 'admin' },
      ])
      .execute();
    const mallory = await db
      .insertInto('accounts')
      .values({
        email: 'mallory@example.org',
        given_name: 'Mallory',
        family_name: 'M',
        password_hash: await hashPassword('mot-de-passe-mallory'),
        email_verified_at: new Date(),
        totp_secret: null,
        totp_enrolled_at: null,
        disabled_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('patients')
      .values({ account_id: mallory.id, birth_name: 'M', first_names: 'Mallory', sex: 'F', birth_date: '1980-01-01' })
      .execute();

    const openapi = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(openapi.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => {
          const url = path.replace(/\{(\w+)\}/g, ':$1');
          return { key: `${method.toUpperCase()} ${url}`, method: method.toUpperCase(), path: url };
        }),
      );
  });
  afterAll(async () => {
    await server.app.close();
  });

  it('documents every route and every route declares a policy', () => {
    const documented = new Set(routes.map((r) => r.key));
    expect([...server.app.routePolicies.keys()].filter((k) => !documented.has(k))).toEqual([]);
    for (const route of routes) expect(server.app.routePolicies.get(route.key), route.key).toBeDefined();
  });

  it('keeps public only the routes listed as public', () => {
    const publicRoutes = [...server.app.routePolicies].filter(([, policy]) => policy === 'public').map(([key]) => key);
    expect(publicRoutes.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('answers an outsider 401, 403 or 404 on every route about someone else, with no data', async () => {
    const clients = await outsiderClients();
    const failures: string[] = [];
    for (const route of routes) {
      if (PUBLIC_ROUTES.includes(route.key)) continue;
      if (route.key === 'POST /api/v1/auth/logout') continue; // would end the outsider's own session
      if (route.method !== 'GET' && !(route.key in SAMPLE_BODIES)) {
        failures.push(`${route.key}: add a sample body to SAMPLE_BODIES`);
        continue;
      }
      const path = route.path.replace(/:(\w+)/g, (_, name: string) => victim[name] ?? `missing-${name}`);
      for (const [who, client] of Object.entries(clients)) {
        // The administrator of the victim's own organisation may manage it: only patient data is off limits to them.
        if (who.startsWith('the administrator') && !route.path.includes(':patientId')) continue;
        const reply = await client.request(route.method, path, route.method === 'GET' ? undefined : SAMPLE_BODIES[route.key]);
        // `instance` echoes the caller's own request path: not data of the victim's.
        const { instance: _echo, ...answer } = (reply.body ?? {}) as Record<string, unknown>;
        const text = JSON.stringify(answer);
        const leaked = secrets.filter((secret) => text.includes(secret));
        if (DIRECTORY_ROUTES.has(route.key)) {
          const patientData = leaked.filter((secret) => secret !== victim.organisationId && secret !== 'Belleville');
          if (patientData.length) failures.push(`${route.key} as ${who}: leaked ${patientData.join(', ')}`);
        } else if (SELF_ROUTES.has(route.key)) {
          if (leaked.length) failures.push(`${route.key} as ${who}: leaked ${leaked.join(', ')}`);
        } else if (![401, 403, 404].includes(reply.status) || leaked.length) {
          failures.push(`${route.key} as ${who}: ${reply.status} ${text.slice(0, 120)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets the patient and their doctor in, so that the refusals above are about access', async () => {
    const owner = new ApiClient(server.url);
    await owner.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD);
    expect((await owner.get(`/api/v1/patients/${victim.patientId}`)).status).toBe(200);
    expect((await owner.get(`/api/v1/patients/${victim.patientId}/access-history`)).status).toBe(200);
    const doctor = new ApiClient(server.url);
    await doctor.post('/api/v1/auth/login', { email: 'dr.martin@demo.parcours.fr', password: DEMO_PASSWORD });
    await doctor.post('/api/v1/auth/second-factor/verify', { code: await generate({ secret: DEMO_TOTP_SECRET }) });
    expect((await doctor.get(`/api/v1/patients/${victim.patientId}`)).status).toBe(200);
    expect((await doctor.get(`/api/v1/patients/${victim.patientId}/consents`)).status).toBe(200);
    // …and the access appears in the patient's history, with the doctor's name.
    const history = await owner.get<{ entries: { who: string; action: string }[] }>(`/api/v1/patients/${victim.patientId}/access-history`);
    expect(history.body.entries).toContainEqual(expect.objectContaining({ who: 'Claire Martin', action: 'patient.read' }));
  });

  it('leaves an audit entry for every route about a patient that answers 2xx, for the patient and their doctor', async () => {
    const owner = new ApiClient(server.url);
    await owner.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD);
    const doctor = new ApiClient(server.url);
    await doctor.login('dr.martin@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET);
    const entriesAbout = async (patientId: string) =>
      Number(
        (
          await everyTable(database().db)
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('patient_id', '=', patientId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const unaudited: string[] = [];
    const neverAnswered: string[] = [];
    for (const route of routes.filter((r) => r.path.includes(':patientId'))) {
      let answered = false;
      for (const [who, client] of [
        ['the patient', owner],
        ['their doctor', doctor],
      ] as const) {
        const path = route.path.replace(/:(\w+)/g, (_, name: string) => victim[name] ?? `missing-${name}`);
        const before = await entriesAbout(victim.patientId!);
        const reply = await client.request(route.method, path, route.method === 'GET' ? undefined : SAMPLE_BODIES[route.key]);
        if (reply.status < 200 || reply.status > 299) continue;
        answered = true;
        if ((await entriesAbout(victim.patientId!)) <= before)
          unaudited.push(`${route.key} as ${who}: ${reply.status} without an audit entry`);
      }
      if (!answered) neverAnswered.push(route.key);
    }
    expect(unaudited).toEqual([]);
    // Otherwise the check above would pass by never being made.
    expect(neverAnswered).toEqual([]);
  });
});
