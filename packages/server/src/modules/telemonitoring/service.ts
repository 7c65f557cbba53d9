// The telemonitoring module's use cases, and its surface for other modules: enrolment (with the
// patient's consent), per-patient adjustments, device credentials, readings entered by hand, the
// alerts the team acts on, the dashboard. Every access to a patient's data is authorised (care
// relationship, or the patient themself) and audited.
import {
  applyOverrides,
  checkOncologyAnswers,
  normaliseReading,
  ONCOLOGY_QUESTIONNAIRE_URL,
  ONCOLOGY_QUESTIONNAIRE_VERSION,
  PROGRAMMES,
  scoreOncologyQuestionnaire,
  snoozeAlert,
  type Answers,
  type Indication,
  type PatientOverrides,
  type ReadingInput,
} from '@parcours/domain';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { audited } from '../../platform/audit/audit.js';
import { randomToken, tokenHash } from '../../platform/auth/secrets.js';
import type { ServiceDeps } from '../../platform/context.js';
import type { Tx } from '../../platform/database/database.js';
import type { Language } from '../../platform/http/language.js';
import { Problem, problem, type FieldIssue } from '../../platform/http/problem.js';
import { hasConsent } from '../consent/service.js';
import { hasCareRelationship, patientSummaries } from '../patients/service.js';
import { monitoringAccess, operatingOrganisations, operatorAccess } from './access.js';
import { decideEligibility, firstDay, refusesEnrolment } from './eligibility.js';
import { storeReadings } from './ingest.js';
import { announceAction, announceAlerts } from './live.js';
import { MAX_AGE_MS } from './payloads.js';
import type {
  Dashboard,
  EligibilityBody,
  EnrolBody,
  ManualReading,
  Monitoring,
  Overrides,
  SymptomsBody,
  SymptomsReply,
} from './schemas.js';
import {
  acknowledgeAlert,
  alertOfPatient,
  alertsOfPatient,
  devicesOfPatient,
  enrolmentById,
  enrolmentsOfPatient,
  insertDevice,
  insertEnrolment,
  lastReadingTimes,
  liveAlertsOfPatients,
  liveEnrolmentsIn,
  readingsSince,
  resolveAlertRow,
  revokeDevice as revokeDeviceRow,
  setOverrides as storeOverrides,
  snoozeAlertRow,
  type AlertRow,
} from './store.js';
import { insertSymptomReport, symptomReportsSince } from './symptom-store.js';
import { alertView, deviceView, eligibilityView, enrolmentView, openAlertOf, readingView, symptomReportView } from './views.js';

export { telemonitoringTopic } from './live.js';

const ZONE = 'Europe/Paris';

function overrideIssues(overrides: z.infer<typeof Overrides>, programme: Indication, language: Language): PatientOverrides {
  const applied = applyOverrides(PROGRAMMES[programme], overrides as PatientOverrides);
  if (!applied.ok)
    throw problem.validation(applied.issues.map((i) => ({ field: `overrides.${i.path}`, code: i.code, message: i.message[language] })));
  return overrides as PatientOverrides;
}

/**
 * What the rules say of enrolling this patient, before the prescriber confirms: eligibility, the
 * forfaits, and why not. Read by a professional caring for the patient; it reads the birth date.
 */
export async function eligibility(
  deps: ServiceDeps,
  actor: Actor,
  patientId: string,
  body: z.infer<typeof EligibilityBody>,
  language: Language,
) {
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'telemonitoring.eligibility',
      resource: { type: 'Patient', id: patientId },
      patientId,
      authorize: () => operatorAccess(deps.db, actor, patientId),
    },
    async (db) => eligibilityView(await decideEligibility(db, actor, patientId, body), language),
  );
}

/**
 * Enrols a patient in a programme: by a professional caring for them, once the patient has
 * consented (consent module) and been told that telemonitoring is no emergency service, for at most
 * a year from its first day, when the rules allow the prescription (an undeclared operator may
 * enrol, but bills nothing until declared: the decision kept says so). The database refuses a
 * second live enrolment in the same programme.
 */
export async function enrol(deps: ServiceDeps, actor: Actor, patientId: string, body: z.infer<typeof EnrolBody>, language: Language) {
  const { db } = deps;
  const organisations = operatingOrganisations(actor);
  const organisationId = body.organisationId ?? organisations[0];
  return audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'telemonitoring.enrol',
      resource: { type: 'CarePlan' },
      patientId,
      ...(organisationId ? { organisationId } : {}),
      authorize: async () => {
        const role = await operatorAccess(db, actor, patientId);
        if (!organisationId || !organisations.includes(organisationId))
          throw problem.validation([
            {
              field: 'organisationId',
              code: 'not-a-member',
              message: language === 'fr' ? 'Vous n’exercez pas dans cette organisation.' : 'You do not practise in this organisation.',
            },
          ]);
        if (!(await hasConsent(db, patientId, 'telemonitoring'))) throw problem.conflict('telemonitoring-consent-required');
        return role;
      },
    },
    async (tx) => {
      const overrides = body.overrides ? overrideIssues(body.overrides, body.programme, language) : {};
      const decision = await decideEligibility(tx, actor, patientId, body);
      if (refusesEnrolment(decision))
        throw new Problem(422, 'telemonitoring-not-eligible', { reasons: eligibilityView(decision, language).reasons });
      const start = DateTime.fromISO(firstDay(body.startsOn), { zone: ZONE });
      const row = await insertEnrolment(tx, {
        patientId,
        organisationId: organisationId!,
        programme: body.programme,
        prescriberId: actor.accountId,
        operatorId: actor.accountId,
        startsAt: start.toJSDate(),
        endsAt: start.plus({ months: body.months }).toJSDate(),
        overrides,
        level: body.level,
        operatorKind: body.operator.kind,
        arsDeclaration: body.operator.arsDeclaration,
        patientInformedAt: new Date(),
        eligibility: decision,
      });
      if (!row) throw problem.conflict('telemonitoring-already-enrolled');
      return enrolmentView(row, language);
    },
  );
}

/** The operator adjusts a patient's rules (the missing-data alert stays on: the domain refuses it). */
export async function setOverrides(
  deps: ServiceDeps,
  actor: Actor,
  patientId: string,
  enrolmentId: string,
  overrides: z.infer<typeof Overrides>,
  language: Language,
) {
  const { db } = deps;
  return audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'telemonitoring.adjust',
      resource: { type: 'CarePlan', id: enrolmentId },
      patientId,
      authorize: () => operatorAccess(db, actor, patientId),
    },
    async (tx) => {
      const enrolment = await enrolmentById(tx, enrolmentId);
      if (!enrolment || enrolment.patient_id !== patientId) throw problem.notFound();
      if (enrolment.ended_at) throw problem.conflict('telemonitoring-enrolment-ended');
      const checked = overrideIssues(overrides, enrolment.programme, language);
      await storeOverrides(tx, enrolmentId, checked);
      return enrolmentView({ ...enrolment, overrides: checked });
    },
  );
}

/** A patient's monitoring: their programmes, readings of the last days, alerts; the devices for the care team. */
export async function monitoring(
  deps: ServiceDeps,
  actor: Actor,
  patientId: string,
  days: number,
  language: Language = 'fr',
  now = new Date(),
): Promise<z.infer<typeof Monitoring>> {
  const { db } = deps;
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'telemonitoring.read',
      resource: { type: 'Observation' },
      patientId,
      authorize: () => monitoringAccess(db, actor, patientId),
    },
    async (tx) => {
      const since = new Date(now.getTime() - days * 24 * 3_600_000);
      const [enrolments, readings, alerts, devices, symptomReports] = await Promise.all([
        enrolmentsOfPatient(tx, patientId),
        readingsSince(
          tx,
          patientId,
          ['bodyWeight', 'spo2', 'heartRate', 'bloodPressure', 'glucose', 'bodyTemperature', 'oxygenUseHours', 'symptomGrade'],
          since,
        ),
        alertsOfPatient(tx, patientId, since),
        actor.patientIds.includes(patientId) ? Promise.resolve([]) : devicesOfPatient(tx, patientId),
        symptomReportsSince(tx, patientId, since),
      ]);
      return {
        patientId,
        enrolments: enrolments.map((enrolment) => enrolmentView(enrolment, language)),
        devices: devices.map(deviceView),
        readings: readings.map(readingView),
        alerts: alerts.map((row) => alertView(row, now)),
        symptomReports: symptomReports.map(symptomReportView),
      };
    },
  );
}

/** A device credential for an enrolment: the token is answered once; only its hash is kept. */
export async function createDevice(deps: ServiceDeps, actor: Actor, patientId: string, enrolmentId: string, label: string) {
  const { db } = deps;
  return audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'telemonitoring.device-create',
      resource: { type: 'Device' },
      patientId,
      authorize: () => operatorAccess(db, actor, patientId),
    },
    async (tx) => {
      const enrolment = await enrolmentById(tx, enrolmentId);
      if (!enrolment || enrolment.patient_id !== patientId) throw problem.notFound();
      if (enrolment.ended_at) throw problem.conflict('telemonitoring-enrolment-ended');
      const token = randomToken();
      const row = await insertDevice(tx, { enrolmentId, patientId, label, tokenHash: tokenHash(token), createdBy: actor.accountId });
      return { ...deviceView(row), token };
    },
  );
}

export async function revokeDevice(deps: ServiceDeps, actor: Actor, patientId: string, deviceId: string, now = new Date()) {
  const { db } = deps;
  return audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'telemonitoring.device-revoke',
      resource: { type: 'Device', id: deviceId },
      patientId,
      authorize: () => operatorAccess(db, actor, patientId),
    },
    async (tx) => {
      const row = await revokeDeviceRow(tx, patientId, deviceId, now);
      if (!row) throw problem.notFound();
      return deviceView(row);
    },
  );
}

/** A reading typed in by the patient (or their parent) or a carer: checked as a device's, stored and evaluated alike. */
export async function enterReading(
  deps: ServiceDeps,
  actor: Actor,
  patientId: string,
  body: z.infer<typeof ManualReading>,
  language: Language,
  now = new Date(),
) {
  const { db } = deps;
  const input = (
    body.kind === 'bloodPressure'
      ? {
          kind: body.kind,
          identifier: body.identifier,
          effective: body.effective,
          systolic: body.systolic ?? NaN,
          diastolic: body.diastolic ?? NaN,
          unit: body.unit,
        }
      : { kind: body.kind, identifier: body.identifier, effective: body.effective, value: body.value ?? NaN, unit: body.unit }
  ) as ReadingInput;
  const parsed = normaliseReading(input, { now });
  const issues: FieldIssue[] = parsed.ok ? [] : parsed.issues.map((i) => ({ field: i.path, code: i.code, message: i.message[language] }));
  if (parsed.ok && parsed.reading.at < now.getTime() - MAX_AGE_MS)
    issues.push({
      field: 'effective',
      code: 'invalid-time',
      message: language === 'fr' ? 'La mesure date de plus d’un an.' : 'The reading is more than a year old.',
    });
  if (!parsed.ok || issues.length) throw problem.validation(issues);
  const { reading } = parsed;
  const stored = await audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'telemonitoring.enter-reading',
      resource: { type: 'Observation' },
      patientId,
      authorize: () => monitoringAccess(db, actor, patientId),
    },
    async (tx) => {
      const source = actor.patientIds.includes(patientId) ? 'patient' : 'practitioner';
      // A change runs in its own transaction (audited): the queued mails commit with it.
      return storeReadings(tx as Tx, deps, patientId, [reading], { kind: source, deviceId: null }, now);
    },
  );
  announceAlerts(deps.events, stored.changes);
  return { created: stored.created.size, unchanged: 1 - stored.created.size, refused: [] };
}

/**
 * The oncology symptom questionnaire answered by the patient (or a carer): checked against the
 * questionnaire, scored (domain), kept with its answers, and its grade stored as a `symptomGrade`
 * reading of the same identifier — evaluated by the alert engine like any reading, so an open alert
 * is updated, not repeated. Only while the patient is followed in the oncology programme.
 */
export async function answerSymptoms(
  deps: ServiceDeps,
  actor: Actor,
  patientId: string,
  body: z.infer<typeof SymptomsBody>,
  language: Language,
  now = new Date(),
): Promise<z.infer<typeof SymptomsReply>> {
  const { db } = deps;
  const issues: FieldIssue[] = checkOncologyAnswers(body.answers).map((i) => ({
    field: i.path,
    code: i.code,
    message: i.message[language],
  }));
  const answeredAt = body.answeredAt ? new Date(body.answeredAt) : now;
  const reading = normaliseReading(
    { kind: 'symptomGrade', identifier: body.identifier, effective: answeredAt.toISOString(), value: 0, unit: '{grade}' },
    { now },
  );
  if (!reading.ok || answeredAt.getTime() < now.getTime() - MAX_AGE_MS)
    issues.push({
      field: 'answeredAt',
      code: 'invalid-time',
      message:
        language === 'fr'
          ? 'La date de réponse est dans le futur ou date de plus d’un an.'
          : 'The answer time is in the future or more than a year old.',
    });
  if (issues.length || !reading.ok) throw problem.validation(issues);
  const answers = body.answers as Answers;
  const score = scoreOncologyQuestionnaire(answers);
  const { stored, created } = await audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'telemonitoring.answer-symptoms',
      resource: { type: 'QuestionnaireResponse' },
      patientId,
      authorize: () => monitoringAccess(db, actor, patientId),
    },
    async (tx) => {
      const enrolments = await enrolmentsOfPatient(tx, patientId);
      const followed = enrolments.some((e) => e.programme === 'oncology' && !e.ended_at && e.starts_at <= now && e.ends_at > now);
      if (!followed) throw problem.conflict('telemonitoring-not-in-programme');
      const source = actor.patientIds.includes(patientId) ? 'patient' : 'practitioner';
      const created = await insertSymptomReport(tx as Tx, {
        patientId,
        identifier: body.identifier,
        questionnaire: `${ONCOLOGY_QUESTIONNAIRE_URL}|${ONCOLOGY_QUESTIONNAIRE_VERSION}`,
        answers,
        grade: score.grade,
        findings: score.findings,
        answeredAt,
        source,
      });
      const graded = { ...reading.reading, value: score.grade } as typeof reading.reading;
      // The reading's evaluation and the queued mails commit with the questionnaire.
      const stored = await storeReadings(tx as Tx, deps, patientId, [graded], { kind: source, deviceId: null }, now);
      return { stored, created };
    },
  );
  announceAlerts(deps.events, stored.changes);
  return {
    identifier: body.identifier,
    answeredAt: answeredAt.toISOString(),
    grade: score.grade,
    level: score.level ?? null,
    findings: score.findings,
    created,
  };
}

// ——— Alerts ———

async function onAlert(
  deps: ServiceDeps,
  actor: Actor,
  patientId: string,
  alertId: string,
  action: 'acknowledge' | 'snooze' | 'resolve',
  act: (tx: ServiceDeps['db'], alert: AlertRow) => Promise<AlertRow>,
  now: Date,
) {
  const { db } = deps;
  const row = await audited(
    deps,
    {
      actor,
      kind: 'change',
      action: `telemonitoring.alert-${action}`,
      resource: { type: 'Flag', id: alertId },
      patientId,
      authorize: () => operatorAccess(db, actor, patientId),
    },
    async (tx) => {
      const alert = await alertOfPatient(tx, patientId, alertId);
      if (!alert) throw problem.notFound();
      if (alert.status === 'resolved') throw problem.conflict('telemonitoring-alert-resolved');
      return act(tx, alert);
    },
  );
  announceAction(deps.events, row, action);
  return alertView(row, now);
}

export function acknowledge(deps: ServiceDeps, actor: Actor, patientId: string, alertId: string, now = new Date()) {
  return onAlert(deps, actor, patientId, alertId, 'acknowledge', (tx, alert) => acknowledgeAlert(tx, alert.id, actor.accountId, now), now);
}

/** Silences an alert for a step of its level's ladder; new urgent evidence wakes it (domain: isSnoozed). */
export function snooze(
  deps: ServiceDeps,
  actor: Actor,
  patientId: string,
  alertId: string,
  minutes: number,
  language: Language,
  now = new Date(),
) {
  return onAlert(
    deps,
    actor,
    patientId,
    alertId,
    'snooze',
    async (tx, alert) => {
      const result = snoozeAlert(openAlertOf(alert), minutes, now);
      if (!result.ok) throw problem.validation([{ field: 'minutes', code: result.code, message: result.message[language] }]);
      return snoozeAlertRow(tx, alert.id, result.snooze, now);
    },
    now,
  );
}

export function resolve(deps: ServiceDeps, actor: Actor, patientId: string, alertId: string, note: string, now = new Date()) {
  return onAlert(
    deps,
    actor,
    patientId,
    alertId,
    'resolve',
    (tx, alert) => resolveAlertRow(tx, alert.id, { accountId: actor.accountId, note }, now),
    now,
  );
}

// ——— The dashboard ———

const RANK = { urgent: 3, warning: 2, info: 1 } as const;

/**
 * The practitioner's patients under telemonitoring, in the organisations where they practise and
 * in their care: open alerts by level, most severe first. One audit entry per patient shown.
 */
export async function dashboard(deps: ServiceDeps, actor: Actor, now = new Date()): Promise<z.infer<typeof Dashboard>> {
  const { db } = deps;
  const organisationIds = operatingOrganisations(actor);
  const enrolments = await liveEnrolmentsIn(db, organisationIds, now);
  const patientIds: string[] = [];
  for (const id of new Set(enrolments.map((e) => e.patient_id))) if (await hasCareRelationship(db, actor, id, now)) patientIds.push(id);
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'telemonitoring.read',
      resource: { type: 'Observation' },
      authorize: () => 'practitioner',
      entries: (result: z.infer<typeof Dashboard>, role) =>
        result.patients.map((p) => ({ actor, role, action: 'telemonitoring.read', resource: { type: 'Flag' }, patientId: p.patientId })),
    },
    async (tx) => {
      const [names, alerts, lastReadings] = await Promise.all([
        patientSummaries(tx, patientIds),
        liveAlertsOfPatients(tx, patientIds),
        lastReadingTimes(tx, patientIds),
      ]);
      const patients = patientIds.map((patientId) => {
        const mine = alerts.filter((a) => a.patient_id === patientId).map((a) => alertView(a, now));
        const active = mine.filter((a) => a.state === 'open' || a.state === 'acknowledged');
        const count = (level: 'info' | 'warning' | 'urgent') => active.filter((a) => a.level === level && a.state === 'open').length;
        const top = active.reduce<'info' | 'warning' | 'urgent' | null>(
          (best, a) => (!best || RANK[a.level] > RANK[best] ? a.level : best),
          null,
        );
        return {
          patientId,
          name: names.get(patientId)?.name ?? '',
          programmes: enrolments.filter((e) => e.patient_id === patientId).map((e) => e.programme),
          lastReadingAt: lastReadings.get(patientId)?.toISOString() ?? null,
          topLevel: top,
          openAlerts: { info: count('info'), warning: count('warning'), urgent: count('urgent') },
          alerts: mine.sort((a, b) => RANK[b.level] - RANK[a.level] || b.lastEvidenceAt.localeCompare(a.lastEvidenceAt)),
        };
      });
      const score = (p: (typeof patients)[number]) => p.openAlerts.urgent * 10_000 + p.openAlerts.warning * 100 + p.openAlerts.info;
      patients.sort(
        (a, b) =>
          score(b) - score(a) ||
          (a.topLevel ? -RANK[a.topLevel] : 0) - (b.topLevel ? -RANK[b.topLevel] : 0) ||
          a.name.localeCompare(b.name),
      );
      return { organisationIds, patients };
    },
  );
}
