// The triage module's use cases, and its surface for other modules: the contract's orientation of
// cases, the questionnaire a patient answers (an organisation's copy or the default), the patient's
// answers with their orientation (health data: authorised by the record's rules and audited), the
// practitioner's view of them beside the agenda, the organisation's copy, and the funnel.
import {
  ANSWERS_OPEN_WHILE,
  checkAnswers,
  checkRequiredAnswers,
  DEFAULT_TRIAGE,
  dropHiddenAnswers,
  orient,
  orientCase,
  reasonText,
  responseOf,
  TriageCaseError,
  validateTriageQuestionnaire,
  type AnswerValue,
  type Orientation,
  type TriageIssue,
  type TriageQuestionnaire,
} from '@parcours/domain';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { authorizeOrganisationAdmin, managesPatient } from '../../platform/auth/policy.js';
import { audited } from '../../platform/audit/audit.js';
import type { ServiceDeps } from '../../platform/context.js';
import type { Db } from '../../platform/database/database.js';
import { negotiateLanguage, type Language } from '../../platform/http/language.js';
import { problem, type FieldIssue } from '../../platform/http/problem.js';
import { hasCareRelationship, patientBirthDate, patientRecordAccess } from '../patients/service.js';
import type { AppointmentOrientation, Funnel, QuestionnaireReply, SubmitResponse, TriageResponse } from './schemas.js';
import {
  copyById,
  funnelCounts,
  insertCopy,
  insertFunnelEvent,
  insertResponse,
  latestCopy,
  linkToAppointment,
  responseById,
  responsesOf,
  responsesOfAppointments,
  versionExists,
  type ResponseRow,
} from './store.js';
import type { FunnelEvent } from './tables.js';

/** Cases in one call: a checker's whole set of vignettes, few enough that one call costs milliseconds. */
export const MAX_CASES = 1_000;
/** Appointments whose orientation one agenda asks at once. */
export const MAX_APPOINTMENTS = 200;

const TOO_MANY = {
  fr: `Le corps ne peut pas contenir plus de ${MAX_CASES} cas.`,
  en: `The body cannot hold more than ${MAX_CASES} cases.`,
};

/** Our issues, in the user's language, as the problem's fields: the field beside the message. */
function fieldIssues(issues: TriageIssue[], language: Language, prefix?: string): FieldIssue[] {
  return issues.map((issue) => ({
    field: prefix === undefined ? issue.path || '(body)' : issue.path ? `${prefix}.${issue.path}` : prefix,
    code: issue.code,
    message: (issue.detail ?? issue.message)[language],
  }));
}

/**
 * `POST /api/v1/triage/orient`: one case or an array of them, oriented with the default
 * questionnaire. Nothing is stored or read: there is nothing to audit.
 */
export function orientCases(body: unknown, acceptLanguage: string | undefined): Orientation | Orientation[] {
  const language = negotiateLanguage(acceptLanguage);
  const one = (input: unknown, index?: number): Orientation => {
    try {
      return orientCase(input);
    } catch (error) {
      if (!(error instanceof TriageCaseError)) throw error;
      throw problem.validation(fieldIssues(error.issues, language, index === undefined ? undefined : `[${index}]`));
    }
  };
  if (!Array.isArray(body)) return one(body);
  if (body.length > MAX_CASES) throw problem.validation([{ field: '(body)', code: 'out-of-range', message: TOO_MANY[language] }]);
  return body.map((input, index) => one(input, index));
}

// ——— The questionnaire ———

interface Chosen {
  id: string | null;
  organisationId: string | null;
  triage: TriageQuestionnaire;
}

/** The questionnaire patients of an organisation answer: its latest copy, or the default. */
async function chosenQuestionnaire(db: Db, organisationId: string | undefined): Promise<Chosen> {
  const copy = organisationId ? await latestCopy(db, organisationId) : undefined;
  if (!copy) return { id: null, organisationId: organisationId ?? null, triage: DEFAULT_TRIAGE };
  return { id: copy.id, organisationId: organisationId!, triage: copy.definition as TriageQuestionnaire };
}

function questionnaireReply(chosen: Chosen): z.infer<typeof QuestionnaireReply> {
  return {
    id: chosen.id,
    organisationId: chosen.organisationId,
    version: chosen.triage.questionnaire.version ?? '',
    triage: chosen.triage as unknown as z.infer<typeof QuestionnaireReply>['triage'],
  };
}

/** The questionnaire to answer before booking with an organisation (no personal data). */
export async function questionnaireToAnswer(deps: ServiceDeps, organisationId: string | undefined) {
  return questionnaireReply(await chosenQuestionnaire(deps.db, organisationId));
}

// ——— A patient's answers ———

function reasonsOf(triage: TriageQuestionnaire, codes: string[]) {
  return codes.map((code) => {
    const text = reasonText(triage, code);
    return { code, fr: text?.fr ?? code, en: text?.en ?? code, ...(text?.numbers ? { numbers: text.numbers } : {}) };
  });
}

async function triageOfRow(db: Db, row: ResponseRow): Promise<TriageQuestionnaire> {
  if (!row.questionnaire_id) return DEFAULT_TRIAGE;
  return ((await copyById(db, row.questionnaire_id))?.definition as TriageQuestionnaire | undefined) ?? DEFAULT_TRIAGE;
}

function flatAnswers(row: ResponseRow): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  const visit = (items: unknown): void => {
    for (const item of (items as { linkId: string; answer?: Record<string, unknown>[]; item?: unknown }[] | undefined) ?? []) {
      const first = item.answer?.[0];
      if (first) {
        const value =
          first['valueBoolean'] ??
          first['valueInteger'] ??
          first['valueDecimal'] ??
          (first['valueCoding'] as { code?: string } | undefined)?.code ??
          first['valueString'] ??
          first['valueDate'];
        if (value !== undefined) answers[item.linkId] = value as AnswerValue;
      }
      visit(item.item);
    }
  };
  visit((row.response as { item?: unknown }).item);
  return answers;
}

async function view(db: Db, row: ResponseRow): Promise<z.infer<typeof TriageResponse>> {
  const triage = await triageOfRow(db, row);
  return {
    id: row.id,
    runId: row.run_id,
    patientId: row.patient_id,
    organisationId: row.organisation_id,
    questionnaire: { id: row.questionnaire_id, url: row.questionnaire_url, version: row.questionnaire_version },
    answers: flatAnswers(row),
    orientation: { outcome: row.outcome, severity: row.severity, flags: row.flags, reasons: row.reasons },
    reasons: reasonsOf(triage, row.reasons),
    appointmentId: row.appointment_id,
    createdAt: row.created_at.toISOString(),
  };
}

/** Whole years between a birth date and a day, and the months for infants. */
function ageOn(birthDate: string, today: string): { age: number; ageMonths: number } {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const months = Math.max(0, (ty - by) * 12 + (tm - bm) - (td < bd ? 1 : 0));
  return { age: Math.floor(months / 12), ageMonths: months };
}

/**
 * The patient's answers, checked against the questionnaire they were given to (a malformed or
 * missing answer is a 400 naming the question, and nothing is written), oriented with the
 * patient's age from the record, and stored with their orientation. Audited as a change.
 */
export async function submitResponse(
  deps: ServiceDeps,
  actor: Actor,
  patientId: string,
  body: z.infer<typeof SubmitResponse>,
  language: Language,
  now = new Date(),
): Promise<z.infer<typeof TriageResponse>> {
  const { db } = deps;
  const chosen = body.questionnaireId ? await copyChosen(db, body.questionnaireId) : await chosenQuestionnaire(db, body.organisationId);
  const { questionnaire } = chosen.triage;
  const issues = checkAnswers(questionnaire, body.answers);
  // Answers stopped at a red flag are complete: the patient is sent to the 15 at once, not asked the rest.
  const stoppedAtRedFlag = () => orient(chosen.triage, responseOf(questionnaire, body.answers), { age: 30 }).outcome === 'emergency-15';
  if (issues.length === 0 && !stoppedAtRedFlag()) {
    issues.push(...checkRequiredAnswers(questionnaire, dropHiddenAnswers(questionnaire, body.answers)));
  }
  if (issues.length) throw problem.validation(fieldIssues(issues, language));
  return audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'triage.answer',
      resource: { type: 'QuestionnaireResponse' },
      patientId,
      ...(chosen.organisationId ? { organisationId: chosen.organisationId } : {}),
      authorize: () => patientRecordAccess(db, actor, patientId),
    },
    async (tx) => {
      const birthDate = await patientBirthDate(tx, patientId);
      const patient = ageOn(birthDate, now.toISOString().slice(0, 10));
      const response = responseOf(questionnaire, body.answers, {
        status: 'completed',
        authored: now.toISOString(),
        subject: { reference: `Patient/${patientId}` },
      });
      const orientation = orient(chosen.triage, response, patient);
      const row = await insertResponse(tx, {
        runId: body.runId,
        patientId,
        organisationId: chosen.organisationId,
        questionnaireId: chosen.id,
        url: questionnaire.url ?? '',
        version: questionnaire.version ?? '',
        response,
        orientation,
        authorAccountId: actor.accountId,
      });
      await insertFunnelEvent(tx, {
        runId: body.runId,
        organisationId: chosen.organisationId,
        event: 'oriented',
        outcome: orientation.outcome,
      });
      return view(tx, row);
    },
  );
}

async function copyChosen(db: Db, questionnaireId: string): Promise<Chosen> {
  const copy = await copyById(db, questionnaireId);
  if (!copy) throw problem.validation([{ field: 'questionnaireId', code: 'unknown-questionnaire', message: 'questionnaire' }]);
  return { id: copy.id, organisationId: copy.organisation_id, triage: copy.definition as TriageQuestionnaire };
}

/** A patient's answers, latest first: for the patient or a professional in a care relationship. Audited. */
export function listResponses(deps: ServiceDeps, actor: Actor, patientId: string, limit: number) {
  const { db } = deps;
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'triage.read',
      resource: { type: 'QuestionnaireResponse' },
      patientId,
      authorize: () => patientRecordAccess(db, actor, patientId),
    },
    async (tx) => Promise.all((await responsesOf(tx, patientId, limit)).map((row) => view(tx, row))),
  );
}

export async function readResponse(deps: ServiceDeps, actor: Actor, patientId: string, responseId: string) {
  const { db } = deps;
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'triage.read',
      resource: { type: 'QuestionnaireResponse', id: responseId },
      patientId,
      authorize: () => patientRecordAccess(db, actor, patientId),
    },
    async (tx) => {
      const row = await responseById(tx, patientId, responseId);
      if (!row) throw problem.notFound();
      return view(tx, row);
    },
  );
}

/** Reads an appointment as the scheduling module shows it to this actor (authorised and audited there). */
export type AppointmentReader = (actor: Actor, appointmentId: string) => Promise<{ patientId: string; status: string }>;

/**
 * After booking: the answers belong to the appointment (the practitioner sees them in the agenda).
 * The appointment must be this patient's; an `emergency-15` orientation never gets one. Until the
 * call the patient may answer again: the newest answers replace the appointment's (the run counts
 * as booked once, with the first).
 */
export async function linkResponseToAppointment(
  deps: ServiceDeps,
  readAppointment: AppointmentReader,
  actor: Actor,
  patientId: string,
  responseId: string,
  appointmentId: string,
) {
  const { db } = deps;
  // Scheduling decides whether this actor may see the appointment (and audits it); outside the
  // transaction below, which must not wait on another connection.
  const appointment = await readAppointment(actor, appointmentId).catch(() => undefined);
  return audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'triage.link-appointment',
      resource: { type: 'QuestionnaireResponse', id: responseId },
      patientId,
      authorize: () => patientRecordAccess(db, actor, patientId),
    },
    async (tx) => {
      const row = await responseById(tx, patientId, responseId);
      if (!row || appointment?.patientId !== patientId) throw problem.notFound();
      if (row.outcome === 'emergency-15') throw problem.conflict('emergency-cannot-book');
      if (!ANSWERS_OPEN_WHILE.includes(appointment.status)) throw problem.conflict('appointment-already-started');
      const answeredBefore = (await responsesOfAppointments(tx, [appointmentId])).length > 0;
      await linkToAppointment(tx, responseId, appointmentId);
      if (!answeredBefore)
        await insertFunnelEvent(tx, { runId: row.run_id, organisationId: row.organisation_id, event: 'booked', outcome: row.outcome });
      return view(tx, { ...row, appointment_id: appointmentId });
    },
  );
}

/**
 * The agenda's view: the orientation and answers linked to these appointments, for those whose
 * patient the actor manages or cares for; the others are left out. One audit entry per patient shown.
 */
export async function appointmentOrientations(deps: ServiceDeps, actor: Actor, idsText: string, language: Language) {
  const { db } = deps;
  // Exactly ids and commas: a stray space, control character or empty item is a malformed list, not one to tidy.
  const listed = idsText.split(',');
  const ids = [...new Set(listed)];
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (listed.length > MAX_APPOINTMENTS || !listed.every((id) => uuid.test(id))) {
    throw problem.validation([
      {
        field: 'querystring.ids',
        code: 'invalid-value',
        message:
          language === 'fr'
            ? `Des identifiants de rendez-vous séparés par des virgules (au plus ${MAX_APPOINTMENTS}).`
            : `Appointment ids separated by commas (at most ${MAX_APPOINTMENTS}).`,
      },
    ]);
  }
  const rows = await responsesOfAppointments(db, ids);
  const visible: ResponseRow[] = [];
  for (const row of rows) {
    if (managesPatient(actor, row.patient_id) || (await hasCareRelationship(db, actor, row.patient_id))) visible.push(row);
  }
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'triage.read',
      resource: { type: 'QuestionnaireResponse' },
      authorize: () => (actor.isProfessional ? 'practitioner' : 'patient'),
      entries: (result: z.infer<typeof AppointmentOrientation>[], role) =>
        result.map((r) => ({
          actor,
          role,
          action: 'triage.read',
          resource: { type: 'QuestionnaireResponse', id: r.id },
          patientId: r.patientId,
        })),
    },
    async (tx) => Promise.all(visible.map(async (row) => ({ ...(await view(tx, row)), appointmentId: row.appointment_id! }))),
  );
}

// ——— The funnel ———

/** What the questionnaire's screens report: a run started, or left at a step. No answer, no patient. */
export async function recordFunnelEvent(
  deps: ServiceDeps,
  event: { runId: string; event: 'started' | 'abandoned'; step?: string | undefined; organisationId?: string | undefined },
): Promise<void> {
  await insertFunnelEvent(deps.db, {
    runId: event.runId,
    organisationId: event.organisationId ?? null,
    event: event.event,
    step: event.step ?? null,
  });
}

/** How long answers wait for the booking they come before. */
const ANSWERS_BEFORE_BOOKING_MS = 2 * 3_600_000;

/**
 * A booking made after the questionnaire: the patient's latest answers of the last two hours, not
 * yet linked and not oriented to the 15, become the appointment's (the booking screens need not know).
 */
export async function linkAnswersToBooking(deps: ServiceDeps, booking: { patientId: string; appointmentId: string }, now = new Date()) {
  const [latest] = await responsesOf(deps.db, booking.patientId, 1);
  if (!latest || latest.appointment_id || latest.outcome === 'emergency-15') return;
  if (now.getTime() - latest.created_at.getTime() > ANSWERS_BEFORE_BOOKING_MS) return;
  await deps.db.transaction().execute(async (tx) => {
    await linkToAppointment(tx, latest.id, booking.appointmentId);
    await insertFunnelEvent(tx, { runId: latest.run_id, organisationId: latest.organisation_id, event: 'booked', outcome: latest.outcome });
  });
}

/** After the call: seen by a practitioner, or reoriented (from the appointment's status). */
export async function recordAppointmentOutcome(
  deps: ServiceDeps,
  appointmentId: string,
  event: Extract<FunnelEvent, 'seen' | 'reoriented'>,
) {
  const [row] = await responsesOfAppointments(deps.db, [appointmentId]);
  if (!row) return;
  await insertFunnelEvent(deps.db, { runId: row.run_id, organisationId: row.organisation_id, event, outcome: row.outcome });
}

/** The organisation's funnel over the last days: for its administrators. */
export async function funnelOf(
  actor: Actor,
  deps: ServiceDeps,
  organisationId: string,
  days: number,
  now = new Date(),
): Promise<z.infer<typeof Funnel>> {
  authorizeOrganisationAdmin(actor, organisationId);
  const since = new Date(now.getTime() - days * 86_400_000);
  const rows = await funnelCounts(deps.db, organisationId, since);
  const funnel: z.infer<typeof Funnel> = { since: since.toISOString(), runs: {}, oriented: {}, abandonedAt: {} };
  for (const row of rows) {
    const runs = Number(row.runs);
    funnel.runs[row.event] = (funnel.runs[row.event] ?? 0) + runs;
    if (row.event === 'oriented' && row.outcome) funnel.oriented[row.outcome] = (funnel.oriented[row.outcome] ?? 0) + runs;
    if (row.event === 'abandoned' && row.step) funnel.abandonedAt[row.step] = (funnel.abandonedAt[row.step] ?? 0) + runs;
  }
  return funnel;
}

// ——— The organisation's copy ———

export async function organisationQuestionnaire(deps: ServiceDeps, actor: Actor, organisationId: string) {
  authorizeOrganisationAdmin(actor, organisationId);
  return questionnaireReply(await chosenQuestionnaire(deps.db, organisationId));
}

/**
 * A new version of the organisation's copy: validated (the safety items and rules of the contract
 * cannot be removed or changed), stored beside the previous ones, which past answers keep naming.
 */
export async function publishOrganisationQuestionnaire(
  deps: ServiceDeps,
  actor: Actor,
  organisationId: string,
  body: unknown,
  language: Language,
) {
  authorizeOrganisationAdmin(actor, organisationId);
  const parsed = validateTriageQuestionnaire(body);
  if (!parsed.ok) throw problem.validation(fieldIssues(parsed.issues, language));
  const version = parsed.triage.questionnaire.version!;
  if (await versionExists(deps.db, organisationId, version)) throw problem.conflict('questionnaire-version-exists');
  const row = await insertCopy(deps.db, { organisationId, triage: parsed.triage, createdBy: actor.accountId });
  return questionnaireReply({ id: row.id, organisationId, triage: parsed.triage });
}
