import { sql } from 'kysely';
import { scoped, type Db } from '../../platform/database/database.js';
import type { AppointmentChange, AppointmentStatus, MessageKind, Modality, SchedulingTables } from './tables.js';

/** The database seen from this module: its own tables only. */
const schedulingDb = (db: Db) => scoped<SchedulingTables>(db);

/** The statuses under the exclusion constraint: the practitioner's time they hold. */
export const LIVE_STATUSES: readonly AppointmentStatus[] = ['booked', 'checked-in', 'in-progress', 'completed'];

/** PostgreSQL's SQLSTATE of a refused row: an exclusion constraint (two live appointments overlap) or a unique index. */
export function violated(error: unknown): 'exclusion' | 'unique' | null {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23P01' ? 'exclusion' : code === '23505' ? 'unique' : null;
}

// ——— Schedules ———

export type ScheduleRow = SchedulingTables['schedules'] & { id: string; created_at: Date };

export function scheduleById(db: Db, scheduleId: string) {
  return schedulingDb(db).selectFrom('schedules').selectAll().where('id', '=', scheduleId).executeTakeFirst();
}

export function schedulesWhere(db: Db, filter: { practitionerId?: string; organisationId?: string }) {
  return schedulingDb(db)
    .selectFrom('schedules')
    .selectAll()
    .$if(Boolean(filter.practitionerId), (q) => q.where('practitioner_account_id', '=', filter.practitionerId!))
    .$if(Boolean(filter.organisationId), (q) => q.where('organisation_id', '=', filter.organisationId!))
    .orderBy('created_at')
    .limit(500)
    .execute();
}

export async function insertSchedule(
  db: Db,
  schedule: { practitionerId: string; organisationId: string; siteId: string | null; timeZone: string; territory: string[] },
): Promise<string> {
  const row = await schedulingDb(db)
    .insertInto('schedules')
    .values({
      practitioner_account_id: schedule.practitionerId,
      organisation_id: schedule.organisationId,
      site_id: schedule.siteId,
      time_zone: schedule.timeZone,
      territory: schedule.territory,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSchedule(db: Db, scheduleId: string, update: { siteId: string | null; timeZone: string; territory: string[] }) {
  await schedulingDb(db)
    .updateTable('schedules')
    .set({ site_id: update.siteId, time_zone: update.timeZone, territory: update.territory })
    .where('id', '=', scheduleId)
    .execute();
}

export function openingsOf(db: Db, scheduleIds: string[]) {
  if (scheduleIds.length === 0) return Promise.resolve([]);
  return schedulingDb(db)
    .selectFrom('weekly_openings')
    .select(['schedule_id', 'weekday', 'starts', 'ends', 'modalities'])
    .where('schedule_id', '=', sql<string>`any(${scheduleIds}::uuid[])`)
    .orderBy('weekday')
    .orderBy('starts')
    .execute();
}

export async function replaceOpenings(
  db: Db,
  scheduleId: string,
  openings: { weekday: number; start: string; end: string; modalities: Modality[] }[],
): Promise<void> {
  const own = schedulingDb(db);
  await own.deleteFrom('weekly_openings').where('schedule_id', '=', scheduleId).execute();
  if (openings.length === 0) return;
  await own
    .insertInto('weekly_openings')
    .values(
      openings.map((o) => ({
        schedule_id: scheduleId,
        weekday: o.weekday,
        starts: o.start,
        // PostgreSQL's time goes to 24:00:00: the end of the day.
        ends: o.end,
        modalities: o.modalities,
      })),
    )
    .execute();
}

export function exceptionsOf(db: Db, scheduleIds: string[], range?: { from: Date; until: Date }) {
  if (scheduleIds.length === 0) return Promise.resolve([]);
  return schedulingDb(db)
    .selectFrom('schedule_exceptions')
    .selectAll()
    .where('schedule_id', '=', sql<string>`any(${scheduleIds}::uuid[])`)
    .$if(Boolean(range), (q) => q.where('ends_at', '>', range!.from).where('starts_at', '<', range!.until))
    .orderBy('starts_at')
    .execute();
}

export async function insertException(
  db: Db,
  exception: { scheduleId: string; kind: 'closed' | 'open'; startsAt: Date; endsAt: Date; modalities: Modality[] },
): Promise<string> {
  const row = await schedulingDb(db)
    .insertInto('schedule_exceptions')
    .values({
      schedule_id: exception.scheduleId,
      kind: exception.kind,
      starts_at: exception.startsAt,
      ends_at: exception.endsAt,
      modalities: exception.modalities,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteException(db: Db, scheduleId: string, exceptionId: string): Promise<boolean> {
  const result = await schedulingDb(db)
    .deleteFrom('schedule_exceptions')
    .where('id', '=', exceptionId)
    .where('schedule_id', '=', scheduleId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// ——— Consultation types ———

export interface TypeValues {
  modality: Modality;
  specialty: string;
  durationMinutes: number;
  bufferMinutes: number;
  minimumNoticeMinutes: number;
  horizonDays: number;
  feeCents: number | null;
}

const typeColumns = (t: TypeValues) => ({
  modality: t.modality,
  specialty: t.specialty,
  duration_minutes: t.durationMinutes,
  buffer_minutes: t.bufferMinutes,
  minimum_notice_minutes: t.minimumNoticeMinutes,
  horizon_days: t.horizonDays,
  fee_cents: t.feeCents,
});

export function typesOf(db: Db, scheduleIds: string[]) {
  if (scheduleIds.length === 0) return Promise.resolve([]);
  return schedulingDb(db)
    .selectFrom('consultation_types')
    .selectAll()
    .where('schedule_id', '=', sql<string>`any(${scheduleIds}::uuid[])`)
    .orderBy('created_at')
    .execute();
}

export function typeById(db: Db, typeId: string) {
  return schedulingDb(db).selectFrom('consultation_types').selectAll().where('id', '=', typeId).executeTakeFirst();
}

export async function insertType(db: Db, scheduleId: string, values: TypeValues): Promise<string> {
  const row = await schedulingDb(db)
    .insertInto('consultation_types')
    .values({ schedule_id: scheduleId, ...typeColumns(values) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateType(db: Db, scheduleId: string, typeId: string, values: TypeValues | { active: false }): Promise<boolean> {
  const result = await schedulingDb(db)
    .updateTable('consultation_types')
    .set('active' in values ? { active: false } : { ...typeColumns(values), active: true })
    .where('id', '=', typeId)
    .where('schedule_id', '=', scheduleId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The consultation types a search may offer, with their schedule: by specialty, modality, territory, practitioner, organisation. */
export function searchableTypes(
  db: Db,
  filter: {
    specialty?: string;
    modality?: Modality;
    territory?: string;
    practitionerId?: string;
    organisationId?: string;
    typeId?: string;
  },
) {
  return schedulingDb(db)
    .selectFrom('consultation_types as t')
    .innerJoin('schedules as s', 's.id', 't.schedule_id')
    .select([
      't.id as type_id',
      't.modality',
      't.specialty',
      't.duration_minutes',
      't.buffer_minutes',
      't.minimum_notice_minutes',
      't.horizon_days',
      't.fee_cents',
      's.id as schedule_id',
      's.practitioner_account_id',
      's.organisation_id',
      's.site_id',
      's.time_zone',
      's.territory',
    ])
    .where('t.active', '=', true)
    .$if(Boolean(filter.specialty), (q) => q.where('t.specialty', '=', filter.specialty!))
    .$if(Boolean(filter.modality), (q) => q.where('t.modality', '=', filter.modality!))
    .$if(Boolean(filter.territory), (q) => q.where('s.territory', '@>', sql<string[]>`array[${filter.territory!}]::text[]`))
    .$if(Boolean(filter.practitionerId), (q) => q.where('s.practitioner_account_id', '=', filter.practitionerId!))
    .$if(Boolean(filter.organisationId), (q) => q.where('s.organisation_id', '=', filter.organisationId!))
    .$if(Boolean(filter.typeId), (q) => q.where('t.id', '=', filter.typeId!))
    .limit(2000)
    .execute();
}

/** A weekly opening as slot search reads it: weekday, `HH:MM:SS` start and end, modalities. */
export type OpeningTuple = [number, string, string, Modality[]];
/** An exception as slot search reads it: kind, start and end (epoch ms), modalities. */
export type ExceptionTuple = ['closed' | 'open', number, number, Modality[]];
/** An appointment's hold on its practitioner's time: start and end with its buffer (epoch ms). */
export type BusyTuple = [number, number];

export type SlotSource = Awaited<ReturnType<typeof searchableTypes>>[number] & {
  openings: OpeningTuple[];
  exceptions: ExceptionTuple[];
  /** The practitioner's live appointments that meet `busyRange`. */
  busy: BusyTuple[];
};

/**
 * Everything a slot search computes from, in one round trip: the consultation types that match
 * (as `searchableTypes`), each with its schedule's weekly openings, its exceptions meeting
 * `exceptionRange`, and its practitioner's live appointments meeting `busyRange` (read through the
 * index `appointments_busy` alone). Numbers and short arrays, as JSON: no Date objects to make.
 */
export async function slotSources(
  db: Db,
  filter: {
    specialty?: string;
    modality?: Modality;
    territory?: string;
    practitionerId?: string;
    organisationId?: string;
    typeId?: string;
  },
  exceptionRange: { from: Date; until: Date },
  busyRange: { from: Date; until: Date },
): Promise<SlotSource[]> {
  const where = [
    sql`t.active`,
    ...(filter.specialty ? [sql`t.specialty = ${filter.specialty}`] : []),
    ...(filter.modality ? [sql`t.modality = ${filter.modality}`] : []),
    ...(filter.territory ? [sql`s.territory @> array[${filter.territory}]::text[]`] : []),
    ...(filter.practitionerId ? [sql`s.practitioner_account_id = ${filter.practitionerId}`] : []),
    ...(filter.organisationId ? [sql`s.organisation_id = ${filter.organisationId}`] : []),
    ...(filter.typeId ? [sql`t.id = ${filter.typeId}`] : []),
  ];
  // Not prepared: a generic plan of this statement (what PostgreSQL settles on after five runs of a
  // prepared one) ignores how few schedules the filters leave, and made the slot search twice slower.
  const { rows } = await sql<SlotSource>`
    with candidates as (
      select t.id as type_id, t.modality, t.specialty, t.duration_minutes, t.buffer_minutes, t.minimum_notice_minutes,
        t.horizon_days, t.fee_cents, s.id as schedule_id, s.practitioner_account_id, s.organisation_id, s.site_id,
        s.time_zone, s.territory
      from consultation_types t join schedules s on s.id = t.schedule_id
      where ${sql.join(where, sql` and `)}
      limit 2000),
    busy as (
      select a.practitioner_account_id,
        json_agg(json_build_array((extract(epoch from a.starts_at) * 1000)::bigint, (extract(epoch from a.blocked_until) * 1000)::bigint)) as busy
      from appointments a
      where a.practitioner_account_id in (select practitioner_account_id from candidates)
        and a.status in ('booked', 'checked-in', 'in-progress', 'completed')
        and a.blocked_until > ${busyRange.from}
        -- No appointment lasts a day (a type is 4 h at most, its buffer 2 h): a bound the index can use.
        and a.starts_at > ${new Date(busyRange.from.getTime() - 86_400_000)}
        and a.starts_at < ${busyRange.until}
      group by a.practitioner_account_id)
    select c.*,
      coalesce((select json_agg(json_build_array(o.weekday, o.starts, o.ends, o.modalities))
        from weekly_openings o where o.schedule_id = c.schedule_id), '[]') as openings,
      coalesce((select json_agg(json_build_array(e.kind, (extract(epoch from e.starts_at) * 1000)::bigint,
          (extract(epoch from e.ends_at) * 1000)::bigint, e.modalities))
        from schedule_exceptions e
        where e.schedule_id = c.schedule_id and e.ends_at > ${exceptionRange.from} and e.starts_at < ${exceptionRange.until}), '[]')
        as exceptions,
      coalesce(b.busy, '[]') as busy
    from candidates c left join busy b on b.practitioner_account_id = c.practitioner_account_id`.execute(db);
  return rows;
}

// ——— Appointments ———

export type AppointmentRow = Awaited<ReturnType<typeof appointmentById>> & object;

/**
 * The time the practitioners' live appointments hold (with their buffers) in a range, as epoch
 * milliseconds (a search reads thousands: no Date objects to make).
 */
export async function busyTimes(
  db: Db,
  practitionerIds: string[],
  range: { from: Date; until: Date },
): Promise<{ practitioner_account_id: string; start: number; end: number }[]> {
  if (practitionerIds.length === 0) return [];
  const { rows } = await sql<{ practitioner_account_id: string; start: number; end: number }>`
    select practitioner_account_id, (extract(epoch from starts_at) * 1000)::float8 as start,
      (extract(epoch from blocked_until) * 1000)::float8 as "end"
    from appointments
    where practitioner_account_id = any(${practitionerIds}::uuid[])
      and status in ('booked', 'checked-in', 'in-progress', 'completed')
      and blocked_until > ${range.from}
      -- No appointment lasts a day (a type is 4 h at most, its buffer 2 h): a bound the index can use.
      and starts_at > ${new Date(range.from.getTime() - 86_400_000)}
      and starts_at < ${range.until}`.execute(db);
  return rows;
}

/**
 * Takes turns with the other bookings of one practitioner until the transaction ends. The exclusion
 * constraint still decides who gets a slot; this only orders the inserts, since PostgreSQL can
 * deadlock inserts that each wait on another's overlapping row (three bookings of overlapping
 * slots of different lengths), and a deadlock costs a second before it is broken.
 */
export async function takeTurnOnAgenda(db: Db, practitionerId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AGENDA_LOCK_CLASS}, hashtext(${practitionerId}))`.execute(db);
}

/** Any constant of our own: the first half of the agendas' advisory lock keys. */
const AGENDA_LOCK_CLASS = 7_233_611;

export interface NewAppointment {
  patientId: string;
  practitionerId: string;
  organisationId: string;
  scheduleId: string;
  typeId: string;
  modality: Modality;
  startsAt: Date;
  endsAt: Date;
  blockedUntil: Date;
  timeZone: string;
  bookedBy: string;
  bookedAs: 'patient' | 'practitioner' | 'regulator';
  idempotencyKey: string | null;
}

/** Inserts an appointment; the exclusion constraint refuses it (SQLSTATE 23P01) when the time is taken. */
export async function insertAppointment(db: Db, a: NewAppointment): Promise<string> {
  const row = await schedulingDb(db)
    .insertInto('appointments')
    .values({
      patient_id: a.patientId,
      practitioner_account_id: a.practitionerId,
      organisation_id: a.organisationId,
      schedule_id: a.scheduleId,
      consultation_type_id: a.typeId,
      modality: a.modality,
      starts_at: a.startsAt,
      ends_at: a.endsAt,
      blocked_until: a.blockedUntil,
      time_zone: a.timeZone,
      booked_by_account_id: a.bookedBy,
      booked_as: a.bookedAs,
      idempotency_key: a.idempotencyKey,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function appointmentById(db: Db, appointmentId: string) {
  return schedulingDb(db).selectFrom('appointments').selectAll().where('id', '=', appointmentId).executeTakeFirst();
}

export function appointmentByIdempotencyKey(db: Db, bookedBy: string, key: string) {
  return schedulingDb(db)
    .selectFrom('appointments')
    .selectAll()
    .where('booked_by_account_id', '=', bookedBy)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export function appointmentsOfPatient(db: Db, patientId: string, when: 'upcoming' | 'past' | 'all', now: Date) {
  return schedulingDb(db)
    .selectFrom('appointments')
    .selectAll()
    .where('patient_id', '=', patientId)
    .$if(when === 'upcoming', (q) => q.where('ends_at', '>', now))
    .$if(when === 'past', (q) => q.where('ends_at', '<=', now))
    .orderBy('starts_at', when === 'past' ? 'desc' : 'asc')
    .limit(500)
    .execute();
}

export function appointmentsOfPractitioner(db: Db, practitionerId: string, range: { from: Date; until: Date }) {
  return schedulingDb(db)
    .selectFrom('appointments')
    .selectAll()
    .where('practitioner_account_id', '=', practitionerId)
    .where('starts_at', '>=', range.from)
    .where('starts_at', '<', range.until)
    .orderBy('starts_at')
    .limit(2000)
    .execute();
}

/** Changes an appointment if it is still at `version` (a concurrent change wins, this one is refused). */
export async function updateAppointment(
  db: Db,
  appointmentId: string,
  version: number,
  change: Partial<{
    status: AppointmentStatus;
    starts_at: Date;
    ends_at: Date;
    blocked_until: Date;
    consultation_type_id: string;
    modality: Modality;
  }>,
): Promise<boolean> {
  const result = await schedulingDb(db)
    .updateTable('appointments')
    .set({ ...change, version: version + 1, updated_at: new Date() })
    .where('id', '=', appointmentId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recordChange(
  db: Db,
  entry: {
    appointmentId: string;
    change: AppointmentChange;
    by: string;
    byRole: 'patient' | 'practitioner' | 'regulator' | 'admin';
    reason?: string | undefined;
    previousStartsAt?: Date | undefined;
    startsAt: Date;
  },
): Promise<void> {
  await schedulingDb(db)
    .insertInto('appointment_history')
    .values({
      appointment_id: entry.appointmentId,
      change: entry.change,
      by_account_id: entry.by,
      by_role: entry.byRole,
      reason: entry.reason || null,
      previous_starts_at: entry.previousStartsAt ?? null,
      starts_at: entry.startsAt,
    })
    .execute();
}

export function historyOf(db: Db, appointmentId: string) {
  return schedulingDb(db).selectFrom('appointment_history').selectAll().where('appointment_id', '=', appointmentId).orderBy('id').execute();
}

// ——— Messages owed ———

/** Records what is owed about an appointment; a message already owed for that start is not owed twice. */
export async function oweMessages(db: Db, messages: { appointmentId: string; kind: MessageKind; startsAt: Date; dueAt: Date }[]) {
  if (messages.length === 0) return;
  await schedulingDb(db)
    .insertInto('appointment_messages')
    .values(messages.map((m) => ({ appointment_id: m.appointmentId, kind: m.kind, starts_at: m.startsAt, due_at: m.dueAt })))
    .onConflict((oc) => oc.columns(['appointment_id', 'kind', 'starts_at']).doNothing())
    .execute();
}

/** Reminders not yet sent for an appointment no longer at that time or no longer live: never sent. */
export async function dropPendingReminders(db: Db, appointmentId: string): Promise<void> {
  await schedulingDb(db)
    .deleteFrom('appointment_messages')
    .where('appointment_id', '=', appointmentId)
    .where('kind', 'in', ['reminder-24h', 'reminder-1h'])
    .where('claimed_at', 'is', null)
    .execute();
}

/**
 * Claims the messages due by `now` (at most `limit`), in a statement of its own: once claimed, a
 * message is never claimed again, on any node (SKIP LOCKED lets two nodes share the work).
 */
export function claimDueMessages(db: Db, now: Date, limit: number) {
  return sql<{ id: string; appointment_id: string; kind: MessageKind; starts_at: Date }>`
    update appointment_messages set claimed_at = ${now}
    where id in (
      select id from appointment_messages
      where claimed_at is null and due_at <= ${now}
      order by due_at
      limit ${limit}
      for update skip locked)
    returning id, appointment_id, kind, starts_at`
    .execute(db)
    .then((r) => r.rows);
}

export async function markMessage(db: Db, id: string, outcome: 'sent' | 'skipped' | 'failed'): Promise<void> {
  await schedulingDb(db)
    .updateTable('appointment_messages')
    .set({ outcome, sent_at: outcome === 'sent' ? new Date() : null })
    .where('id', '=', id)
    .execute();
}

// ——— Reminder contacts ———

export async function reminderMobile(db: Db, accountId: string): Promise<string | null> {
  return (
    (await schedulingDb(db).selectFrom('reminder_contacts').select('mobile').where('account_id', '=', accountId).executeTakeFirst())
      ?.mobile ?? null
  );
}

export async function saveReminderMobile(db: Db, accountId: string, mobile: string | null): Promise<void> {
  const own = schedulingDb(db);
  if (mobile === null) {
    await own.deleteFrom('reminder_contacts').where('account_id', '=', accountId).execute();
    return;
  }
  await own
    .insertInto('reminder_contacts')
    .values({ account_id: accountId, mobile })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ mobile, updated_at: new Date() }))
    .execute();
}
