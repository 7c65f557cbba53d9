import { ONCOLOGY_ANSWERS_WITHOUT_SYMPTOMS } from '@parcours/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo.js';
import { serviceDeps } from '../../platform/context.js';
import { ApiClient } from '../../platform/testing/client.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import { startTestServer } from '../../platform/testing/server.js';
import type { RunningServer } from '../../server.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../accounts/index.js';
import { everyTable } from '../testing.js';
import { escalateOverdue, evaluateEveryone } from './checks.js';

interface Problem {
  type: string;
  errors?: { field: string; code: string; message: string }[];
}
interface AlertView {
  id: string;
  ruleId: string;
  level: string;
  state: string;
  observed: number | null;
  message: { fr: string; en: string };
}
interface MonitoringView {
  enrolments: { id: string; programme: string; startsAt: string }[];
  devices: { id: string }[];
  readings: { identifier: string; kind: string; value: number | null; effective: string; interpretation: string | null }[];
  alerts: AlertView[];
}

const HOUR = 3_600_000;
const iso = (at: number) => new Date(at).toISOString();

/** A body weight Observation as a connected scale sends it (TLSVObservation shape). */
function weight(id: string, kg: number, at: number, extra: Record<string, unknown> = {}) {
  return {
    resourceType: 'Observation',
    identifier: [{ system: 'urn:test:scale', value: id }],
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
    code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
    effectiveDateTime: iso(at),
    valueQuantity: { value: kg, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
    ...extra,
  };
}

/** What a device says: its credential, and FHIR JSON or NDJSON. */
function device(baseUrl: string, token: string, language: 'fr' | 'en' = 'fr') {
  const send = async <T>(path: string, body: string, contentType: string) => {
    const res = await fetch(baseUrl + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType, 'accept-language': language },
      body,
    });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: (await res.json()) as T };
  };
  return {
    observation: <T = Record<string, unknown>>(o: unknown) =>
      send<T>('/api/v1/telemonitoring/fhir/Observation', JSON.stringify(o), 'application/fhir+json'),
    bundle: <T = Record<string, unknown>>(type: 'batch' | 'transaction', resources: unknown[]) =>
      send<T>(
        '/api/v1/telemonitoring/fhir',
        JSON.stringify({
          resourceType: 'Bundle',
          type,
          entry: resources.map((resource) => ({ resource, request: { method: 'POST', url: 'Observation' } })),
        }),
        'application/fhir+json',
      ),
    ndjson: <T = Record<string, unknown>>(lines: string[]) =>
      send<T>('/api/v1/telemonitoring/ndjson', lines.join('\n'), 'application/x-ndjson'),
  };
}

describeEachDatabase('telemonitoring', (database) => {
  let server: RunningServer;
  let martin: ApiClient;
  let benali: ApiClient;
  let camille: ApiClient;
  let jean: ApiClient;
  let camilleId: string;
  let jeanId: string;
  let jeanEnrolment: string;
  let token: string;
  let deviceId: string;
  const db = () => everyTable(database().db);
  const readingsOf = async (patientId: string) =>
    Number(
      (
        await db()
          .selectFrom('telemonitoring_readings')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('patient_id', '=', patientId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const monitoringOf = async (client: ApiClient, patientId: string) =>
    (await client.get<MonitoringView>(`/api/v1/patients/${patientId}/telemonitoring`)).body;

  beforeAll(async () => {
    await seedDemo(database().db);
    server = await startTestServer(database());
    const patient = (first: string) => db().selectFrom('patients').select('id').where('first_names', '=', first).executeTakeFirstOrThrow();
    camilleId = (await patient('Camille')).id;
    jeanId = (await patient('Jean')).id;
    martin = new ApiClient(server.url);
    benali = new ApiClient(server.url, 'en');
    camille = new ApiClient(server.url);
    jean = new ApiClient(server.url);
    await martin.login('dr.martin@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET);
    await benali.login('dr.benali@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET);
    await camille.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD);
    await jean.login('jean.moreau@demo.parcours.fr', DEMO_PASSWORD);
    jeanEnrolment = (await monitoringOf(martin, jeanId)).enrolments[0]!.id;
    const issued = await martin.post<{ id: string; token: string }>(
      `/api/v1/patients/${jeanId}/telemonitoring/enrolments/${jeanEnrolment}/devices`,
      {
        label: 'Balance du test',
      },
    );
    expect(issued.status).toBe(201);
    token = issued.body.token;
    deviceId = issued.body.id;
  }, 120_000);
  afterAll(async () => {
    await server.app.close();
  });

  describe('enrolment', () => {
    /** A prescription as the wizard sends it: the centre operates, declared to the ARS, the patient told. */
    const asked = (programme: string, arsDeclaration: string | null = 'DS-2026-0042') => ({
      programme,
      operator: { kind: 'structure', arsDeclaration },
    });
    const prescription = (programme: string, arsDeclaration?: string | null) => ({
      ...asked(programme, arsDeclaration),
      patientInformed: true,
    });
    type Eligibility = { eligible: boolean; billable: boolean; operatorFee: number | null; reasons: { code: string; text: string }[] };

    it('enrols a patient in their care, with their consent, once per programme', async () => {
      const enrolled = await martin.post<{
        programme: string;
        rules: { id: string }[];
        operator: unknown;
        patientInformedAt: string | null;
        eligibility: Eligibility;
      }>(`/api/v1/patients/${camilleId}/telemonitoring/enrolments`, prescription('respiratory-failure'));
      expect(enrolled.status).toBe(201);
      expect(enrolled.body.rules.map((r) => r.id)).toContain('spo2-low');
      expect(enrolled.body.operator).toEqual({ kind: 'structure', arsDeclaration: 'DS-2026-0042' });
      expect(enrolled.body.patientInformedAt).not.toBeNull();
      expect(enrolled.body.eligibility).toMatchObject({ eligible: true, billable: true, operatorFee: 28, reasons: [] });
      const again = await martin.post<Problem>(
        `/api/v1/patients/${camilleId}/telemonitoring/enrolments`,
        prescription('respiratory-failure'),
      );
      expect(again.status).toBe(409);
      expect(again.body.type).toBe('urn:parcours:problem:telemonitoring-already-enrolled');
      const live = await db()
        .selectFrom('telemonitoring_enrolments')
        .select('id')
        .where('patient_id', '=', camilleId)
        .where('programme', '=', 'respiratory-failure')
        .execute();
      expect(live).toHaveLength(1);
    });

    it('asks the rules first: a GP may not prescribe a cardiac implant’s; an undeclared operator enrols but bills nothing', async () => {
      const path = `/api/v1/patients/${camilleId}/telemonitoring`;
      const before = await db().selectFrom('telemonitoring_enrolments').select('id').execute();
      const preview = await martin.post<Eligibility>(`${path}/eligibility`, asked('cardiac-implant'));
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ prescribable: false, billable: false, reasons: [{ code: 'prescriber-not-qualified' }] });
      expect(preview.body.reasons[0]!.text).toMatch(/cardiolog/i);
      const refused = await martin.post<Problem & { reasons: { code: string }[] }>(`${path}/enrolments`, prescription('cardiac-implant'));
      expect(refused.status).toBe(422);
      expect(refused.body.type).toBe('urn:parcours:problem:telemonitoring-not-eligible');
      expect(refused.body.reasons.map((r) => r.code)).toEqual(['prescriber-not-qualified']);
      expect(await db().selectFrom('telemonitoring_enrolments').select('id').execute()).toHaveLength(before.length);

      const undeclared = await martin.post<{ id: string; eligibility: Eligibility }>(
        `${path}/enrolments`,
        prescription('renal-failure', null),
      );
      expect(undeclared.status).toBe(201);
      expect(undeclared.body.eligibility).toMatchObject({
        prescribable: true,
        billable: false,
        reasons: [{ code: 'operator-not-declared' }],
      });
      // (Gone again: the alert tests below count Camille's programmes' alerts.)
      await db().deleteFrom('telemonitoring_enrolments').where('id', '=', undeclared.body.id).execute();

      // The patient must have been told that telemonitoring is no emergency service.
      const untold = await martin.post<Problem>(`${path}/enrolments`, { ...prescription('oncology'), patientInformed: false });
      expect(untold.status).toBe(400);
      expect(untold.body.errors!.map((e) => e.field)).toEqual(['patientInformed']);
    });

    it('refuses without the patient’s consent to telemonitoring, and to anyone outside the care relationship', async () => {
      const consents = await camille.get<{ id: string; act: string; withdrawnAt: string | null }[]>(
        `/api/v1/patients/${camilleId}/consents`,
      );
      const consent = consents.body.find((c) => c.act === 'telemonitoring' && !c.withdrawnAt)!;
      expect((await camille.post(`/api/v1/patients/${camilleId}/consents/${consent.id}/withdraw`, {})).status).toBe(200);
      const refused = await martin.post<Problem>(`/api/v1/patients/${camilleId}/telemonitoring/enrolments`, prescription('oncology'));
      expect(refused.status).toBe(409);
      expect(refused.body.type).toBe('urn:parcours:problem:telemonitoring-consent-required');
      // Dr Benali follows Jean, not Camille: her record does not exist for him.
      expect((await benali.post(`/api/v1/patients/${camilleId}/telemonitoring/enrolments`, prescription('oncology'))).status).toBe(404);
      // The patient sees her monitoring but does not operate it.
      expect((await camille.post(`/api/v1/patients/${camilleId}/telemonitoring/enrolments`, prescription('oncology'))).status).toBe(403);
      expect(
        (await camille.post(`/api/v1/patients/${camilleId}/consents`, { act: 'telemonitoring', informationVersion: '2026-01' })).status,
      ).toBe(201);
    });

    it('keeps the missing-data alert on whatever the operator asks, naming the field in the user’s language', async () => {
      const reply = await benali.put<Problem>(`/api/v1/patients/${jeanId}/telemonitoring/enrolments/${jeanEnrolment}/overrides`, {
        rules: { 'missing-data': { enabled: false }, 'weight-gain': { rise: 1.5 } },
      });
      expect(reply.status).toBe(400);
      expect(reply.body.errors).toEqual([
        {
          field: 'overrides.rules.missing-data.enabled',
          code: 'cannot-disable',
          message: 'The missing-data alert cannot be switched off (LATM referential).',
        },
      ]);
    });
  });

  describe('device ingestion', () => {
    it('stores one Observation once: a retry, even 20 at once, changes nothing', async () => {
      const scale = device(server.url, token);
      const before = await readingsOf(jeanId);
      const first = await scale.observation<{ interpretation: unknown[] }>(weight('single-1', 78.1, Date.now() - HOUR));
      expect(first.status).toBe(201);
      expect(first.contentType).toContain('application/fhir+json');
      const retries = await Promise.all(Array.from({ length: 20 }, () => scale.observation(weight('single-1', 78.1, Date.now() - HOUR))));
      expect(retries.map((r) => r.status)).toEqual(Array(20).fill(200));
      const racing = await Promise.all(
        Array.from({ length: 20 }, () => scale.observation(weight('single-2', 78.2, Date.now() - HOUR / 2))),
      );
      expect(racing.filter((r) => r.status === 201)).toHaveLength(1);
      expect(await readingsOf(jeanId)).toBe(before + 2);
    });

    it('keeps the valid entries of a batch and names the field of each refused one; a transaction is whole or nothing', async () => {
      const scale = device(server.url, token, 'en');
      const before = await readingsOf(jeanId);
      const at = Date.now() - 2 * HOUR;
      const batch = await scale.bundle<{
        type: string;
        entry: { response: { status: string; outcome?: { issue: { expression: string[]; diagnostics: string }[] } } }[];
      }>('batch', [
        weight('batch-1', 78.3, at),
        weight('batch-2', 7800, at),
        { ...weight('batch-3', 78, at), code: { coding: [{ system: 'http://loinc.org', code: '0000-0' }] } },
        weight('batch-4', 78.4, at, { valueQuantity: { value: 78.4, unit: 'stone', code: 'stone' } }),
        weight('batch-1', 78.3, at),
      ]);
      expect(batch.status).toBe(200);
      expect(batch.body.type).toBe('batch-response');
      expect(batch.body.entry.map((e) => e.response.status)).toEqual([
        '201 Created',
        '422 Unprocessable Entity',
        '422 Unprocessable Entity',
        '422 Unprocessable Entity',
        '200 OK',
      ]);
      expect(batch.body.entry[1]!.response.outcome!.issue[0]!.expression).toEqual(['entry[1].resource.valueQuantity.value']);
      expect(batch.body.entry[1]!.response.outcome!.issue[0]!.diagnostics).toMatch(/impossible for body weight/);
      expect(batch.body.entry[2]!.response.outcome!.issue[0]!.expression).toEqual(['entry[2].resource.code.coding']);
      expect(batch.body.entry[3]!.response.outcome!.issue[0]!.expression).toEqual(['entry[3].resource.valueQuantity.code']);
      expect(await readingsOf(jeanId)).toBe(before + 1);

      const transaction = await scale.bundle<Problem>('transaction', [weight('tx-1', 78.2, at), weight('tx-2', -3, at)]);
      expect(transaction.status).toBe(400);
      expect(transaction.contentType).toContain('application/problem+json');
      expect(transaction.body.errors!.map((e) => e.field)).toEqual(['entry[1].resource.valueQuantity.value']);
      expect(await readingsOf(jeanId)).toBe(before + 1);
    });

    it('takes NDJSON in bulk, line by line, and refuses a reading about someone else or from the future', async () => {
      const scale = device(server.url, token);
      const before = await readingsOf(jeanId);
      const at = Date.now() - 3 * HOUR;
      const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify(weight(`bulk-${i}`, 78 + (i % 5) / 10, at - i * 60_000)));
      lines.push('{pas du json');
      lines.push(JSON.stringify(weight('bulk-other', 78, at, { subject: { reference: `Patient/${camilleId}` } })));
      lines.push(JSON.stringify(weight('bulk-future', 78, Date.now() + 2 * HOUR)));
      const reply = await scale.ndjson<{ created: number; unchanged: number; refused: { index: number; errors: { field: string }[] }[] }>(
        lines,
      );
      expect(reply.status).toBe(200);
      expect(reply.body.created).toBe(50);
      expect(reply.body.refused.map((r) => [r.index, r.errors[0]!.field])).toEqual([
        [50, '[50]'],
        [51, 'subject.reference'],
        [52, 'effectiveDateTime'],
      ]);
      expect(await readingsOf(jeanId)).toBe(before + 50);
      expect(await readingsOf(camilleId)).toBe(await readingsOf(camilleId));
      const again = await scale.ndjson<{ created: number; unchanged: number }>(lines.slice(0, 50));
      expect(again.body).toMatchObject({ created: 0, unchanged: 50 });
    });

    it('a device credential reads nothing, acts as no one, and stops working once revoked', async () => {
      const openapi = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
      const deviceRoutes = ['/api/v1/telemonitoring/fhir/Observation', '/api/v1/telemonitoring/fhir', '/api/v1/telemonitoring/ndjson'];
      const answered: string[] = [];
      for (const [path, operations] of Object.entries(openapi.paths)) {
        if (!path.startsWith('/api/v1/') || deviceRoutes.includes(path) || path === '/api/v1/live') continue;
        for (const method of Object.keys(operations)) {
          const url = server.url + path.replace('{patientId}', jeanId).replace(/\{\w+\}/g, jeanEnrolment);
          // With the device's credential, or with nothing at all: the same answer.
          const send = (headers: Record<string, string>) =>
            fetch(url, {
              method: method.toUpperCase(),
              redirect: 'manual',
              headers: { ...headers, ...(method === 'get' ? {} : { 'content-type': 'application/json' }) },
              ...(method === 'get' ? {} : { body: '{}' }),
            });
          const [withToken, anonymous] = [await send({ authorization: `Bearer ${token}` }), await send({})];
          const text = await withToken.text();
          if (withToken.status !== anonymous.status)
            answered.push(`${method} ${path}: ${withToken.status}, ${anonymous.status} without it`);
          if (withToken.status < 400 && path.includes('patients')) answered.push(`${method} ${path}: ${withToken.status}`);
          if (text.includes('Moreau') || text.includes('MOREAU')) answered.push(`${method} ${path}: shows the patient`);
        }
      }
      expect(answered).toEqual([]);
      expect((await martin.post(`/api/v1/patients/${jeanId}/telemonitoring/devices/${deviceId}/revoke`, {})).status).toBe(200);
      const refused = await device(server.url, token).observation<Problem>(weight('after-revoke', 78, Date.now() - HOUR));
      expect(refused.status).toBe(401);
      expect(refused.body.type).toBe('urn:parcours:problem:telemonitoring-device-token-invalid');
      const issued = await martin.post<{ token: string }>(`/api/v1/patients/${jeanId}/telemonitoring/enrolments/${jeanEnrolment}/devices`, {
        label: 'Balance neuve',
      });
      token = issued.body.token;
    });
  });

  describe('alerts', () => {
    it('raises one urgent alert for a 2.5 kg gain in two days, out of order, marked HH; more readings update it', async () => {
      const scale = device(server.url, token);
      const now = Date.now();
      // The later, heavier reading arrives first; the earlier one late: each is placed by its own time.
      expect((await scale.observation(weight('gain-2', 80.6, now - 20 * 60_000))).status).toBe(201);
      expect((await scale.observation(weight('gain-1', 78.1, now - 40 * HOUR))).status).toBe(201);
      let alerts = (await monitoringOf(martin, jeanId)).alerts.filter((a) => a.ruleId === 'weight-gain' && a.state !== 'resolved');
      expect(alerts).toHaveLength(1);
      // 2.5 kg at least (the demo's steady weights wobble around 78 kg).
      expect(alerts[0]).toMatchObject({ level: 'urgent', state: 'open' });
      expect(alerts[0]!.observed).toBeGreaterThanOrEqual(2.5);
      const first = alerts[0]!;
      const readings = (await monitoringOf(jean, jeanId)).readings;
      expect(readings.find((r) => r.identifier === 'urn:test:scale|gain-2')!.interpretation).toBe('HH');
      expect((await scale.observation(weight('gain-3', 81.1, now - 10 * 60_000))).status).toBe(201);
      alerts = (await monitoringOf(martin, jeanId)).alerts.filter((a) => a.ruleId === 'weight-gain' && a.state !== 'resolved');
      expect(alerts.map((a) => a.id)).toEqual([first.id]);
      expect(alerts[0]!.observed).toBeCloseTo(first.observed! + 0.5, 5);
    });

    it('lets the care team acknowledge, snooze on the ladder and resolve; not the patient; a resolved alert takes nothing more', async () => {
      const alert = (await monitoringOf(martin, jeanId)).alerts.find((a) => a.ruleId === 'weight-gain' && a.state !== 'resolved')!;
      const base = `/api/v1/patients/${jeanId}/telemonitoring/alerts/${alert.id}`;
      expect((await jean.post(`${base}/acknowledge`, {})).status).toBe(403);
      const acknowledged = await benali.post<AlertView>(`${base}/acknowledge`, {});
      expect(acknowledged.status).toBe(200);
      expect(acknowledged.body.state).toBe('acknowledged');
      const offLadder = await benali.post<Problem>(`${base}/snooze`, { minutes: 45 });
      expect(offLadder.status).toBe(400);
      expect(offLadder.body.errors![0]).toMatchObject({ field: 'minutes', code: 'not-on-ladder' });
      const snoozed = await martin.post<AlertView>(`${base}/snooze`, { minutes: 30 });
      expect(snoozed.body.state).toBe('snoozed');
      const resolved = await martin.post<AlertView>(`${base}/resolve`, { note: 'Diurétique ajusté, rappel demain.' });
      expect(resolved.body.state).toBe('resolved');
      expect((await martin.post<Problem>(`${base}/acknowledge`, {})).status).toBe(409);
      const audit = await db()
        .selectFrom('audit_log')
        .select('action')
        .where('patient_id', '=', jeanId)
        .where('action', 'like', 'telemonitoring.alert-%')
        .execute();
      expect(audit.map((a) => a.action).sort()).toEqual([
        'telemonitoring.alert-acknowledge',
        'telemonitoring.alert-resolve',
        'telemonitoring.alert-snooze',
      ]);
      // The same evidence does not raise it again; the dashboard shows what is left.
      await device(server.url, token).observation(weight('gain-3', 81.1, Date.now() - 10 * 60_000));
      const dashboard = await martin.get<{ patients: { patientId: string; alerts: AlertView[] }[] }>('/api/v1/telemonitoring/dashboard');
      const jeanRow = dashboard.body.patients.find((p) => p.patientId === jeanId)!;
      expect(jeanRow.alerts.filter((a) => a.ruleId === 'weight-gain' && a.state !== 'resolved')).toEqual([]);
    });

    it('takes a reading typed in by the patient, checked like a device’s; the open low-glucose alert is updated, not repeated', async () => {
      const identifier = crypto.randomUUID();
      // The demo's latest glucose lies at 07:00, 12:00 or 19:00 UTC, perhaps a minute ago: this reading comes after it, so the alert shows it.
      const latest = Math.max(
        ...(await monitoringOf(camille, camilleId)).readings.filter((r) => r.kind === 'glucose').map((r) => Date.parse(r.effective)),
      );
      const effective = iso(Math.min(Date.now() - 1_000, Math.max(Date.now() - 5 * 60_000, latest + 1_000)));
      const body = { identifier, kind: 'glucose', value: 3.0, unit: 'mmol/L', effective };
      const entered = await camille.post<{ created: number }>(`/api/v1/patients/${camilleId}/telemonitoring/readings`, body);
      expect(entered.status).toBe(200);
      expect(entered.body.created).toBe(1);
      expect((await camille.post<{ created: number }>(`/api/v1/patients/${camilleId}/telemonitoring/readings`, body)).body.created).toBe(0);
      const lows = (await monitoringOf(camille, camilleId)).alerts.filter((a) => a.ruleId === 'glucose-low' && a.state !== 'resolved');
      expect(lows).toHaveLength(1);
      expect(lows[0]!.observed).toBe(54);
      const impossible = await camille.post<Problem>(`/api/v1/patients/${camilleId}/telemonitoring/readings`, {
        ...body,
        identifier: crypto.randomUUID(),
        value: 9_000,
      });
      expect(impossible.status).toBe(400);
      expect(impossible.body.errors![0]).toMatchObject({ field: 'value', code: 'impossible-value' });
      expect((await jean.post(`/api/v1/patients/${camilleId}/telemonitoring/readings`, body)).status).toBe(404);
      expect((await jean.get(`/api/v1/patients/${camilleId}/telemonitoring`)).status).toBe(404);
    });

    it('scores the oncology questionnaire into one alert: fever under treatment urgent, later answers update it, retries change nothing', async () => {
      const calm = ONCOLOGY_ANSWERS_WITHOUT_SYMPTOMS;
      const path = `/api/v1/patients/${camilleId}/telemonitoring/symptoms`;
      type Reply = {
        grade: number;
        level: string | null;
        findings: { symptom: string; grade: number; message: { fr: string } }[];
        created: boolean;
      };
      const symptomAlerts = async () =>
        (await monitoringOf(martin, camilleId)).alerts.filter((a) => a.ruleId === 'symptom-grade-high' && a.state !== 'resolved');

      const quiet = await camille.post<Reply>(path, { identifier: crypto.randomUUID(), answers: calm });
      expect(quiet.status).toBe(200);
      expect(quiet.body).toMatchObject({ grade: 0, level: null, findings: [], created: true });
      expect(await symptomAlerts()).toEqual([]);

      const feverish = { identifier: crypto.randomUUID(), answers: { ...calm, fever: true, temperature: 38.5, pain: 4 } };
      const fever = await camille.post<Reply>(path, feverish);
      expect(fever.body).toMatchObject({ grade: 3, level: 'urgent', created: true });
      expect(fever.body.findings.map((f) => [f.symptom, f.grade])).toEqual([
        ['fever', 3],
        ['pain', 2],
      ]);
      expect(fever.body.findings[0]!.message.fr).toMatch(/neutropénie fébrile/);
      let alerts = await symptomAlerts();
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ level: 'urgent', state: 'open', observed: 3 });
      const first = alerts[0]!.id;
      const monitoring = await monitoringOf(camille, camilleId);
      expect(monitoring.readings.find((r) => r.identifier === feverish.identifier)).toMatchObject({ value: 3, interpretation: 'HH' });
      const dashboard = await martin.get<{ patients: { patientId: string; topLevel: string; alerts: AlertView[] }[] }>(
        '/api/v1/telemonitoring/dashboard',
      );
      const row = dashboard.body.patients.find((p) => p.patientId === camilleId)!;
      expect(row.alerts.filter((a) => a.ruleId === 'symptom-grade-high').map((a) => a.id)).toEqual([first]);

      // Sent again: nothing new. A later, milder week: the same alert, updated, not a second one.
      expect((await camille.post<Reply>(path, feverish)).body).toMatchObject({ grade: 3, created: false });
      const milder = await camille.post<Reply>(path, { identifier: crypto.randomUUID(), answers: { ...calm, mucositis: 'moderate' } });
      expect(milder.body).toMatchObject({ grade: 2, level: 'warning' });
      alerts = await symptomAlerts();
      expect(alerts.map((a) => [a.id, a.level])).toEqual([[first, 'urgent']]);
      const reports = (await monitoringOf(martin, camilleId)) as MonitoringView & {
        symptomReports: { grade: number; findings: unknown[] }[];
      };
      expect(reports.symptomReports.slice(0, 3).map((r) => r.grade)).toEqual([2, 3, 0]);
    });

    it('refuses answers that do not fit the questionnaire, field by field, and a patient outside the oncology programme', async () => {
      const path = `/api/v1/patients/${camilleId}/telemonitoring/symptoms`;
      const wrong = await camille.post<Problem>(path, {
        identifier: crypto.randomUUID(),
        answers: { fever: false, pain: 11, mood: 'low' },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors!.map((e) => [e.field, e.code])).toEqual([
        ['answers.pain', 'invalid-value'],
        ['answers.mood', 'unknown-field'],
      ]);
      const incomplete = await camille.post<Problem>(path, { identifier: crypto.randomUUID(), answers: { fever: false } });
      expect(incomplete.status).toBe(400);
      expect(incomplete.body.errors!.map((e) => e.field)).toContain('answers.dyspnoea');
      const calm = ONCOLOGY_ANSWERS_WITHOUT_SYMPTOMS;
      const notFollowed = await jean.post<Problem>(`/api/v1/patients/${jeanId}/telemonitoring/symptoms`, {
        identifier: crypto.randomUUID(),
        answers: calm,
      });
      expect(notFollowed.status).toBe(409);
      expect(notFollowed.body.type).toBe('urn:parcours:problem:telemonitoring-not-in-programme');
      expect((await jean.post(path, { identifier: crypto.randomUUID(), answers: calm })).status).toBe(404);
    });

    it('raises missing data on schedule, then escalates what nobody acknowledged in time', async () => {
      const deps = serviceDeps(server.ctx);
      const later = new Date(Date.now() + 4 * 24 * HOUR);
      const changes = await evaluateEveryone(deps, later);
      const missing = changes.filter((c) => c.alert.rule_id === 'missing-data');
      // Camille's diabetes and respiratory programmes each expect their own data (her weekly questionnaire is not late).
      expect([...new Set(missing.map((c) => c.alert.patient_id))].sort()).toEqual([camilleId, jeanId].sort());
      expect(missing).toHaveLength(3);
      expect(missing.every((c) => c.alert.level === 'urgent')).toBe(true);
      expect(await evaluateEveryone(deps, later)).toEqual([]);
      const escalated = await escalateOverdue(deps, new Date(later.getTime() + 2 * HOUR));
      expect(escalated).toEqual(expect.arrayContaining(missing.map((c) => c.alert.id)));
    });
  });

  describe('monthly report', () => {
    interface Report {
      rows: {
        patientId: string;
        programme: string;
        monthOfPrescription: number;
        expectedPeriods: number;
        periodsWithData: number;
        transmissionRate: number | null;
        billable: boolean;
        operatorFee: number | null;
        technicalFee: number | null;
        reasons: { code: string; text: string }[];
      }[];
      totals: { patients: number; billable: number; operatorFees: number; technicalFees: number };
    }

    it('gives the operator each patient’s transmission rate and forfaits for a month, as CSV too; to the care team only', async () => {
      // The month Jean's heart-failure monitoring began (the demo's, a month ago): daily weighings since.
      const start = new Date((await monitoringOf(martin, jeanId)).enrolments.find((e) => e.id === jeanEnrolment)!.startsAt);
      const month = start.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }).slice(0, 7);
      const report = await martin.get<Report>(`/api/v1/telemonitoring/report?month=${month}`);
      expect(report.status).toBe(200);
      const jean = report.body.rows.find((r) => r.patientId === jeanId && r.programme === 'heart-failure')!;
      expect(jean.monthOfPrescription).toBe(1);
      expect(jean.expectedPeriods).toBeGreaterThan(0);
      expect(jean.transmissionRate).toBe(jean.periodsWithData / jean.expectedPeriods);
      expect(jean.transmissionRate).toBeGreaterThan(0.5);
      expect(jean).toMatchObject({ billable: true, operatorFee: 28, technicalFee: 50, reasons: [] });
      for (const row of report.body.rows) {
        // The oncology operator forfait's level is uncertain (factsheet §4.3): billable, amount unknown.
        if (!row.billable) expect(row.reasons.length).toBeGreaterThan(0);
        else if (row.programme !== 'oncology') expect(row.operatorFee).not.toBeNull();
      }
      const sum = (key: 'operatorFee' | 'technicalFee') => report.body.rows.reduce((total, row) => total + (row[key] ?? 0), 0);
      expect(report.body.totals).toMatchObject({ operatorFees: sum('operatorFee'), technicalFees: sum('technicalFee') });

      const csv = await fetch(`${server.url}/api/v1/telemonitoring/report?month=${month}&format=csv`, {
        headers: { cookie: martin.cookie! },
      });
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const lines = (await csv.text()).trim().split('\r\n');
      expect(lines[0]).toMatch(/^mois,patient,programme,niveau,mois de prescription/);
      expect(lines).toHaveLength(report.body.rows.length + 1);
      expect(
        lines.some((line) => line.includes('Jean MOREAU,insuffisance cardiaque,standard,1,') && line.includes(',oui,28.00,50.00,')),
      ).toBe(true);

      // Nothing before the demo; a month is YYYY-MM; a patient operates nothing; Dr Benali sees only Jean.
      expect((await martin.get<Report>('/api/v1/telemonitoring/report?month=2020-01')).body.rows).toEqual([]);
      const bad = await martin.get<Problem>('/api/v1/telemonitoring/report?month=2026-13');
      expect(bad.status).toBe(400);
      expect(bad.body.errors!.map((e) => e.field)).toEqual(['querystring.month']);
      expect((await camille.get(`/api/v1/telemonitoring/report?month=${month}`)).status).toBe(403);
      const benalis = await benali.get<Report>(`/api/v1/telemonitoring/report?month=${month}`);
      expect(benalis.body.rows.every((r) => r.patientId === jeanId)).toBe(true);
    });
  });
});
