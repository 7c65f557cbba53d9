import { DEFAULT_TRIAGE } from '@parcours/domain';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo.js';
import { ApiClient } from '../../platform/testing/client.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import { startTestServer } from '../../platform/testing/server.js';
import type { RunningServer } from '../../server.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../accounts/index.js';
import { everyTable } from '../testing.js';

interface Vignette {
  id: string;
  case: unknown;
  expect: { outcome: string[]; severity?: string[]; flagsInclude?: string[] };
}
interface Orientation {
  outcome: string;
  severity: string;
  flags: string[];
  reasons: string[];
}
interface Problem {
  type: string;
  errors: { field: string; code: string; message: string }[];
}
interface Answered {
  id: string;
  orientation: Orientation;
  reasons: { code: string; fr: string; numbers?: string[] }[];
  appointmentId: string | null;
  answers: Record<string, unknown>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const serverRoot = path.resolve(here, '../../..');
const VIGNETTES = JSON.parse(
  fs.readFileSync(path.resolve(here, '../../../../domain/src/triage/fixtures/vignettes.json'), 'utf8'),
) as Vignette[];

function expectAsVignette(vignette: Vignette, orientation: Orientation): void {
  expect(vignette.expect.outcome, vignette.id).toContain(orientation.outcome);
  if (vignette.expect.severity) expect(vignette.expect.severity, vignette.id).toContain(orientation.severity);
  for (const flag of vignette.expect.flagsInclude ?? []) expect(orientation.flags, vignette.id).toContain(flag);
}

/** Every question of the default questionnaire answered "nothing alarming". */
const calm = {
  reason: 'new-symptom',
  'symptom-days': 3,
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
};

it('parcours triage orient: every vignette in one array, JSON out with exit 0; a malformed case named with exit 2', () => {
  const run = (input: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(serverRoot, 'src/cli.ts'), 'triage', 'orient', '-'], {
      input,
      cwd: serverRoot,
      encoding: 'utf8',
    });
  const ok = run(JSON.stringify(VIGNETTES.map((v) => v.case)));
  expect(ok.status, ok.stderr).toBe(0);
  const orientations = JSON.parse(ok.stdout) as Orientation[];
  expect(orientations).toHaveLength(VIGNETTES.length);
  VIGNETTES.forEach((vignette, i) => expectAsVignette(vignette, orientations[i]!));
  const one = run(JSON.stringify(VIGNETTES[0]!.case));
  expect(JSON.parse(one.stdout)).toMatchObject({ outcome: 'emergency-15' });
  const bad = run(JSON.stringify([VIGNETTES[0]!.case, { patient: { age: 30 }, answers: { breathing: 'gasping' } }]));
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/^\[1\]\.answers\.breathing: /);
  expect(run('{not json').status).toBe(2);
}, 60_000);

describeEachDatabase('triage', (database) => {
  let server: RunningServer;
  let camille: ApiClient;
  let martin: ApiClient;
  let admin: ApiClient;
  let camilleId: string;
  let organisationId: string;
  const db = () => everyTable(database().db);
  const count = async (table: 'triage_responses' | 'triage_funnel_events' | 'triage_questionnaires') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    await seedDemo(database().db);
    server = await startTestServer(database());
    camilleId = (await db().selectFrom('patients').select('id').where('first_names', '=', 'Camille').executeTakeFirstOrThrow()).id;
    organisationId = (await db().selectFrom('organisations').select('id').executeTakeFirstOrThrow()).id;
    camille = new ApiClient(server.url);
    martin = new ApiClient(server.url);
    admin = new ApiClient(server.url);
    await camille.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD);
    await martin.login('dr.martin@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET);
    await admin.login('admin@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET);
  });
  afterAll(async () => {
    await server.app.close();
  });

  describe('POST /api/v1/triage/orient', () => {
    it('orients every vignette, one in one out, an array in the same order', async () => {
      const client = new ApiClient(server.url);
      const many = await client.post<Orientation[]>(
        '/api/v1/triage/orient',
        VIGNETTES.map((v) => v.case),
      );
      expect(many.status).toBe(200);
      VIGNETTES.forEach((vignette, i) => expectAsVignette(vignette, many.body[i]!));
      const one = await client.post<Orientation>('/api/v1/triage/orient', VIGNETTES[0]!.case);
      expect(one.body).toEqual({ outcome: 'emergency-15', severity: 'high', flags: ['chest-pain'], reasons: ['chest-pain-acute'] });
    });

    it('answers a 400 problem naming the field, in the user’s language', async () => {
      const french = await new ApiClient(server.url, 'fr').post<Problem>('/api/v1/triage/orient', [
        VIGNETTES[1]!.case,
        { patient: { age: 30 }, answers: { 'chest-pain-minutes': 'vingt' } },
      ]);
      expect(french.status).toBe(400);
      expect(french.headers.get('content-type')).toContain('application/problem+json');
      expect(french.body.errors).toEqual([
        { field: '[1].answers.chest-pain-minutes', code: 'invalid-value', message: 'Doit être un nombre entier.' },
      ]);
      const english = await new ApiClient(server.url, 'en').post<Problem>('/api/v1/triage/orient', {
        patient: { age: 200 },
        answers: {},
        who: 1,
      });
      expect(english.body.errors.map((e) => e.field)).toEqual(['who', 'patient.age']);
      expect((await new ApiClient(server.url).post<Problem>('/api/v1/triage/orient', 'text')).status).toBe(400);
    });
  });

  describe('a patient’s answers', () => {
    it('keeps the answers with their orientation, audited; the doctor in charge reads them', async () => {
      const before = await count('triage_responses');
      const reply = await camille.post<Answered>(`/api/v1/patients/${camilleId}/triage/responses`, {
        runId: crypto.randomUUID(),
        organisationId,
        answers: { ...calm, 'fever-celsius': 38.7, 'needs-interpreter': true },
      });
      expect(reply.status).toBe(201);
      expect(reply.body.orientation).toMatchObject({
        outcome: 'teleconsultation',
        severity: 'moderate',
        flags: ['fever', 'interpreter-needed'],
      });
      expect(await count('triage_responses')).toBe(before + 1);
      const audit = await db()
        .selectFrom('audit_log')
        .select('action')
        .where('patient_id', '=', camilleId)
        .where('action', '=', 'triage.answer')
        .execute();
      expect(audit.length).toBeGreaterThan(0);
      const read = await martin.get<Answered>(`/api/v1/patients/${camilleId}/triage/responses/${reply.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body.answers['fever-celsius']).toBe(38.7);
      const list = await camille.get<Answered[]>(`/api/v1/patients/${camilleId}/triage/responses`);
      expect(list.body[0]!.id).toBe(reply.body.id);
    });

    it('stops at the 15 with its numbers, and never lets such answers be booked', async () => {
      const reply = await camille.post<Answered>(`/api/v1/patients/${camilleId}/triage/responses`, {
        runId: crypto.randomUUID(),
        answers: { ...calm, 'chest-pain': true, 'chest-pain-minutes': 20, 'chest-pain-radiates': true, 'chest-pain-with-symptoms': false },
      });
      expect(reply.body.orientation.outcome).toBe('emergency-15');
      expect(reply.body.reasons[0]).toMatchObject({ code: 'chest-pain-acute', numbers: ['15', '112', '114'] });
      const appointment = await db()
        .selectFrom('appointments')
        .select('id')
        .where('patient_id', '=', camilleId)
        .where('status', '=', 'booked')
        .executeTakeFirstOrThrow();
      const link = await camille.put<Problem>(`/api/v1/patients/${camilleId}/triage/responses/${reply.body.id}/appointment`, {
        appointmentId: appointment.id,
      });
      expect(link.status).toBe(409);
      expect(link.body.type).toBe('urn:parcours:problem:emergency-cannot-book');
    });

    it('takes answers stopped at a red flag as complete: the patient is not asked the rest', async () => {
      const reply = await camille.post<Answered>(`/api/v1/patients/${camilleId}/triage/responses`, {
        runId: crypto.randomUUID(),
        answers: { reason: 'new-symptom', 'chest-pain': false, 'stroke-signs': true },
      });
      expect(reply.status).toBe(201);
      expect(reply.body.orientation.outcome).toBe('emergency-15');
    });

    it('gives the answers of the last hours to the appointment booked after them', async () => {
      const answered = await camille.post<Answered>(`/api/v1/patients/${camilleId}/triage/responses`, {
        runId: crypto.randomUUID(),
        answers: { ...calm, 'needs-interpreter': true },
      });
      const slots = await camille.get<{ slots: { typeId: string; start: string }[] }>(
        '/api/v1/slots?specialty=general-practice&modality=video',
      );
      const slot = slots.body.slots.at(-1)!;
      const booked = await camille.post<{ id: string }>('/api/v1/appointments', {
        patientId: camilleId,
        typeId: slot.typeId,
        startsAt: slot.start,
      });
      expect(booked.status).toBe(201);
      await expect
        .poll(
          async () =>
            (await camille.get<Answered>(`/api/v1/patients/${camilleId}/triage/responses/${answered.body.id}`)).body.appointmentId,
        )
        .toBe(booked.body.id);
    });

    it('refuses malformed or missing answers naming the question, and writes nothing', async () => {
      const before = [await count('triage_responses'), await count('triage_funnel_events')];
      const wrong = await new ApiClient(server.url, 'en');
      await wrong.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD);
      const malformed = await wrong.post<Problem>(`/api/v1/patients/${camilleId}/triage/responses`, {
        runId: crypto.randomUUID(),
        answers: { ...calm, breathing: 'gasping', unknown: true },
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors.map((e) => e.field)).toEqual(['answers.breathing', 'answers.unknown']);
      const { 'chest-pain': _missing, ...incomplete } = calm;
      const missing = await wrong.post<Problem>(`/api/v1/patients/${camilleId}/triage/responses`, {
        runId: crypto.randomUUID(),
        answers: incomplete,
      });
      expect(missing.body.errors).toEqual([{ field: 'answers.chest-pain', code: 'required', message: 'Needs an answer.' }]);
      const followUp = await wrong.post<Problem>(`/api/v1/patients/${camilleId}/triage/responses`, {
        runId: crypto.randomUUID(),
        answers: { ...calm, pregnant: true },
      });
      expect(followUp.body.errors.map((e) => e.field)).toEqual(['answers.pregnancy-bleeding-or-pain']);
      expect([await count('triage_responses'), await count('triage_funnel_events')]).toEqual(before);
    });

    it('shows the agenda’s practitioner the severity and flags of the appointment’s answers, and no one else', async () => {
      const reply = await camille.post<Answered>(`/api/v1/patients/${camilleId}/triage/responses`, {
        runId: crypto.randomUUID(),
        organisationId,
        answers: { ...calm, 'fever-celsius': 38.5 },
      });
      const appointment = await db()
        .selectFrom('appointments')
        .select('id')
        .where('patient_id', '=', camilleId)
        .where('status', '=', 'booked')
        .orderBy('starts_at')
        .executeTakeFirstOrThrow();
      const link = await camille.put<Answered>(`/api/v1/patients/${camilleId}/triage/responses/${reply.body.id}/appointment`, {
        appointmentId: appointment.id,
      });
      expect(link.status).toBe(200);
      expect(link.body.appointmentId).toBe(appointment.id);
      const seen = await martin.get<(Answered & { appointmentId: string })[]>(
        `/api/v1/triage/appointment-orientations?ids=${appointment.id}`,
      );
      expect(seen.body).toEqual([
        expect.objectContaining({
          appointmentId: appointment.id,
          orientation: expect.objectContaining({ severity: 'moderate', flags: ['fever'] }),
        }),
      ]);
      const benali = new ApiClient(server.url);
      await benali.login('dr.benali@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET);
      expect((await benali.get(`/api/v1/triage/appointment-orientations?ids=${appointment.id}`)).body).toEqual([]);
      expect((await benali.get(`/api/v1/patients/${camilleId}/triage/responses/${reply.body.id}`)).status).toBe(404);
      expect((await martin.get<Problem>('/api/v1/triage/appointment-orientations?ids=nope')).status).toBe(400);
      // A list is ids and commas only: a trailing space, control character or empty item is refused, not tidied.
      for (const ids of [`${appointment.id}%20`, `${appointment.id}%0C`, `${appointment.id},`, `,${appointment.id}`]) {
        expect((await martin.get<Problem>(`/api/v1/triage/appointment-orientations?ids=${ids}`)).status, ids).toBe(400);
      }

      // Seen by the practitioner: the funnel's end, recorded from the appointment's status.
      const run = await db().selectFrom('triage_responses').select('run_id').where('id', '=', reply.body.id).executeTakeFirstOrThrow();
      await martin.post(`/api/v1/appointments/${appointment.id}/status`, { status: 'checked-in' });
      expect((await martin.post(`/api/v1/appointments/${appointment.id}/status`, { status: 'in-progress' })).status).toBe(200);
      await expect
        .poll(async () =>
          (await db().selectFrom('triage_funnel_events').select('event').where('run_id', '=', run.run_id).execute())
            .map((e) => e.event)
            .sort(),
        )
        .toEqual(['booked', 'oriented', 'seen']);
    });
  });

  describe('answering again before the call', () => {
    it('gives the appointment the newest answers until the call starts, counting the booking once', async () => {
      const martinId = (
        await db().selectFrom('accounts').select('id').where('email', '=', 'dr.martin@demo.parcours.fr').executeTakeFirstOrThrow()
      ).id;
      const appointment = await db()
        .selectFrom('appointments')
        .select('id')
        .where('patient_id', '=', camilleId)
        .where('practitioner_account_id', '=', martinId)
        .where('status', '=', 'booked')
        .orderBy('starts_at', 'desc')
        .executeTakeFirstOrThrow();
      const answer = async (answers: Record<string, unknown>) => {
        const reply = await camille.post<Answered>(`/api/v1/patients/${camilleId}/triage/responses`, {
          runId: crypto.randomUUID(),
          organisationId,
          answers,
        });
        const link = await camille.put<Answered & Problem>(`/api/v1/patients/${camilleId}/triage/responses/${reply.body.id}/appointment`, {
          appointmentId: appointment.id,
        });
        return { id: reply.body.id, link };
      };
      const bookedEvents = async (responseId: string) => {
        const { run_id } = await db()
          .selectFrom('triage_responses')
          .select('run_id')
          .where('id', '=', responseId)
          .executeTakeFirstOrThrow();
        return (await db().selectFrom('triage_funnel_events').select('event').where('run_id', '=', run_id).execute()).filter(
          (e) => e.event === 'booked',
        ).length;
      };

      const answeredBefore = await db().selectFrom('triage_responses').select('id').where('appointment_id', '=', appointment.id).execute();
      const first = await answer({ ...calm, 'fever-celsius': 38.5 });
      expect(first.link.status).toBe(200);
      const second = await answer({ ...calm, 'needs-interpreter': true });
      expect(second.link.status).toBe(200);
      const seen = await martin.get<{ id: string; appointmentId: string }[]>(
        `/api/v1/triage/appointment-orientations?ids=${appointment.id}`,
      );
      expect(seen.body.map((o) => o.id)).toEqual([second.id]);
      expect(await bookedEvents(first.id)).toBe(answeredBefore.length === 0 ? 1 : 0);
      expect(await bookedEvents(second.id)).toBe(0);

      // Once the call has started, the answers are those the practitioner saw.
      await martin.post(`/api/v1/appointments/${appointment.id}/status`, { status: 'checked-in' });
      expect((await answer({ ...calm, 'fever-celsius': 39 })).link.status).toBe(200);
      expect((await martin.post(`/api/v1/appointments/${appointment.id}/status`, { status: 'in-progress' })).status).toBe(200);
      const late = await answer({ ...calm, 'fever-celsius': 39.5 });
      expect(late.link.status).toBe(409);
      expect(late.link.body.type).toBe('urn:parcours:problem:appointment-already-started');
      const still = await martin.get<{ id: string }[]>(`/api/v1/triage/appointment-orientations?ids=${appointment.id}`);
      expect(still.body.map((o) => o.id)).not.toContain(late.id);
    });
  });

  describe('the funnel and the organisation’s copy', () => {
    it('counts runs started, abandoned at a step and oriented, for the administrator', async () => {
      const runId = crypto.randomUUID();
      expect((await camille.post('/api/v1/triage/funnel-events', { runId, event: 'started', organisationId })).status).toBe(204);
      expect(
        (await camille.post('/api/v1/triage/funnel-events', { runId, event: 'abandoned', step: 'symptoms', organisationId })).status,
      ).toBe(204);
      const funnel = await admin.get<{
        runs: Record<string, number>;
        oriented: Record<string, number>;
        abandonedAt: Record<string, number>;
      }>(`/api/v1/organisations/${organisationId}/triage/funnel`);
      expect(funnel.status).toBe(200);
      expect(funnel.body.abandonedAt['symptoms']).toBeGreaterThanOrEqual(1);
      expect(funnel.body.runs['started']).toBeGreaterThanOrEqual(1);
      expect(funnel.body.oriented['teleconsultation']).toBeGreaterThanOrEqual(1);
      expect((await martin.get(`/api/v1/organisations/${organisationId}/triage/funnel`)).status).toBe(403);
    });

    it('publishes a valid copy as a new version, refuses one missing a safety item, and patients answer the copy', async () => {
      const start = await admin.get<{ id: string | null; version: string; triage: typeof DEFAULT_TRIAGE }>(
        `/api/v1/organisations/${organisationId}/triage/questionnaire`,
      );
      expect(start.body).toMatchObject({ id: null, version: DEFAULT_TRIAGE.questionnaire.version });
      const before = await count('triage_questionnaires');
      const broken = structuredClone(start.body.triage);
      broken.questionnaire.item = broken.questionnaire.item!.filter((group) => group.linkId !== 'emergency-breathing');
      broken.questionnaire.version = '2.0.0';
      const refused = await new ApiClient(server.url, 'en');
      await refused.login('admin@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET);
      const reply = await refused.post<Problem>(`/api/v1/organisations/${organisationId}/triage/questionnaire`, broken);
      expect(reply.status).toBe(400);
      expect(reply.body.errors.map((e) => e.message)).toContain(
        'The safety item "severe-allergy" is missing: it cannot be removed from a triage questionnaire.',
      );
      expect(await count('triage_questionnaires')).toBe(before);

      const copy = structuredClone(start.body.triage);
      copy.questionnaire.version = '2.0.0';
      copy.questionnaire.item![0]!.item!.push({ linkId: 'travel', type: 'boolean', text: 'De retour d’un voyage à l’étranger ?' });
      copy.orientation.rules.push({
        id: 'travel',
        when: { answer: 'travel', equals: true },
        outcome: 'in-person',
        severity: 'moderate',
        flags: ['travel'],
      });
      const published = await admin.post<{ id: string }>(`/api/v1/organisations/${organisationId}/triage/questionnaire`, copy);
      expect(published.status).toBe(201);
      expect((await admin.post<Problem>(`/api/v1/organisations/${organisationId}/triage/questionnaire`, copy)).status).toBe(409);
      const toAnswer = await camille.get<{ id: string; version: string }>(`/api/v1/triage/questionnaire?organisationId=${organisationId}`);
      expect(toAnswer.body).toMatchObject({ id: published.body.id, version: '2.0.0' });
      const answered = await camille.post<Answered & { questionnaire: { version: string } }>(
        `/api/v1/patients/${camilleId}/triage/responses`,
        {
          runId: crypto.randomUUID(),
          questionnaireId: published.body.id,
          answers: { ...calm, travel: true },
        },
      );
      expect(answered.status).toBe(201);
      expect(answered.body.orientation).toMatchObject({ outcome: 'in-person', flags: ['travel'] });
      expect(answered.body.questionnaire.version).toBe('2.0.0');
      // Without an organisation, the default questionnaire.
      expect((await camille.get<{ id: null }>('/api/v1/triage/questionnaire')).body.id).toBeNull();
    });
  });
});
