import type { Insertable, Selectable, Updateable } from 'kysely';
import { scoped, type Db } from '../../platform/database/database.js';
import type { RecordsTables } from './tables.js';

/** The database seen from this module: its own tables only. */
const recordsDb = (db: Db) => scoped<RecordsTables>(db);

export type ReportRow = Selectable<RecordsTables['records_reports']>;
export type AddendumRow = Selectable<RecordsTables['records_addenda']>;
export type PrescriptionRow = Selectable<RecordsTables['records_prescriptions']>;
export type SickLeaveRow = Selectable<RecordsTables['records_sick_leaves']>;
export type MessageRow = Selectable<RecordsTables['records_messages']>;
export type FileRow = Selectable<RecordsTables['records_files']>;
/** A shared file without its bytes: what lists show. */
export type FileEntry = Omit<FileRow, 'content'>;

// ——— Reports ———

export function reportById(db: Db, id: string) {
  return recordsDb(db).selectFrom('records_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export function reportOfAppointment(db: Db, appointmentId: string) {
  return recordsDb(db).selectFrom('records_reports').selectAll().where('appointment_id', '=', appointmentId).executeTakeFirst();
}

/** Inserts the report unless the appointment has one already (two tabs opening it at once get the same). */
export async function insertReport(db: Db, report: Insertable<RecordsTables['records_reports']>): Promise<ReportRow> {
  await recordsDb(db)
    .insertInto('records_reports')
    .values(report)
    .onConflict((oc) => oc.column('appointment_id').doNothing())
    .execute();
  return (await reportOfAppointment(db, report.appointment_id))!;
}

/** Changes a draft; undefined when it was signed meanwhile (the row is locked by the update). */
export function updateDraft(db: Db, id: string, changes: Updateable<RecordsTables['records_reports']>) {
  return recordsDb(db)
    .updateTable('records_reports')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .where('signed_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export function signedReportsOf(db: Db, patientIds: string[]) {
  if (patientIds.length === 0) return Promise.resolve([]);
  return recordsDb(db)
    .selectFrom('records_reports')
    .selectAll()
    .where('patient_id', 'in', patientIds)
    .where('signed_at', 'is not', null)
    .orderBy('signed_at', 'desc')
    .limit(200)
    .execute();
}

export function addendaOf(db: Db, reportId: string) {
  return recordsDb(db).selectFrom('records_addenda').selectAll().where('report_id', '=', reportId).orderBy('version').execute();
}

/** The next version, numbered under the report's lock: concurrent addenda get distinct versions. */
export async function insertAddendum(db: Db, reportId: string, authorAccountId: string, text: string): Promise<AddendumRow> {
  await recordsDb(db).selectFrom('records_reports').select('id').where('id', '=', reportId).forUpdate().execute();
  const last = await recordsDb(db)
    .selectFrom('records_addenda')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('report_id', '=', reportId)
    .executeTakeFirst();
  return recordsDb(db)
    .insertInto('records_addenda')
    .values({ report_id: reportId, version: Math.max(1, Number(last?.version ?? 1)) + 1, text, author_account_id: authorAccountId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ——— Prescriptions and sick leaves ———

export function prescriptionsOfReport(db: Db, reportId: string) {
  return recordsDb(db).selectFrom('records_prescriptions').selectAll().where('report_id', '=', reportId).orderBy('created_at').execute();
}

export function insertPrescription(db: Db, row: Insertable<RecordsTables['records_prescriptions']>) {
  // node-postgres sends a JavaScript array as a PostgreSQL array: the jsonb column takes its JSON text.
  return recordsDb(db)
    .insertInto('records_prescriptions')
    .values({ ...row, items: JSON.stringify(row.items) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function deleteDraftPrescription(db: Db, reportId: string, id: string) {
  return recordsDb(db)
    .deleteFrom('records_prescriptions')
    .where('id', '=', id)
    .where('report_id', '=', reportId)
    .where('status', '=', 'draft')
    .executeTakeFirst();
}

export function prescriptionById(db: Db, id: string) {
  return recordsDb(db).selectFrom('records_prescriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function issuedPrescriptionsOf(db: Db, patientIds: string[]) {
  if (patientIds.length === 0) return Promise.resolve([]);
  return recordsDb(db)
    .selectFrom('records_prescriptions')
    .selectAll()
    .where('patient_id', 'in', patientIds)
    .where('status', '!=', 'draft')
    .orderBy('issued_at', 'desc')
    .limit(200)
    .execute();
}

export function cancelPrescription(db: Db, id: string) {
  return recordsDb(db)
    .updateTable('records_prescriptions')
    .set({ status: 'cancelled' })
    .where('id', '=', id)
    .where('status', '=', 'issued')
    .returningAll()
    .executeTakeFirst();
}

export function sickLeavesOfReport(db: Db, reportId: string) {
  return recordsDb(db).selectFrom('records_sick_leaves').selectAll().where('report_id', '=', reportId).orderBy('created_at').execute();
}

export function insertSickLeave(db: Db, row: Insertable<RecordsTables['records_sick_leaves']>) {
  return recordsDb(db).insertInto('records_sick_leaves').values(row).returningAll().executeTakeFirstOrThrow();
}

export function sickLeaveById(db: Db, id: string) {
  return recordsDb(db).selectFrom('records_sick_leaves').selectAll().where('id', '=', id).executeTakeFirst();
}

export function issuedSickLeavesOf(db: Db, patientIds: string[]) {
  if (patientIds.length === 0) return Promise.resolve([]);
  return recordsDb(db)
    .selectFrom('records_sick_leaves')
    .selectAll()
    .where('patient_id', 'in', patientIds)
    .where('status', '!=', 'draft')
    .orderBy('issued_at', 'desc')
    .limit(200)
    .execute();
}

/** Signing issues what was written with the report, at the same instant. */
export async function signReport(db: Db, id: string, at: Date): Promise<ReportRow | undefined> {
  const signed = await recordsDb(db)
    .updateTable('records_reports')
    .set({ signed_at: at, updated_at: at })
    .where('id', '=', id)
    .where('signed_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!signed) return undefined;
  await recordsDb(db)
    .updateTable('records_prescriptions')
    .set({ status: 'issued', issued_at: at })
    .where('report_id', '=', id)
    .where('status', '=', 'draft')
    .execute();
  await recordsDb(db)
    .updateTable('records_sick_leaves')
    .set({ status: 'issued', issued_at: at })
    .where('report_id', '=', id)
    .where('status', '=', 'draft')
    .execute();
  return signed;
}

/** What the public verification shows of a number: its kind, status and date, nothing clinical. */
export async function documentByNumber(db: Db, number: string) {
  const prescription = await recordsDb(db)
    .selectFrom('records_prescriptions')
    .select(['number', 'status', 'issued_at'])
    .where('number', '=', number)
    .where('status', '!=', 'draft')
    .executeTakeFirst();
  if (prescription) return { kind: 'prescription' as const, ...prescription };
  const leave = await recordsDb(db)
    .selectFrom('records_sick_leaves')
    .select(['number', 'status', 'issued_at'])
    .where('number', '=', number)
    .where('status', '!=', 'draft')
    .executeTakeFirst();
  return leave && { kind: 'sick-leave' as const, ...leave };
}

// ——— The inbox ———

/** One message per report and recipient: sharing again answers the message already sent. */
export async function insertMessage(
  db: Db,
  row: Insertable<RecordsTables['records_messages']>,
): Promise<{ row: MessageRow; isNew: boolean }> {
  const inserted = await recordsDb(db)
    .insertInto('records_messages')
    .values(row)
    .onConflict((oc) => oc.columns(['report_id', 'recipient_account_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, isNew: true };
  const existing = await recordsDb(db)
    .selectFrom('records_messages')
    .selectAll()
    .where('report_id', '=', row.report_id!)
    .where('recipient_account_id', '=', row.recipient_account_id)
    .executeTakeFirstOrThrow();
  return { row: existing, isNew: false };
}

export function inboxOf(db: Db, accountId: string) {
  return recordsDb(db)
    .selectFrom('records_messages')
    .selectAll()
    .where('recipient_account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
}

export function messagesOfReport(db: Db, reportId: string) {
  return recordsDb(db).selectFrom('records_messages').selectAll().where('report_id', '=', reportId).orderBy('created_at').execute();
}

export function messageById(db: Db, id: string) {
  return recordsDb(db).selectFrom('records_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The read receipt: the first opening by its recipient, kept. */
export function markRead(db: Db, id: string, at: Date) {
  return recordsDb(db).updateTable('records_messages').set({ read_at: at }).where('id', '=', id).where('read_at', 'is', null).execute();
}

// ——— Files shared in a call ———

const FILE_ENTRY = [
  'id',
  'patient_id',
  'appointment_id',
  'shared_by',
  'shared_by_name',
  'filename',
  'media_type',
  'size_bytes',
  'sha256',
  'created_at',
] as const;

export function insertFile(db: Db, row: Insertable<RecordsTables['records_files']>): Promise<FileEntry> {
  return recordsDb(db).insertInto('records_files').values(row).returning(FILE_ENTRY).executeTakeFirstOrThrow();
}

export function fileEntryById(db: Db, id: string): Promise<FileEntry | undefined> {
  return recordsDb(db).selectFrom('records_files').select(FILE_ENTRY).where('id', '=', id).executeTakeFirst();
}

export async function fileContent(db: Db, id: string): Promise<Uint8Array | undefined> {
  return (await recordsDb(db).selectFrom('records_files').select('content').where('id', '=', id).executeTakeFirst())?.content;
}

export function filesOfAppointment(db: Db, appointmentId: string): Promise<FileEntry[]> {
  return recordsDb(db)
    .selectFrom('records_files')
    .select(FILE_ENTRY)
    .where('appointment_id', '=', appointmentId)
    .orderBy('created_at')
    .limit(500)
    .execute();
}

export function filesOfPatients(db: Db, patientIds: string[]): Promise<FileEntry[]> {
  if (patientIds.length === 0) return Promise.resolve([]);
  return recordsDb(db)
    .selectFrom('records_files')
    .select(FILE_ENTRY)
    .where('patient_id', 'in', patientIds)
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
}
