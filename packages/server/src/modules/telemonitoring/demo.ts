// The demo's telemonitoring: Jean Moreau (heart failure, a connected scale, four weeks of steady
// weight) and Camille Petit (type 1 diabetes, three weeks of glucose, a low at the latest; and
// oncology, a symptom questionnaire each week, the latest calm), both followed by Dr Martin. Readings are placed relative to the seeding, so the demo is always current.
import {
  evaluate,
  ONCOLOGY_ANSWERS_WITHOUT_SYMPTOMS,
  ONCOLOGY_QUESTIONNAIRE_URL,
  ONCOLOGY_QUESTIONNAIRE_VERSION,
  scoreOncologyQuestionnaire,
  type Indication,
  type Reading,
} from '@parcours/domain';
import { randomToken, tokenHash } from '../../platform/auth/secrets.js';
import type { Tx } from '../../platform/database/database.js';
import type { DemoIds } from '../../platform/module.js';
import { recordCollectedConsent } from '../consent/service.js';
import { evaluatePatient } from './evaluation.js';
import { insertDevice, insertEnrolment, insertReadings, lockLiveEnrolments, setInterpretations } from './store.js';
import { insertSymptomReport } from './symptom-store.js';

const DAY = 86_400_000;

/** A deterministic wobble (no randomness in the demo: the same seed shows the same charts). */
const wobble = (i: number, amplitude: number) => Math.round(Math.sin(i * 1.7) * amplitude * 10) / 10;

/** `hour` o'clock UTC, `days` days before today. */
function dayAt(now: Date, days: number, hour: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour) - days * DAY);
}

function scalar(identifier: string, kind: 'bodyWeight' | 'glucose', at: Date, value: number, unit: string): Reading {
  return { identifier, kind, effective: at.toISOString(), at: at.getTime(), value, unit };
}

async function enrolDemo(
  tx: Tx,
  ids: DemoIds,
  patientEmail: string,
  programme: Indication,
  readings: Reading[],
  now: Date,
  device: string | null,
): Promise<void> {
  const patientId = ids.get(`patient:${patientEmail}`)!;
  const doctor = ids.get('dr.martin@demo.parcours.fr')!;
  // One consent covers the patient's programmes.
  if (!ids.has(`telemonitoring-consent:${patientEmail}`)) {
    await recordCollectedConsent(tx, { patientId, act: 'telemonitoring', givenBy: ids.get(patientEmail)! });
    ids.set(`telemonitoring-consent:${patientEmail}`, patientId);
  }
  const startsAt = new Date(now.getTime() - 30 * DAY);
  // The centre operates, declared to the ARS; adults both: the rules' decision of that day.
  const eligibility = evaluate({
    kind: 'telemonitoring',
    date: startsAt.toISOString().slice(0, 10),
    indication: programme,
    patient: { age: 40 },
    prescriber: { specialty: 'general-practice' },
    operator: { declaredToArs: true },
    monthsSincePrescription: 1,
  });
  const enrolment = await insertEnrolment(tx, {
    patientId,
    organisationId: ids.get('organisation')!,
    programme,
    prescriberId: doctor,
    operatorId: doctor,
    startsAt,
    endsAt: new Date(now.getTime() + 335 * DAY),
    overrides: {},
    operatorKind: 'structure',
    arsDeclaration: 'DS-2026-0042',
    patientInformedAt: startsAt,
    eligibility,
  });
  if (!ids.has(`telemonitoring-enrolment:${patientEmail}`)) ids.set(`telemonitoring-enrolment:${patientEmail}`, enrolment!.id);
  // A credential no one knows the token of: the demo's devices are shown, not used.
  if (device)
    await insertDevice(tx, {
      enrolmentId: enrolment!.id,
      patientId,
      label: device,
      tokenHash: tokenHash(randomToken()),
      createdBy: doctor,
    });
  await insertReadings(tx, patientId, readings, { kind: 'device', deviceId: null });
  const enrolments = await lockLiveEnrolments(tx, patientId, now);
  const { interpretations } = await evaluatePatient(tx, patientId, enrolments, now);
  await setInterpretations(tx, patientId, new Map([...interpretations].filter(([, code]) => code !== 'N')));
}

export async function seedTelemonitoringDemo(tx: Tx, ids: DemoIds, now = new Date()): Promise<void> {
  // Jean: a daily weighing for four weeks, steady around 78 kg.
  const weights = Array.from({ length: 28 }, (_, i) => {
    const at = dayAt(now, 28 - i, 8);
    return scalar(`urn:demo:balance|jean-${i}`, 'bodyWeight', at, Math.round((78 + wobble(i, 0.4)) * 10) / 10, 'kg');
  });
  // Today's weighing, once its time has come.
  if (dayAt(now, 0, 8) <= now) weights.push(scalar('urn:demo:balance|jean-28', 'bodyWeight', dayAt(now, 0, 8), 78.1, 'kg'));
  await enrolDemo(tx, ids, 'jean.moreau@demo.parcours.fr', 'heart-failure', weights, now, 'Balance connectée');
  // Camille: glucose before breakfast, lunch and dinner for three weeks; a hypoglycaemia at the latest.
  const glucose: Reading[] = [];
  for (let day = 20; day >= 0; day--) {
    for (const [slot, hour] of [7, 12, 19].entries()) {
      const at = dayAt(now, day, hour);
      if (at > now) continue;
      const i = day * 3 + slot;
      glucose.push(scalar(`urn:demo:glucometre|camille-${i}`, 'glucose', at, Math.round(125 + wobble(i, 45)), 'mg/dL'));
    }
  }
  glucose[glucose.length - 1] = { ...glucose.at(-1)!, value: 62 } as Reading;
  await enrolDemo(tx, ids, 'camille.petit@demo.parcours.fr', 'diabetes', glucose, now, 'Lecteur de glycémie');
  // Camille's symptom questionnaire, answered each week on her phone: some tiredness three weeks
  // ago, calm since (grade 0: no alert open, and nothing missing for days).
  const weeks = [21, 14, 7, 2].map((days, i) => ({
    identifier: `urn:demo:symptomes|camille-${i}`,
    at: dayAt(now, days, 9),
    answers: { ...ONCOLOGY_ANSWERS_WITHOUT_SYMPTOMS, fatigue: days === 21 ? 'relieved-by-rest' : 'none' },
  }));
  const patientId = ids.get('patient:camille.petit@demo.parcours.fr')!;
  for (const week of weeks) {
    const { grade, findings } = scoreOncologyQuestionnaire(week.answers);
    await insertSymptomReport(tx, {
      patientId,
      identifier: week.identifier,
      questionnaire: `${ONCOLOGY_QUESTIONNAIRE_URL}|${ONCOLOGY_QUESTIONNAIRE_VERSION}`,
      answers: week.answers,
      grade,
      findings,
      answeredAt: week.at,
      source: 'patient',
    });
  }
  const grades: Reading[] = weeks.map((week) => ({
    identifier: week.identifier,
    kind: 'symptomGrade',
    effective: week.at.toISOString(),
    at: week.at.getTime(),
    value: scoreOncologyQuestionnaire(week.answers).grade,
    unit: '{grade}',
  }));
  await enrolDemo(tx, ids, 'camille.petit@demo.parcours.fr', 'oncology', grades, now, null);
}
