import type { Orientation, Outcome, TriageQuestionnaire } from '@parcours/domain';
import { scoped, type Db } from '../../platform/database/database.js';
import type { FunnelEvent, TriageTables } from './tables.js';

/** The database seen from this module: its own tables only. */
const triageDb = (db: Db) => scoped<TriageTables>(db);

/** An organisation's latest copy of the questionnaire, if it made one. */
export async function latestCopy(db: Db, organisationId: string) {
  return triageDb(db)
    .selectFrom('triage_questionnaires')
    .select(['id', 'version', 'definition', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function copyById(db: Db, id: string) {
  return triageDb(db)
    .selectFrom('triage_questionnaires')
    .select(['id', 'organisation_id', 'version', 'definition'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function versionExists(db: Db, organisationId: string, version: string): Promise<boolean> {
  const row = await triageDb(db)
    .selectFrom('triage_questionnaires')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertCopy(db: Db, copy: { organisationId: string; triage: TriageQuestionnaire; createdBy: string }) {
  return triageDb(db)
    .insertInto('triage_questionnaires')
    .values({
      organisation_id: copy.organisationId,
      version: copy.triage.questionnaire.version!,
      definition: JSON.stringify(copy.triage),
      created_by: copy.createdBy,
    })
    .returning(['id', 'version', 'created_at'])
    .executeTakeFirstOrThrow();
}

export interface NewResponse {
  runId: string;
  patientId: string;
  organisationId: string | null;
  questionnaireId: string | null;
  url: string;
  version: string;
  response: unknown;
  orientation: Orientation;
  authorAccountId: string;
}

export async function insertResponse(db: Db, response: NewResponse) {
  return triageDb(db)
    .insertInto('triage_responses')
    .values({
      run_id: response.runId,
      patient_id: response.patientId,
      organisation_id: response.organisationId,
      questionnaire_id: response.questionnaireId,
      questionnaire_url: response.url,
      questionnaire_version: response.version,
      response: JSON.stringify(response.response),
      outcome: response.orientation.outcome,
      severity: response.orientation.severity,
      flags: response.orientation.flags,
      reasons: response.orientation.reasons,
      author_account_id: response.authorAccountId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type ResponseRow = Awaited<ReturnType<typeof insertResponse>>;

export async function responsesOf(db: Db, patientId: string, limit: number): Promise<ResponseRow[]> {
  return triageDb(db)
    .selectFrom('triage_responses')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function responseById(db: Db, patientId: string, id: string): Promise<ResponseRow | undefined> {
  return triageDb(db)
    .selectFrom('triage_responses')
    .selectAll()
    .where('id', '=', id)
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
}

export async function responsesOfAppointments(db: Db, appointmentIds: string[]): Promise<ResponseRow[]> {
  if (appointmentIds.length === 0) return [];
  return triageDb(db).selectFrom('triage_responses').selectAll().where('appointment_id', 'in', appointmentIds).execute();
}

/** Links a response to its appointment; any response linked to it before is unlinked (the last answers count). */
export async function linkToAppointment(db: Db, responseId: string, appointmentId: string): Promise<void> {
  await triageDb(db).updateTable('triage_responses').set({ appointment_id: null }).where('appointment_id', '=', appointmentId).execute();
  await triageDb(db).updateTable('triage_responses').set({ appointment_id: appointmentId }).where('id', '=', responseId).execute();
}

/** One step of a questionnaire run, as the statistics count it (`at` only for the demo's past runs). */
export interface FunnelEventRow {
  runId: string;
  organisationId: string | null;
  event: FunnelEvent;
  step?: string | null;
  outcome?: Outcome | null;
  at?: Date;
}

export async function insertFunnelEvent(db: Db, event: FunnelEventRow): Promise<void> {
  await insertFunnelEvents(db, [event]);
}

export async function insertFunnelEvents(db: Db, events: readonly FunnelEventRow[]): Promise<void> {
  if (events.length === 0) return;
  await triageDb(db)
    .insertInto('triage_funnel_events')
    .values(
      events.map((event) => ({
        run_id: event.runId,
        organisation_id: event.organisationId,
        event: event.event,
        step: event.step ?? null,
        outcome: event.outcome ?? null,
        ...(event.at ? { at: event.at } : {}),
      })),
    )
    .execute();
}

/** The funnel of an organisation since a day: counts by event, by outcome reached, and by step abandoned. */
export async function funnelCounts(db: Db, organisationId: string, since: Date) {
  return triageDb(db)
    .selectFrom('triage_funnel_events')
    .select(['event', 'outcome', 'step', (eb) => eb.fn.count<number>('run_id').distinct().as('runs')])
    .where('organisation_id', '=', organisationId)
    .where('at', '>=', since)
    .groupBy(['event', 'outcome', 'step'])
    .execute();
}
