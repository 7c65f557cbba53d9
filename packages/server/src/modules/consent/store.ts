import { scoped, type Db } from '../../platform/database/database.js';
import type { ConsentAct, ConsentTables } from './tables.js';

/** The database seen from this module: its own tables only. */
const consentDb = (db: Db) => scoped<ConsentTables>(db);

export function consentsOf(db: Db, patientId: string) {
  return consentDb(db).selectFrom('consents').selectAll().where('patient_id', '=', patientId).orderBy('given_at', 'desc').execute();
}

export function liveConsent(db: Db, patientId: string, act: ConsentAct) {
  return consentDb(db)
    .selectFrom('consents')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('act', '=', act)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
}

/** Records consent; undefined when a live one already stands (the partial unique index decides). */
export function insertConsent(db: Db, consent: { patientId: string; act: ConsentAct; informationVersion: string; givenBy: string }) {
  return consentDb(db)
    .insertInto('consents')
    .values({
      patient_id: consent.patientId,
      act: consent.act,
      information_version: consent.informationVersion,
      given_by_account_id: consent.givenBy,
      withdrawn_at: null,
      withdrawn_by_account_id: null,
    })
    .onConflict((oc) => oc.columns(['patient_id', 'act']).where('withdrawn_at', 'is', null).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function withdraw(db: Db, patientId: string, consentId: string, by: string) {
  return consentDb(db)
    .updateTable('consents')
    .set({ withdrawn_at: new Date(), withdrawn_by_account_id: by })
    .where('id', '=', consentId)
    .where('patient_id', '=', patientId)
    .where('withdrawn_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
