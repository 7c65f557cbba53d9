import type { Selectable } from 'kysely';
import { scoped, type Db } from '../../platform/database/database.js';
import type { CallSide, TeleconsultationTables, VisitOutcome, VisitState } from './tables.js';

/** The database seen from this module: its own tables only. */
const teleDb = (db: Db) => scoped<TeleconsultationTables>(db);

export type VisitRow = Selectable<TeleconsultationTables['teleconsultation_visits']>;

export const OPEN_STATES: readonly VisitState[] = ['waiting', 'postponed', 'admitted'];

export function visitById(db: Db, appointmentId: string): Promise<VisitRow | undefined> {
  return teleDb(db).selectFrom('teleconsultation_visits').selectAll().where('appointment_id', '=', appointmentId).executeTakeFirst();
}

/** The practitioner's open visits, earliest slot first: their waiting room. */
export function openVisitsOf(db: Db, practitionerAccountId: string): Promise<VisitRow[]> {
  return teleDb(db)
    .selectFrom('teleconsultation_visits')
    .selectAll()
    .where('practitioner_account_id', '=', practitionerAccountId)
    .where('state', 'in', OPEN_STATES)
    .orderBy('starts_at')
    .orderBy('checked_in_at')
    .limit(200)
    .execute();
}

/**
 * Checks a patient in: a new visit waits; a visit already waiting, postponed or admitted stays as it
 * is (a second tab, a reload). Undefined when the visit is over (cancelled or ended).
 */
export async function checkIn(
  db: Db,
  visit: { appointmentId: string; patientId: string; practitionerAccountId: string; startsAt: Date; endsAt: Date },
): Promise<VisitRow | undefined> {
  await teleDb(db)
    .insertInto('teleconsultation_visits')
    .values({
      appointment_id: visit.appointmentId,
      patient_id: visit.patientId,
      practitioner_account_id: visit.practitionerAccountId,
      starts_at: visit.startsAt,
      ends_at: visit.endsAt,
      postponed_until: null,
      notice: null,
      outcome: null,
      incident_note: null,
      ended_at: null,
    })
    .onConflict((oc) => oc.column('appointment_id').doNothing())
    .execute();
  const row = await visitById(db, visit.appointmentId);
  return row && OPEN_STATES.includes(row.state) ? row : undefined;
}

export interface VisitChange {
  state: VisitState;
  postponed_until?: Date | null;
  notice?: string | null;
  outcome?: VisitOutcome | null;
  incident_note?: string | null;
  ended_at?: Date | null;
}

/** Applies a change if the visit is still at `version` (two tabs of one practitioner cannot both admit). */
export async function changeVisit(db: Db, appointmentId: string, version: number, change: VisitChange): Promise<VisitRow | undefined> {
  return teleDb(db)
    .updateTable('teleconsultation_visits')
    .set({ ...change, state_changed_at: new Date(), version: version + 1 })
    .where('appointment_id', '=', appointmentId)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export interface QualityValues {
  appointmentId: string;
  reporterAccountId: string;
  side: CallSide;
  samples: number;
  rttMsMedian: number | null;
  rttMsMax: number | null;
  lossPercent: number | null;
  bitrateKbpsMedian: number | null;
  framesDecoded: number | null;
}

/** One summary per participant and visit: a later one (the call went on) replaces the earlier. */
export async function saveQuality(db: Db, q: QualityValues): Promise<void> {
  const values = {
    side: q.side,
    samples: q.samples,
    rtt_ms_median: q.rttMsMedian,
    rtt_ms_max: q.rttMsMax,
    loss_percent: q.lossPercent,
    bitrate_kbps_median: q.bitrateKbpsMedian,
    frames_decoded: q.framesDecoded,
    reported_at: new Date(),
  };
  await teleDb(db)
    .insertInto('teleconsultation_quality')
    .values({ appointment_id: q.appointmentId, reporter_account_id: q.reporterAccountId, ...values })
    .onConflict((oc) => oc.columns(['appointment_id', 'reporter_account_id']).doUpdateSet(values))
    .execute();
}

export function qualityOf(db: Db, appointmentId: string) {
  return teleDb(db)
    .selectFrom('teleconsultation_quality')
    .selectAll()
    .where('appointment_id', '=', appointmentId)
    .orderBy('side')
    .execute();
}
