import { isOffered, wallTimeOf } from '@parcours/domain';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { audited } from '../../platform/audit/audit.js';
import type { ServiceDeps } from '../../platform/context.js';
import type { Db } from '../../platform/database/database.js';
import type { Language } from '../../platform/http/language.js';
import { Problem, problem } from '../../platform/http/problem.js';
import type { Jobs } from '../../platform/jobs/index.js';
import type { SmsSender } from '../../platform/sms/sms.js';
import { accountNames } from '../accounts/service.js';
import { organisationNames } from '../organisations/service.js';
import { patientRecordAccess, patientSummaries, recordAppointmentCare } from '../patients/service.js';
import { appointmentRole, bookingRole, type BookingRole } from './access.js';
import { availabilityOf } from './availability.js';
import { fieldIssue } from './issues.js';
import { announce, type AppointmentEvent } from './live.js';
import type { Appointment, AppointmentDetail, BookRequest, RescheduleRequest, StatusRequest } from './schemas.js';
import { freeSlots, startOfParisDay } from './search.js';
import {
  appointmentById,
  appointmentByIdempotencyKey,
  appointmentsOfPatient,
  appointmentsOfPractitioner,
  dropPendingReminders,
  exceptionsOf,
  historyOf,
  insertAppointment,
  openingsOf,
  oweMessages,
  recordChange,
  scheduleById,
  searchableTypes,
  takeTurnOnAgenda,
  typeById,
  updateAppointment,
  violated,
  type AppointmentRow,
} from './store.js';
import type { AppointmentStatus, MessageKind } from './tables.js';

/** What scheduling's use cases are handed: the platform's, the job runner (to wake the sender) and the texts. */
export interface SchedulingDeps extends ServiceDeps {
  jobs: Jobs;
  sms: SmsSender;
}

type AppointmentView = z.infer<typeof Appointment>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The care relationship an appointment opens lasts this long after it: for the report, a prescription. */
const CARE_AFTER = 30 * 24 * HOUR;

/** How the pages name an appointment's people and places; the callers authorise and audit. */
async function views(db: Db, rows: readonly AppointmentRow[], publicUrl: string): Promise<AppointmentView[]> {
  const [patients, practitioners, organisations] = await Promise.all([
    patientSummaries(
      db,
      rows.map((r) => r.patient_id),
    ),
    accountNames(db, [...new Set(rows.map((r) => r.practitioner_account_id))]),
    organisationNames(db, [...new Set(rows.map((r) => r.organisation_id))]),
  ]);
  return rows.map((r) => {
    const wall = wallTimeOf(r.starts_at.getTime(), r.time_zone);
    return {
      id: r.id,
      patient: { id: r.patient_id, name: patients.get(r.patient_id)?.name ?? '' },
      practitioner: { id: r.practitioner_account_id, name: practitioners.get(r.practitioner_account_id) ?? '' },
      organisation: { id: r.organisation_id, name: organisations.get(r.organisation_id) ?? '' },
      typeId: r.consultation_type_id,
      modality: r.modality,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
      timeZone: r.time_zone,
      wallDate: wall.date,
      wallTime: wall.time,
      status: r.status,
      bookedAt: r.booked_at.toISOString(),
      bookedAs: r.booked_as,
      joinUrl: joinUrl(publicUrl, r.id),
      version: r.version,
    };
  });
}

export const joinUrl = (publicUrl: string, appointmentId: string) => `${publicUrl}/rendez-vous/${appointmentId}`;

function eventOf(row: AppointmentRow, status: AppointmentStatus = row.status, startsAt: Date = row.starts_at): AppointmentEvent {
  return {
    appointmentId: row.id,
    patientId: row.patient_id,
    practitionerAccountId: row.practitioner_account_id,
    organisationId: row.organisation_id,
    startsAt: startsAt.toISOString(),
    status,
  };
}

/** The reminders owed before a start: 24 h and 1 h before, those still ahead. */
function reminders(
  appointmentId: string,
  startsAt: Date,
  now: number,
): { appointmentId: string; kind: MessageKind; startsAt: Date; dueAt: Date }[] {
  return (
    [
      ['reminder-24h', 24 * HOUR],
      ['reminder-1h', HOUR],
    ] as const
  )
    .map(([kind, before]) => ({ appointmentId, kind, startsAt, dueAt: new Date(startsAt.getTime() - before) }))
    .filter((m) => m.dueAt.getTime() > now);
}

/** The sender of messages runs now rather than at its next minute. */
async function wakeSender(deps: SchedulingDeps): Promise<void> {
  await deps.jobs.send('scheduling.send-messages', {}, { singletonKey: 'send-messages' }).catch((error: Error) => {
    deps.logger.warn({ err: { message: error.message } }, 'message sender not woken; it runs at its next minute');
  });
}

/** The type and schedule of a booking, and the availability that decides whether its start is offered. */
async function bookable(db: Db, typeId: string, language: Language, field = 'typeId') {
  const type = await typeById(db, typeId);
  if (!type?.active) throw problem.validation([fieldIssue(field, 'unknown-type', language)]);
  const schedule = (await scheduleById(db, type.schedule_id))!;
  const range = { from: new Date(Date.now() - 2 * 24 * HOUR), until: new Date(Date.now() + (type.horizon_days + 2) * 24 * HOUR) };
  const [openings, exceptions] = await Promise.all([openingsOf(db, [schedule.id]), exceptionsOf(db, [schedule.id], range)]);
  return { type, schedule, availability: availabilityOf(schedule, openings, exceptions, type) };
}

/** A start the availability offers, in the future: else a 400 naming the field. */
function checkStart(availability: ReturnType<typeof availabilityOf>, startsAt: Date, now: number, language: Language, field = 'startsAt') {
  if (startsAt.getTime() <= now) throw problem.validation([fieldIssue(field, 'in-the-past', language)]);
  if (!isOffered(availability, startsAt.getTime(), now)) throw problem.validation([fieldIssue(field, 'not-offered', language)]);
}

/** The next free slots of a type, for the loser of a race. */
async function nextFree(db: Db, typeId: string, now: number) {
  const candidates = await searchableTypes(db, { typeId });
  const slots = await freeSlots(db, candidates, { start: now, end: now + 62 * 24 * HOUR }, now, 5);
  return slots.map(({ slot }) => ({ typeId, start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString() }));
}

export interface Booked {
  appointment: AppointmentView;
  /** An earlier booking with the same Idempotency-Key: nothing new was written. */
  replayed: boolean;
}

/**
 * Books a slot. The exclusion constraint on the practitioner's time decides every race: of any
 * number of simultaneous requests for overlapping slots, one commits and the others get 409
 * "slot-taken" with the next free slots, and nothing of theirs is written. A retry with the same
 * Idempotency-Key returns the appointment it made.
 */
export async function bookAppointment(
  deps: SchedulingDeps,
  actor: Actor,
  request: z.infer<typeof BookRequest>,
  idempotencyKey: string | undefined,
  language: Language,
  now = Date.now(),
): Promise<Booked> {
  const { db } = deps;
  const startsAt = new Date(request.startsAt);
  const replay = async (): Promise<Booked | null> => {
    if (!idempotencyKey) return null;
    const earlier = await appointmentByIdempotencyKey(db, actor.accountId, idempotencyKey);
    if (!earlier) return null;
    const same =
      earlier.patient_id === request.patientId &&
      earlier.consultation_type_id === request.typeId &&
      earlier.starts_at.getTime() === startsAt.getTime();
    if (!same) throw new Problem(422, 'idempotency-key-reused');
    const [appointment] = await audited(
      deps,
      {
        actor,
        kind: 'read',
        action: 'appointment.read',
        resource: { type: 'Appointment', id: earlier.id },
        patientId: earlier.patient_id,
        authorize: () => appointmentRole(actor, earlier),
      },
      (tx) => views(tx, [earlier], deps.config.publicUrl),
    );
    return { appointment: appointment!, replayed: true };
  };

  const replayed = await replay();
  if (replayed) return replayed;
  const { type, schedule, availability } = await bookable(db, request.typeId, language);
  const role = await bookingRole(db, actor, request.patientId, schedule.organisation_id);
  checkStart(availability, startsAt, now, language);
  const endsAt = new Date(startsAt.getTime() + type.duration_minutes * MINUTE);
  let id: string;
  try {
    id = await audited(
      deps,
      {
        actor,
        kind: 'change',
        action: 'appointment.book',
        resource: { type: 'Appointment' },
        patientId: request.patientId,
        organisationId: schedule.organisation_id,
        authorize: () => role,
        entries: (appointmentId: string) => [
          {
            actor,
            role,
            action: 'appointment.book',
            resource: { type: 'Appointment', id: appointmentId },
            patientId: request.patientId,
            organisationId: schedule.organisation_id,
          },
        ],
      },
      async (tx) => {
        await takeTurnOnAgenda(tx, schedule.practitioner_account_id);
        const appointmentId = await insertAppointment(tx, {
          patientId: request.patientId,
          practitionerId: schedule.practitioner_account_id,
          organisationId: schedule.organisation_id,
          scheduleId: schedule.id,
          typeId: type.id,
          modality: type.modality,
          startsAt,
          endsAt,
          blockedUntil: new Date(endsAt.getTime() + type.buffer_minutes * MINUTE),
          timeZone: schedule.time_zone,
          bookedBy: actor.accountId,
          bookedAs: role,
          idempotencyKey: idempotencyKey ?? null,
        });
        await recordChange(tx, { appointmentId, change: 'booked', by: actor.accountId, byRole: role, startsAt });
        await recordAppointmentCare(tx, {
          patientId: request.patientId,
          practitionerAccountId: schedule.practitioner_account_id,
          organisationId: schedule.organisation_id,
          until: new Date(endsAt.getTime() + CARE_AFTER),
        });
        await oweMessages(tx, [
          { appointmentId, kind: 'confirmation', startsAt, dueAt: new Date(now) },
          ...reminders(appointmentId, startsAt, now),
        ]);
        return appointmentId;
      },
    );
  } catch (error) {
    const refusal = violated(error);
    if (refusal === 'unique') {
      // The same key, sent twice at once: the other request made the appointment.
      const again = await replay();
      if (again) return again;
    }
    if (refusal) throw problem.conflict('slot-taken', { nextSlots: await nextFree(db, type.id, now) });
    if ((error as { code?: unknown }).code === '23503') throw problem.validation([fieldIssue('patientId', 'unknown-patient', language)]);
    throw error;
  }
  const row = (await appointmentById(db, id))!;
  announce(deps.events, 'appointment.booked', eventOf(row));
  await wakeSender(deps);
  const [appointment] = await views(db, [row], deps.config.publicUrl);
  return { appointment: appointment!, replayed: false };
}

/** One appointment, with its history, for the patient's side, its practitioner or the regulator who booked it. Audited. */
export async function readAppointment(
  deps: SchedulingDeps,
  actor: Actor,
  appointmentId: string,
): Promise<z.infer<typeof AppointmentDetail>> {
  const row = await appointmentById(deps.db, appointmentId);
  if (!row) throw problem.notFound();
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'appointment.read',
      resource: { type: 'Appointment', id: row.id },
      patientId: row.patient_id,
      authorize: () => appointmentRole(actor, row),
    },
    async (tx) => {
      const [[view], history] = await Promise.all([views(tx, [row], deps.config.publicUrl), historyOf(tx, row.id)]);
      return {
        ...view!,
        history: history.map((h) => ({
          change: h.change,
          at: h.at.toISOString(),
          byRole: h.by_role,
          reason: h.reason,
          previousStartsAt: h.previous_starts_at?.toISOString() ?? null,
          startsAt: h.starts_at.toISOString(),
        })),
      };
    },
  );
}

/** An appointment row the actor may act on, and the capacity they act in. */
async function appointmentFor(db: Db, actor: Actor, appointmentId: string): Promise<{ row: AppointmentRow; role: BookingRole }> {
  const row = await appointmentById(db, appointmentId);
  if (!row) throw problem.notFound();
  return { row, role: appointmentRole(actor, row) };
}

/** Applies one change under the audit, if the appointment did not change meanwhile (its version). */
async function change(
  deps: SchedulingDeps,
  actor: Actor,
  { row, role }: { row: AppointmentRow; role: BookingRole },
  action: string,
  work: (tx: Db) => Promise<void>,
): Promise<void> {
  await audited(
    deps,
    {
      actor,
      kind: 'change',
      action,
      resource: { type: 'Appointment', id: row.id },
      patientId: row.patient_id,
      organisationId: row.organisation_id,
      authorize: () => role,
    },
    work,
  );
}

const CANCELLABLE: readonly AppointmentStatus[] = ['booked', 'checked-in'];

/** Cancels: by the patient's side, the practitioner or the regulator who booked it, saying why if they wish. */
export async function cancelAppointment(
  deps: SchedulingDeps,
  actor: Actor,
  appointmentId: string,
  reason: string | undefined,
  now = Date.now(),
): Promise<AppointmentView> {
  const found = await appointmentFor(deps.db, actor, appointmentId);
  const { row, role } = found;
  if (!CANCELLABLE.includes(row.status)) throw problem.conflict('appointment-not-changeable');
  await change(deps, actor, found, 'appointment.cancel', async (tx) => {
    if (!(await updateAppointment(tx, row.id, row.version, { status: 'cancelled' }))) throw problem.conflict('appointment-not-changeable');
    await recordChange(tx, {
      appointmentId: row.id,
      change: 'cancelled',
      by: actor.accountId,
      byRole: role,
      reason,
      startsAt: row.starts_at,
    });
    await dropPendingReminders(tx, row.id);
    await oweMessages(tx, [{ appointmentId: row.id, kind: 'cancellation', startsAt: row.starts_at, dueAt: new Date(now) }]);
  });
  announce(deps.events, 'appointment.cancelled', eventOf(row, 'cancelled'));
  await wakeSender(deps);
  return (await views(deps.db, [(await appointmentById(deps.db, row.id))!], deps.config.publicUrl))[0]!;
}

/**
 * Moves an appointment to another slot of the same schedule (another type of it, if asked): the same
 * appointment, its history keeping where it was. The exclusion constraint decides races as for a booking.
 */
export async function rescheduleAppointment(
  deps: SchedulingDeps,
  actor: Actor,
  appointmentId: string,
  request: z.infer<typeof RescheduleRequest>,
  language: Language,
  now = Date.now(),
): Promise<AppointmentView> {
  const found = await appointmentFor(deps.db, actor, appointmentId);
  const { row, role } = found;
  if (row.status !== 'booked') throw problem.conflict('appointment-not-changeable');
  const { type, availability } = await bookable(deps.db, request.typeId ?? row.consultation_type_id, language);
  if (type.schedule_id !== row.schedule_id) throw problem.validation([fieldIssue('typeId', 'other-schedule', language)]);
  const startsAt = new Date(request.startsAt);
  checkStart(availability, startsAt, now, language);
  const endsAt = new Date(startsAt.getTime() + type.duration_minutes * MINUTE);
  try {
    await change(deps, actor, found, 'appointment.reschedule', async (tx) => {
      await takeTurnOnAgenda(tx, row.practitioner_account_id);
      const moved = await updateAppointment(tx, row.id, row.version, {
        starts_at: startsAt,
        ends_at: endsAt,
        blocked_until: new Date(endsAt.getTime() + type.buffer_minutes * MINUTE),
        consultation_type_id: type.id,
        modality: type.modality,
      });
      if (!moved) throw problem.conflict('appointment-not-changeable');
      await recordChange(tx, {
        appointmentId: row.id,
        change: 'rescheduled',
        by: actor.accountId,
        byRole: role,
        reason: request.reason,
        previousStartsAt: row.starts_at,
        startsAt,
      });
      await recordAppointmentCare(tx, {
        patientId: row.patient_id,
        practitionerAccountId: row.practitioner_account_id,
        organisationId: row.organisation_id,
        until: new Date(endsAt.getTime() + CARE_AFTER),
      });
      await dropPendingReminders(tx, row.id);
      await oweMessages(tx, [
        { appointmentId: row.id, kind: 'change', startsAt, dueAt: new Date(now) },
        ...reminders(row.id, startsAt, now),
      ]);
    });
  } catch (error) {
    if (violated(error) === 'exclusion') throw problem.conflict('slot-taken', { nextSlots: await nextFree(deps.db, type.id, now) });
    throw error;
  }
  announce(deps.events, 'appointment.rescheduled', eventOf(row, 'booked', startsAt), row.starts_at.toISOString());
  await wakeSender(deps);
  return (await views(deps.db, [(await appointmentById(deps.db, row.id))!], deps.config.publicUrl))[0]!;
}

/** Which status may follow which, and who may set it. */
const TRANSITIONS: Record<z.infer<typeof StatusRequest>['status'], { from: readonly AppointmentStatus[]; by: readonly BookingRole[] }> = {
  'checked-in': { from: ['booked'], by: ['patient', 'practitioner'] },
  'in-progress': { from: ['booked', 'checked-in'], by: ['practitioner'] },
  completed: { from: ['checked-in', 'in-progress'], by: ['practitioner'] },
  'no-show': { from: ['booked', 'checked-in'], by: ['practitioner'] },
  reoriented: { from: ['booked', 'checked-in', 'in-progress'], by: ['practitioner', 'regulator'] },
};

/** Moves an appointment along its lifecycle: checked in, in progress, completed, no-show, reoriented. */
export async function changeAppointmentStatus(
  deps: SchedulingDeps,
  actor: Actor,
  appointmentId: string,
  request: z.infer<typeof StatusRequest>,
): Promise<AppointmentView> {
  const found = await appointmentFor(deps.db, actor, appointmentId);
  const { row, role } = found;
  const rule = TRANSITIONS[request.status];
  if (!rule.by.includes(role)) throw problem.forbidden();
  if (!rule.from.includes(row.status)) throw problem.conflict('appointment-not-changeable');
  // A no-show is only known once the time has come.
  if (request.status === 'no-show' && row.starts_at.getTime() > Date.now()) throw problem.conflict('appointment-not-changeable');
  await change(deps, actor, found, 'appointment.status', async (tx) => {
    if (!(await updateAppointment(tx, row.id, row.version, { status: request.status })))
      throw problem.conflict('appointment-not-changeable');
    await recordChange(tx, {
      appointmentId: row.id,
      change: request.status,
      by: actor.accountId,
      byRole: role,
      reason: request.reason,
      startsAt: row.starts_at,
    });
    if (request.status !== 'checked-in' && request.status !== 'in-progress') await dropPendingReminders(tx, row.id);
  });
  announce(deps.events, 'appointment.status-changed', eventOf(row, request.status));
  return (await views(deps.db, [(await appointmentById(deps.db, row.id))!], deps.config.publicUrl))[0]!;
}

/** A patient's appointments ("Mes rendez-vous"), for the patient's side or a professional caring for them. Audited. */
export function patientAppointments(
  deps: SchedulingDeps,
  actor: Actor,
  patientId: string,
  when: 'upcoming' | 'past' | 'all',
): Promise<AppointmentView[]> {
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'appointment.list',
      resource: { type: 'Appointment' },
      patientId,
      authorize: () => patientRecordAccess(deps.db, actor, patientId),
    },
    async (tx) => views(tx, await appointmentsOfPatient(tx, patientId, when, new Date()), deps.config.publicUrl),
  );
}

/** The practitioner's agenda, every organisation they work for, day by day from `from`. Each patient shown is an audited access. */
export async function agenda(deps: SchedulingDeps, actor: Actor, from: string, days: number): Promise<AppointmentView[]> {
  const start = startOfParisDay(from);
  const range = { from: new Date(start), until: new Date(start + days * 24 * HOUR) };
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'appointment.agenda',
      resource: { type: 'Appointment' },
      authorize: () => 'practitioner',
      entries: (rows: AppointmentView[], role) =>
        [...new Set(rows.map((r) => r.patient.id))].map((patientId) => ({
          actor,
          role,
          action: 'appointment.agenda',
          resource: { type: 'Appointment' },
          patientId,
        })),
    },
    async (tx) => views(tx, await appointmentsOfPractitioner(tx, actor.accountId, range), deps.config.publicUrl),
  );
}
