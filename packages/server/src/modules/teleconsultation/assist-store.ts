import { sql, type Insertable, type Selectable } from 'kysely';
import { scoped, type Db } from '../../platform/database/database.js';
import type { AssistantsTable, MeasurementsTable } from './assist-tables.js';
import type { TeleconsultationTables } from './tables.js';

// SQL on the assisted teleconsultation's tables: invitations (the assistants they become) and the
// measurements shared in the call.

const teleDb = (db: Db) => scoped<TeleconsultationTables>(db);

export type AssistantRow = Selectable<AssistantsTable>;
export type MeasurementRow = Selectable<MeasurementsTable>;

export async function insertInvitation(db: Db, values: Insertable<AssistantsTable>): Promise<AssistantRow> {
  return teleDb(db).insertInto('teleconsultation_assistants').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Invitations of a visit not yet used, withdrawn nor expired: a visit has a handful at most. */
export async function pendingInvitationCount(db: Db, appointmentId: string, now: Date): Promise<number> {
  const row = await teleDb(db)
    .selectFrom('teleconsultation_assistants')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('appointment_id', '=', appointmentId)
    .where('redeemed_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function assistantsOf(db: Db, appointmentId: string): Promise<AssistantRow[]> {
  return teleDb(db)
    .selectFrom('teleconsultation_assistants')
    .selectAll()
    .where('appointment_id', '=', appointmentId)
    .orderBy('created_at')
    .limit(100)
    .execute();
}

export function invitationByTokenHash(db: Db, tokenHash: string): Promise<AssistantRow | undefined> {
  return teleDb(db).selectFrom('teleconsultation_assistants').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export interface Redemption {
  name: string;
  profession: AssistantRow['profession'];
  rpps: string | null;
  place: AssistantRow['place'];
  setting: AssistantRow['setting'];
  informationVersion: string;
  credentialHash: string;
}

/**
 * Uses an invitation, once: the update applies only to a link neither used, withdrawn nor expired,
 * so of two openings racing exactly one gets the row (the other, undefined).
 */
export function redeemInvitation(db: Db, tokenHash: string, redemption: Redemption, now: Date): Promise<AssistantRow | undefined> {
  return teleDb(db)
    .updateTable('teleconsultation_assistants')
    .set({
      redeemed_at: now,
      name: redemption.name,
      profession: redemption.profession,
      rpps: redemption.rpps,
      place: redemption.place,
      setting: redemption.setting,
      information_version: redemption.informationVersion,
      credential_hash: redemption.credentialHash,
    })
    .where('token_hash', '=', tokenHash)
    .where('redeemed_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}

/** The assistant a credential belongs to, while it holds (not withdrawn, not expired). */
export function assistantByCredentialHash(db: Db, credentialHash: string, now: Date): Promise<AssistantRow | undefined> {
  return teleDb(db)
    .selectFrom('teleconsultation_assistants')
    .selectAll()
    .where('credential_hash', '=', credentialHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export function revokeInvitation(db: Db, appointmentId: string, invitationId: string, now: Date): Promise<AssistantRow | undefined> {
  return teleDb(db)
    .updateTable('teleconsultation_assistants')
    .set({ revoked_at: sql<Date>`coalesce(revoked_at, ${now})` })
    .where('id', '=', invitationId)
    .where('appointment_id', '=', appointmentId)
    .returningAll()
    .executeTakeFirst();
}

/** Stores a measurement once per identifier of its assistant: a retry returns the one stored first. */
export async function insertMeasurement(db: Db, values: Insertable<MeasurementsTable>): Promise<{ row: MeasurementRow; created: boolean }> {
  const inserted = await teleDb(db)
    .insertInto('teleconsultation_measurements')
    .values(values)
    .onConflict((oc) => oc.columns(['assistant_id', 'identifier']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  const existing = await teleDb(db)
    .selectFrom('teleconsultation_measurements')
    .selectAll()
    .where('assistant_id', '=', values.assistant_id)
    .where('identifier', '=', values.identifier)
    .executeTakeFirstOrThrow();
  return { row: existing, created: false };
}

export function measurementsOf(db: Db, appointmentId: string, assistantId?: string): Promise<MeasurementRow[]> {
  let query = teleDb(db).selectFrom('teleconsultation_measurements').selectAll().where('appointment_id', '=', appointmentId);
  if (assistantId) query = query.where('assistant_id', '=', assistantId);
  return query.orderBy('created_at').limit(500).execute();
}
