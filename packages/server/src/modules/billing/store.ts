import type { InsuranceSituation } from '@parcours/domain';
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
