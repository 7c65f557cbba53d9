// The patients module's surface for other modules: records, INS traits and care relationships are
// reached only through these functions, never through the tables.
import type { Db } from '../../platform/database/database.js';
import {
  insertPatient,
  liveCarersOf,
  patientById,
  recordsManagedBy,
  recordSummaries,
  upsertAppointmentCare,
  type NewPatient,
} from './store.js';

export { auditRoleOf, authorizePatientRecord, hasCareRelationship, patientRecordAccess, type RecordRelation } from './care.js';
export { PatientIdentity, PatientParams } from './schemas.js';

/** The ids of the records an account manages: its own and its dependants'. */
export async function managedPatientIds(db: Db, accountId: string): Promise<string[]> {
  return (await recordsManagedBy(db, accountId)).map((r) => r.id);
}

/** The records an account manages, for its home screen: own first. */
export async function managedRecords(db: Db, accountId: string) {
  return (await recordsManagedBy(db, accountId)).map((p) => ({
    id: p.id,
    firstNames: p.first_names,
    birthName: p.birth_name,
    isSelf: p.is_self,
  }));
}

/** A new patient's own record, created with their account (inside its transaction). */
export function createOwnRecord(tx: Db, accountId: string, identity: Omit<NewPatient, 'accountId' | 'isSelf'>): Promise<string> {
  return insertPatient(tx, { ...identity, accountId, isSelf: true });
}

/** What billing needs of the record: the birth date (the age on the day of the act). Callers authorise and audit. */
export async function patientBirthDate(db: Db, patientId: string): Promise<string> {
  return (await patientById(db, patientId)).birth_date;
}

/**
 * Booking an appointment puts the practitioner in a care relationship of kind `appointment` with
 * the patient, in the organisation of the appointment, until some time after it. Inside the
 * booking's transaction; the booking authorises and audits.
 */
export function recordAppointmentCare(
  tx: Db,
  care: { patientId: string; practitionerAccountId: string; organisationId: string; until: Date },
): Promise<void> {
  return upsertAppointmentCare(tx, care);
}

/** How lists name records (`Camille PETIT`) and which account manages each, by id. Callers authorise and audit. */
export async function patientSummaries(db: Db, ids: string[]): Promise<Map<string, { name: string; managerAccountId: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await recordSummaries(db, [...new Set(ids)]);
  return new Map(rows.map((p) => [p.id, { name: `${p.first_names} ${p.used_name ?? p.birth_name}`, managerAccountId: p.account_id }]));
}

/**
 * The identity a document prints: names, birth date, sex, and the INS only when the identity is
 * `qualifiee` (the INS référentiel forbids carrying an unqualified one). Callers authorise and audit.
 */
export async function documentIdentity(db: Db, patientId: string) {
  const p = await patientById(db, patientId);
  return {
    birthName: p.birth_name,
    usedName: p.used_name,
    firstNames: p.first_names,
    sex: p.sex,
    birthDate: p.birth_date,
    ins: p.identity_status === 'qualifiee' ? p.nir : null,
  };
}

/** The practitioners caring for a patient now (any organisation), by account id. Callers authorise. */
export async function liveCarers(db: Db, patientId: string, now = new Date()): Promise<string[]> {
  return (await liveCarersOf(db, patientId, now)).map((r) => r.practitioner_account_id);
}
