import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { managesPatient } from '../../platform/auth/policy.js';
import { audited } from '../../platform/audit/audit.js';
import { scoped, type Db, type Tx } from '../../platform/database/database.js';
import { problem } from '../../platform/http/problem.js';
import { accountNames } from '../accounts/service.js';
import {
  appointmentParties,
  cancelAppointment,
  changeAppointmentStatus,
  type AppointmentParties,
  type SchedulingDeps,
} from '../scheduling/service.js';
import { billAtEnd, queueActBilling } from './billing-handoff.js';
import { announceVisit } from './live.js';
import type { AudioOnlyRequest, CancelRequest, EndRequest, PostponeRequest, Visit } from './schemas.js';
import { changeVisit, checkIn as insertVisit, openVisitsOf, visitById, type VisitChange, type VisitRow } from './store.js';
import type { TeleconsultationTables, VisitState } from './tables.js';
import { estimatedWaitMinutes, type QueuedVisit } from './wait.js';

/** Teleconsultation's use cases lean on scheduling's (the appointment's status follows the visit). */
export type TeleconsultationDeps = SchedulingDeps;

const MINUTE = 60_000;
/** The waiting room opens this long before the slot (a patient early enough to test their devices). */
export const CHECK_IN_OPENS_BEFORE = 15 * MINUTE;
/** How long after its slot's end a late patient may still check in. */
const CHECK_IN_CLOSES_AFTER = 30 * MINUTE;

export type VisitRole = 'patient' | 'practitioner';

/** The appointment and the capacity in which the actor takes part in its teleconsultation; a stranger learns nothing (404). */
export async function participation(
  db: Db,
  actor: Actor,
  appointmentId: string,
): Promise<{ parties: AppointmentParties; role: VisitRole }> {
  const parties = await appointmentParties(db, appointmentId);
  if (!parties) throw problem.notFound();
  if (managesPatient(actor, parties.patientId)) return { parties, role: 'patient' };
  if (actor.accountId === parties.practitionerAccountId) return { parties, role: 'practitioner' };
  throw problem.notFound();
}

const queued = (row: VisitRow): QueuedVisit => ({
  appointmentId: row.appointment_id,
  startsAt: row.starts_at.getTime(),
  endsAt: row.ends_at.getTime(),
  checkedInAt: row.checked_in_at.getTime(),
  state: row.state as QueuedVisit['state'],
  postponedUntil: row.postponed_until?.getTime() ?? null,
});

async function viewOf(
  db: Db,
  parties: AppointmentParties,
  role: VisitRole,
  row: VisitRow | undefined,
  now: number,
): Promise<z.infer<typeof Visit>> {
  const names = await accountNames(db, [parties.practitionerAccountId]);
  const waiting = row && (row.state === 'waiting' || row.state === 'postponed');
  const queue = waiting ? (await openVisitsOf(db, parties.practitionerAccountId)).map(queued) : [];
  return {
    appointmentId: parties.appointmentId,
    patientId: parties.patientId,
    practitioner: { id: parties.practitionerAccountId, name: names.get(parties.practitionerAccountId) ?? '' },
    role,
    startsAt: parties.startsAt.toISOString(),
    endsAt: parties.endsAt.toISOString(),
    checkInOpensAt: new Date(parties.startsAt.getTime() - CHECK_IN_OPENS_BEFORE).toISOString(),
    state: row?.state ?? 'not-checked-in',
    checkedInAt: row?.checked_in_at.toISOString() ?? null,
    stateChangedAt: row?.state_changed_at.toISOString() ?? null,
    postponedUntil: row?.postponed_until?.toISOString() ?? null,
    notice: row?.notice ?? null,
    outcome: row?.outcome ?? null,
    incidentNote: role === 'practitioner' ? (row?.incident_note ?? null) : null,
    estimatedWaitMinutes: waiting ? estimatedWaitMinutes(queued(row), queue, now) : null,
    audioOnly: row?.audio_only_at && row.audio_only_reason ? { at: row.audio_only_at.toISOString(), reason: row.audio_only_reason } : null,
  };
}

/** The visit as its patient's side or its practitioner sees it: the state, and while waiting, an approximate wait. Audited. */
export async function readVisit(deps: TeleconsultationDeps, actor: Actor, appointmentId: string, now = Date.now()) {
  const { parties, role } = await participation(deps.db, actor, appointmentId);
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'teleconsultation.read',
      resource: { type: 'Encounter', id: appointmentId },
      patientId: parties.patientId,
      authorize: () => role,
    },
    async (db) => viewOf(db, parties, role, await visitById(db, appointmentId), now),
  );
}

/**
 * The patient checks in to the waiting room, from 15 minutes before the slot to half an hour after
 * its end; the appointment is then checked in. Checking in again (a reload, a second device) keeps
 * the visit as it stands.
 */
export async function checkIn(deps: TeleconsultationDeps, actor: Actor, appointmentId: string, now = Date.now()) {
  const { parties, role } = await participation(deps.db, actor, appointmentId);
  if (role !== 'patient') throw problem.forbidden();
  if (parties.modality !== 'video') throw problem.conflict('not-a-video-appointment');
  const opensAt = parties.startsAt.getTime() - CHECK_IN_OPENS_BEFORE;
  if (now < opensAt) throw problem.conflict('check-in-not-open', { opensAt: new Date(opensAt).toISOString() });
  const over = now > parties.endsAt.getTime() + CHECK_IN_CLOSES_AFTER;
  if (over || !['booked', 'checked-in', 'in-progress'].includes(parties.status)) throw problem.conflict('check-in-closed');
  // Scheduling moves the appointment first (and audits it): it refuses what its lifecycle does not allow.
  if (parties.status === 'booked') await changeAppointmentStatus(deps, actor, appointmentId, { status: 'checked-in' });
  const row = await audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'teleconsultation.check-in',
      resource: { type: 'Encounter', id: appointmentId },
      patientId: parties.patientId,
      organisationId: parties.organisationId,
      authorize: () => role,
    },
    async (tx) => {
      const visit = await insertVisit(tx, {
        appointmentId,
        patientId: parties.patientId,
        practitionerAccountId: parties.practitionerAccountId,
        startsAt: parties.startsAt,
        endsAt: parties.endsAt,
      });
      if (!visit) throw problem.conflict('check-in-closed');
      return visit;
    },
  );
  announce(deps, row);
  return viewOf(deps.db, parties, role, row, now);
}

function announce(deps: TeleconsultationDeps, row: VisitRow): void {
  announceVisit(deps.events, {
    appointmentId: row.appointment_id,
    patientId: row.patient_id,
    practitionerAccountId: row.practitioner_account_id,
    state: row.state,
  });
}

/**
 * One change of the practitioner's on a visit, from the states it allows, under the audit and the
 * visit's version (two tabs cannot both admit): the changed visit, announced live.
 */
async function practitionerChange(
  deps: TeleconsultationDeps,
  actor: Actor,
  appointmentId: string,
  action: string,
  from: readonly VisitState[],
  change: VisitChange,
  now: number,
  /** More work in the change's transaction (a job that must exist if and only if the change commits). */
  alsoInTransaction?: (tx: Tx) => Promise<unknown>,
) {
  const { parties, role } = await participation(deps.db, actor, appointmentId);
  if (role !== 'practitioner') throw problem.forbidden();
  const current = await visitById(deps.db, appointmentId);
  if (!current || !from.includes(current.state)) throw problem.conflict('visit-not-changeable');
  const row = await audited(
    deps,
    {
      actor,
      kind: 'change',
      action,
      resource: { type: 'Encounter', id: appointmentId },
      patientId: parties.patientId,
      organisationId: parties.organisationId,
      authorize: () => role,
    },
    async (tx) => {
      const changed = await changeVisit(tx, appointmentId, current.version, change);
      if (!changed) throw problem.conflict('visit-not-changeable');
      await alsoInTransaction?.(tx);
      return changed;
    },
  );
  announce(deps, row);
  return { parties, role, row, view: () => viewOf(deps.db, parties, role, row, now) };
}

/**
 * A participant of the admitted call goes on in audio alone (chosen, the camera failed, the
 * connection too poor): the visit keeps the first time and reason, for billing to treat the act as
 * by telephone. Audited.
 */
export async function recordAudioOnly(
  deps: TeleconsultationDeps,
  actor: Actor,
  appointmentId: string,
  request: z.infer<typeof AudioOnlyRequest>,
  now = Date.now(),
) {
  const { parties, role } = await participation(deps.db, actor, appointmentId);
  const row = await audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'teleconsultation.audio-only',
      resource: { type: 'Encounter', id: appointmentId },
      patientId: parties.patientId,
      organisationId: parties.organisationId,
      authorize: () => role,
    },
    (tx) =>
      scoped<TeleconsultationTables>(tx)
        .updateTable('teleconsultation_visits')
        .set((eb) => ({
          audio_only_at: eb.fn.coalesce('audio_only_at', eb.val(new Date(now))),
          audio_only_reason: eb.fn.coalesce('audio_only_reason', eb.val(request.reason)),
        }))
        .where('appointment_id', '=', appointmentId)
        .where('state', '=', 'admitted')
        .returningAll()
        .executeTakeFirst()
        .then((changed) => changed ?? Promise.reject(problem.conflict('not-admitted'))),
  );
  return viewOf(deps.db, parties, role, row, now);
}

/** The practitioner lets the patient in: the room opens to both, and the appointment is in progress. */
export async function admit(deps: TeleconsultationDeps, actor: Actor, appointmentId: string, now = Date.now()) {
  const changed = await practitionerChange(
    deps,
    actor,
    appointmentId,
    'teleconsultation.admit',
    ['waiting', 'postponed'],
    {
      state: 'admitted',
      postponed_until: null,
    },
    now,
  );
  if (changed.parties.status !== 'in-progress') {
    await changeAppointmentStatus(deps, actor, appointmentId, { status: 'in-progress' });
  }
  return changed.view();
}

/** The practitioner will receive the patient later: the patient's page shows until when, and why if said. */
export async function postpone(
  deps: TeleconsultationDeps,
  actor: Actor,
  appointmentId: string,
  request: z.infer<typeof PostponeRequest>,
  now = Date.now(),
) {
  const changed = await practitionerChange(
    deps,
    actor,
    appointmentId,
    'teleconsultation.postpone',
    ['waiting', 'postponed', 'admitted'],
    {
      state: 'postponed',
      postponed_until: new Date(now + request.minutes * MINUTE),
      notice: request.notice ?? null,
    },
    now,
  );
  return changed.view();
}

/** The practitioner cancels from the waiting room: the appointment is cancelled (and the patient told, by scheduling's messages). */
export async function cancel(
  deps: TeleconsultationDeps,
  actor: Actor,
  appointmentId: string,
  request: z.infer<typeof CancelRequest>,
  now = Date.now(),
) {
  const { parties } = await participation(deps.db, actor, appointmentId);
  const current = await visitById(deps.db, appointmentId);
  if (!current || (current.state !== 'waiting' && current.state !== 'postponed')) throw problem.conflict('visit-not-changeable');
  if (parties.status === 'booked' || parties.status === 'checked-in') {
    await cancelAppointment(deps, actor, appointmentId, request.notice);
  }
  const changed = await practitionerChange(
    deps,
    actor,
    appointmentId,
    'teleconsultation.cancel',
    ['waiting', 'postponed'],
    {
      state: 'cancelled',
      postponed_until: null,
      notice: request.notice ?? null,
    },
    now,
  );
  return changed.view();
}

/**
 * The practitioner ends the act: completed, reoriented (not billed to the Assurance Maladie) or
 * interrupted, with a technical incident noted if any. The appointment follows: completed or
 * reoriented; an interrupted call leaves it in progress for the practitioner to settle from the agenda.
 * Billing follows at once, and by a job queued with the end should it fail (billing-handoff.ts).
 */
export async function end(
  deps: TeleconsultationDeps,
  actor: Actor,
  appointmentId: string,
  request: z.infer<typeof EndRequest>,
  now = Date.now(),
) {
  const changed = await practitionerChange(
    deps,
    actor,
    appointmentId,
    'teleconsultation.end',
    ['admitted'],
    {
      state: 'ended',
      outcome: request.outcome,
      incident_note: request.incidentNote ?? null,
      ended_at: new Date(now),
    },
    now,
    (tx) => queueActBilling(deps, tx, appointmentId),
  );
  if (request.outcome !== 'interrupted') {
    await changeAppointmentStatus(deps, actor, appointmentId, { status: request.outcome === 'completed' ? 'completed' : 'reoriented' });
  }
  await billAtEnd(deps, actor, changed.parties, changed.row);
  return changed.view();
}
