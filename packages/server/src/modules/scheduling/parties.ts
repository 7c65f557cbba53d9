import type { Db } from '../../platform/database/database.js';
import { appointmentById } from './store.js';
import type { AppointmentStatus, Modality } from './tables.js';

/** An appointment as another module's access check needs it: who takes part, when, how. Identifiers and times only. */
export interface AppointmentParties {
  appointmentId: string;
  patientId: string;
  practitionerAccountId: string;
  organisationId: string;
  modality: Modality;
  status: AppointmentStatus;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The parties of an appointment, unaudited: for a policy deciding whether someone may go further
 * (follow a live topic, open a room), which then audits what it shows. Undefined when there is none.
 */
export async function appointmentParties(db: Db, appointmentId: string): Promise<AppointmentParties | undefined> {
  const row = await appointmentById(db, appointmentId);
  if (!row) return undefined;
  return {
    appointmentId: row.id,
    patientId: row.patient_id,
    practitionerAccountId: row.practitioner_account_id,
    organisationId: row.organisation_id,
    modality: row.modality,
    status: row.status,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
  };
}
