import type { Actor } from '../../platform/auth/actor.js';
import { isAdminOf, managesPatient } from '../../platform/auth/policy.js';
import type { Db } from '../../platform/database/database.js';
import { problem } from '../../platform/http/problem.js';
import { hasCareRelationship } from '../patients/service.js';

/** The capacity in which someone acts on an appointment or books one. */
export type BookingRole = 'patient' | 'practitioner' | 'regulator';

const isRegulatorOf = (actor: Actor, organisationId: string) =>
  actor.memberships.some((m) => m.organisationId === organisationId && m.role === 'regulator');

/**
 * Who may book for a patient in an organisation's agenda: the patient (or the parent managing the
 * record), a professional caring for them, or a regulator of that organisation (the SAS orients a
 * caller to an appointment). Anyone else learns nothing of the record (404).
 */
export async function bookingRole(db: Db, actor: Actor, patientId: string, organisationId: string): Promise<BookingRole> {
  if (managesPatient(actor, patientId)) return 'patient';
  if (isRegulatorOf(actor, organisationId)) return 'regulator';
  if (await hasCareRelationship(db, actor, patientId)) return 'practitioner';
  throw problem.notFound();
}

/**
 * Who may see and change one appointment: the patient's side, its practitioner, or the regulator of
 * its organisation who booked it.
 */
export function appointmentRole(
  actor: Actor,
  appointment: { patient_id: string; practitioner_account_id: string; organisation_id: string; booked_by_account_id: string },
): BookingRole {
  if (managesPatient(actor, appointment.patient_id)) return 'patient';
  if (actor.accountId === appointment.practitioner_account_id) return 'practitioner';
  if (actor.accountId === appointment.booked_by_account_id && isRegulatorOf(actor, appointment.organisation_id)) return 'regulator';
  throw problem.notFound();
}

/** A schedule is managed by its practitioner and by the administrators of its organisation. */
export function authorizeScheduleManager(actor: Actor, schedule: { practitioner_account_id: string; organisation_id: string }): void {
  if (actor.accountId === schedule.practitioner_account_id || isAdminOf(actor, schedule.organisation_id)) return;
  throw problem.notFound();
}
