import type { InsuranceSituation } from '@parcours/domain';
import type { Insertable, Selectable } from 'kysely';
import { scoped, type Db } from '../../platform/database/database.js';
import type { BillingTables } from './tables.js';

/** The database seen from this module: its own tables only. */
const billingDb = (db: Db) => scoped<BillingTables>(db);

/** What the patient stated; nothing stated reads as "not stated" (null) and no ALD. */
export async function insuranceOf(db: Db, patientId: string): Promise<InsuranceSituation> {
  const row = await billingDb(db)
    .selectFrom('insurance_situations')
    .select(['treating_doctor', 'has_ald', 'supplementary_cover'])
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
  return { treatingDoctor: row?.treating_doctor ?? null, ald: row?.has_ald ?? false, cover: row?.supplementary_cover ?? null };
}

export async function saveInsurance(db: Db, patientId: string, situation: InsuranceSituation): Promise<void> {
  const values = {
    treating_doctor: situation.treatingDoctor,
    has_ald: situation.ald,
    supplementary_cover: situation.cover,
    updated_at: new Date(),
  };
  await billingDb(db)
    .insertInto('insurance_situations')
    .values({ patient_id: patientId, ...values })
    .onConflict((oc) => oc.column('patient_id').doUpdateSet(values))
    .execute();
}

// ── Billing records and payments ────────────────────────────────────────────────────────────────

export type RecordRow = Selectable<BillingTables['billing_records']>;
export type PaymentRow = Selectable<BillingTables['billing_payments']>;
export type NewRecord = Insertable<BillingTables['billing_records']>;

/** Inserts the act's record unless it has one: the first wins, a second end makes nothing. */
export async function insertRecordOnce(db: Db, record: NewRecord): Promise<RecordRow | undefined> {
  return billingDb(db)
    .insertInto('billing_records')
    .values(record)
    .onConflict((oc) => oc.column('appointment_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function recordOfAppointment(db: Db, appointmentId: string, lock = false): Promise<RecordRow | undefined> {
  let query = billingDb(db).selectFrom('billing_records').selectAll().where('appointment_id', '=', appointmentId);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function recordById(db: Db, id: string, lock = false): Promise<RecordRow | undefined> {
  let query = billingDb(db).selectFrom('billing_records').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function recordsOfPatient(db: Db, patientId: string): Promise<RecordRow[]> {
  return billingDb(db)
    .selectFrom('billing_records')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('act_date', 'desc')
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
}

/** A practitioner's acts in the organisations given, in a month (`YYYY-MM`) or all, newest first. */
export async function recordsOfPractitioner(
  db: Db,
  practitionerAccountId: string,
  organisationIds: string[],
  month: string | undefined,
): Promise<RecordRow[]> {
  if (organisationIds.length === 0) return [];
  let query = billingDb(db)
    .selectFrom('billing_records')
    .selectAll()
    .where('practitioner_account_id', '=', practitionerAccountId)
    .where('organisation_id', 'in', organisationIds);
  // act_date is YYYY-MM-DD: a month is a range of text.
  if (month) query = query.where('act_date', '>=', `${month}-01`).where('act_date', '<=', `${month}-31`);
  return query.orderBy('act_date', 'desc').orderBy('created_at', 'desc').limit(5_000).execute();
}

export async function paymentsOf(db: Db, recordIds: string[]): Promise<PaymentRow[]> {
  if (recordIds.length === 0) return [];
  return billingDb(db).selectFrom('billing_payments').selectAll().where('record_id', 'in', recordIds).orderBy('paid_at').execute();
}

export async function insertPayment(db: Db, payment: Insertable<BillingTables['billing_payments']>): Promise<PaymentRow | undefined> {
  return billingDb(db)
    .insertInto('billing_payments')
    .values(payment)
    .onConflict((oc) => oc.column('checkout_session_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function insertCheckout(db: Db, checkout: Insertable<BillingTables['billing_checkouts']>): Promise<void> {
  await billingDb(db).insertInto('billing_checkouts').values(checkout).execute();
}

export async function checkoutBySession(db: Db, sessionId: string) {
  return billingDb(db).selectFrom('billing_checkouts').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
}

/** Notes a provider event as handled; false when it already was (a replay). */
export async function claimProviderEvent(db: Db, eventId: string, type: string): Promise<boolean> {
  const row = await billingDb(db)
    .insertInto('billing_provider_events')
    .values({ event_id: eventId, type })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return row !== undefined;
}
