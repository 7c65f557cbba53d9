import { sql } from 'kysely';
import { coalescedReader } from '../../platform/database/coalesce.js';
import { scoped, type Db } from '../../platform/database/database.js';
import { prepared } from '../../platform/database/prepared.js';
import type { PatientsTables } from './tables.js';

/** The database seen from this module: its own tables only. */
const patientsDb = (db: Db) => scoped<PatientsTables>(db);

/** The INS traits (référentiel INS) of a new record. */
export interface NewPatient {
  accountId: string;
  isSelf: boolean;
  birthName: string;
  firstNames: string;
  usedName?: string | undefined;
  sex: 'F' | 'M' | 'I';
  birthDate: string;
  birthPlaceInsee?: string | undefined;
  nir?: string | undefined;
}

export async function insertPatient(db: Db, patient: NewPatient): Promise<string> {
  const row = await patientsDb(db)
    .insertInto('patients')
    .values({
      account_id: patient.accountId,
      is_self: patient.isSelf,
      birth_name: patient.birthName.toUpperCase(),
      first_names: patient.firstNames,
      used_name: patient.usedName ?? null,
      sex: patient.sex,
      birth_date: patient.birthDate,
      birth_place_insee: patient.birthPlaceInsee ?? null,
      nir: patient.nir ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const IDENTITY = [
  'id',
  'birth_name',
  'first_names',
  'used_name',
  'sex',
  'birth_date',
  'birth_place_insee',
  'nir',
  'identity_status',
  'is_self',
] as const;

export function patientById(db: Db, patientId: string) {
  return patientsDb(db).selectFrom('patients').select(IDENTITY).where('id', '=', patientId).executeTakeFirstOrThrow();
}

/**
 * The same identity, read outside a transaction: concurrent reads join one query (the record is
 * the most read thing of all). `undefined` when there is no such record.
 */
export const patientIdentity = coalescedReader(
  // One array parameter, not a list: the same statement text whatever the number of keys.
  (db, ids: readonly string[]) =>
    patientsDb(db)
      .selectFrom('patients')
      .modifyFront(prepared)
      .select(IDENTITY)
      .where(sql<boolean>`id = any(${[...ids]}::uuid[])`)
      .execute(),
  (row) => row.id,
);

/** The records an account manages: its own first, then its dependants'. */
export function recordsManagedBy(db: Db, accountId: string) {
  return patientsDb(db)
    .selectFrom('patients')
    .select(['id', 'first_names', 'birth_name', 'is_self'])
    .where('account_id', '=', accountId)
    .orderBy('is_self', 'desc')
    .execute();
}

/** Live care relationships of a professional with a patient, in the given organisations. */
export async function hasLiveCare(db: Db, practitionerAccountId: string, patientId: string, organisationIds: string[], now: Date) {
  const row = await patientsDb(db)
    .selectFrom('care_relationships')
    .select(sql<number>`1`.as('one'))
    .where('practitioner_account_id', '=', practitionerAccountId)
    .where('patient_id', '=', patientId)
    .where('organisation_id', 'in', organisationIds)
    .where('starts_at', '<=', now)
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', now)]))
    .executeTakeFirst();
  return Boolean(row);
}

export async function insertCareRelationships(
  db: Db,
  rows: { patientId: string; practitionerAccountId: string; organisationId: string; kind: PatientsTables['care_relationships']['kind'] }[],
): Promise<void> {
  if (rows.length === 0) return;
  await patientsDb(db)
    .insertInto('care_relationships')
    .values(
      rows.map((r) => ({
        patient_id: r.patientId,
        practitioner_account_id: r.practitionerAccountId,
        organisation_id: r.organisationId,
        kind: r.kind,
        ends_at: null,
      })),
    )
    .execute();
}

/** The patients in a professional's live care relationships, by name, matching `q` in any name. */
export function carePatients(
  db: Db,
  practitionerAccountId: string,
  organisationIds: string[],
  query: { q?: string | undefined; limit: number },
  now: Date,
) {
  return patientsDb(db)
    .selectFrom('care_relationships as c')
    .innerJoin('patients as p', 'p.id', 'c.patient_id')
    .select([
      'p.id',
      'p.birth_name',
      'p.used_name',
      'p.first_names',
      'p.birth_date',
      'c.organisation_id',
      sql<string[]>`array_agg(distinct c.kind order by c.kind)`.as('kinds'),
    ])
    .where('c.practitioner_account_id', '=', practitionerAccountId)
    .where('c.organisation_id', 'in', organisationIds)
    .where('c.starts_at', '<=', now)
    .where((eb) => eb.or([eb('c.ends_at', 'is', null), eb('c.ends_at', '>', now)]))
    .$if(Boolean(query.q), (qb) => {
      const pattern = `%${query.q!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return qb.where((eb) =>
        eb.or([eb('p.birth_name', 'ilike', pattern), eb('p.used_name', 'ilike', pattern), eb('p.first_names', 'ilike', pattern)]),
      );
    })
    .groupBy(['p.id', 'c.organisation_id'])
    .orderBy(sql`coalesce(p.used_name, p.birth_name)`)
    .orderBy('p.first_names')
    .limit(query.limit)
    .execute();
}

/**
 * The practitioner's care relationship born of an appointment: opened now, lasting until `until`
 * (after the appointment, for the report); a live one of that kind is extended, never shortened.
 */
export async function upsertAppointmentCare(
  db: Db,
  care: { patientId: string; practitionerAccountId: string; organisationId: string; until: Date },
): Promise<void> {
  const own = patientsDb(db);
  const live = await own
    .selectFrom('care_relationships')
    .select(['id', 'ends_at'])
    .where('patient_id', '=', care.patientId)
    .where('practitioner_account_id', '=', care.practitionerAccountId)
    .where('organisation_id', '=', care.organisationId)
    .where('kind', '=', 'appointment')
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', new Date())]))
    .executeTakeFirst();
  if (!live) {
    await own
      .insertInto('care_relationships')
      .values({
        patient_id: care.patientId,
        practitioner_account_id: care.practitionerAccountId,
        organisation_id: care.organisationId,
        kind: 'appointment',
        ends_at: care.until,
      })
      .execute();
  } else if (live.ends_at && live.ends_at < care.until) {
    await own.updateTable('care_relationships').set({ ends_at: care.until }).where('id', '=', live.id).execute();
  }
}

/** Display names and managing accounts of records, by id. */
export function recordSummaries(db: Db, ids: string[]) {
  return patientsDb(db)
    .selectFrom('patients')
    .select(['id', 'first_names', 'birth_name', 'used_name', 'account_id'])
    .where('id', 'in', ids)
    .execute();
}

/** The practitioners in a live care relationship with a patient: who a report may be sent to. */
export function liveCarersOf(db: Db, patientId: string, now: Date) {
  return patientsDb(db)
    .selectFrom('care_relationships')
    .select('practitioner_account_id')
    .distinct()
    .where('patient_id', '=', patientId)
    .where('starts_at', '<=', now)
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', now)]))
    .execute();
}
