import { sql } from 'kysely';
import { expect } from 'vitest';
import { seedDemo } from '../demo.js';
import { scoped, type Db } from '../platform/database/database.js';
import type { PlatformTables } from '../platform/database/tables.js';
import { ApiClient } from '../platform/testing/client.js';
import type { TestDatabase } from '../platform/testing/databases.js';
import { startTestServer } from '../platform/testing/server.js';
import type { RunningServer } from '../server.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from './accounts/index.js';
import type { AllTables } from './index.js';

/** Tests arrange and inspect across contexts: every module's tables, and the platform's, at once. Never for module code. */
export const everyTable = (db: Db) => scoped<AllTables & PlatformTables>(db);

const MINUTE = 60_000;

/**
 * A video appointment of a demo patient with a demo practitioner, starting `startsInMinutes` from now
 * (negative: already begun), so that its waiting room is open. The booking rules (notice, openings)
 * would refuse a slot this close: tests arrange it in the table, and mark any other live appointment
 * of the practitioner in the way as a no-show (the demo books some today).
 */
export async function videoAppointmentSoon(
  database: Db,
  {
    patient,
    practitioner,
    startsInMinutes = 5,
    minutes = 20,
  }: { patient: string; practitioner: string; startsInMinutes?: number; minutes?: number },
): Promise<{ appointmentId: string; patientId: string; practitionerId: string }> {
  const db = everyTable(database);
  const practitionerId = (await db.selectFrom('accounts').select('id').where('email', '=', practitioner).executeTakeFirstOrThrow()).id;
  const patientId = (
    await db
      .selectFrom('patients')
      .innerJoin('accounts', 'accounts.id', 'patients.account_id')
      .select('patients.id')
      .where('accounts.email', '=', patient)
      .whereRef('patients.first_names', '=', 'accounts.given_name')
      .executeTakeFirstOrThrow()
  ).id;
  const type = await db
    .selectFrom('consultation_types')
    .innerJoin('schedules', 'schedules.id', 'consultation_types.schedule_id')
    .select(['consultation_types.id', 'schedules.id as scheduleId', 'schedules.organisation_id', 'schedules.time_zone'])
    .where('schedules.practitioner_account_id', '=', practitionerId)
    .where('consultation_types.modality', '=', 'video')
    .executeTakeFirstOrThrow();
  const startsAt = new Date(Date.now() + startsInMinutes * MINUTE);
  const endsAt = new Date(startsAt.getTime() + minutes * MINUTE);
  await db
    .updateTable('appointments')
    .set({ status: 'no-show' })
    .where('practitioner_account_id', '=', practitionerId)
    .where('status', 'in', ['booked', 'checked-in', 'in-progress', 'completed'])
    .where(sql<boolean>`tstzrange(starts_at, blocked_until) && tstzrange(${startsAt}, ${endsAt})`)
    .execute();
  const { id } = await db
    .insertInto('appointments')
    .values({
      patient_id: patientId,
      practitioner_account_id: practitionerId,
      organisation_id: type.organisation_id,
      schedule_id: type.scheduleId,
      consultation_type_id: type.id,
      modality: 'video',
      starts_at: startsAt,
      ends_at: endsAt,
      blocked_until: endsAt,
      time_zone: type.time_zone,
      booked_by_account_id: practitionerId,
      booked_as: 'practitioner',
      idempotency_key: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { appointmentId: id, patientId, practitionerId };
}

/** A suite's cast: two demo patients (Camille, Jean) and two demo doctors (Dr Martin, Dr Benali). */
export interface SignedInDemo {
  server: RunningServer;
  camille: ApiClient;
  jean: ApiClient;
  martin: ApiClient;
  benali: ApiClient;
}

/** Seeds the demo, starts a server on it and signs the cast in (the doctors with their second factor); the caller stops the server. */
export async function startSignedInDemo(database: TestDatabase): Promise<SignedInDemo> {
  await seedDemo(database.db);
  const server = await startTestServer(database);
  const [camille, jean, martin, benali] = [0, 1, 2, 3].map(() => new ApiClient(server.url)) as [ApiClient, ApiClient, ApiClient, ApiClient];
  expect((await camille.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD)).status).toBe(200);
  expect((await jean.login('jean.moreau@demo.parcours.fr', DEMO_PASSWORD)).status).toBe(200);
  expect((await martin.login('dr.martin@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET)).status).toBe(204);
  expect((await benali.login('dr.benali@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET)).status).toBe(204);
  return { server, camille, jean, martin, benali };
}

/** A video visit of Jean Moreau's with Dr Martin, begun two minutes ago: Jean checked in, Dr Martin admitted him. */
export async function jeanAdmittedByDrMartin(database: Db, { jean, martin }: Pick<SignedInDemo, 'jean' | 'martin'>) {
  const parties = await videoAppointmentSoon(database, {
    patient: 'jean.moreau@demo.parcours.fr',
    practitioner: 'dr.martin@demo.parcours.fr',
    startsInMinutes: -2,
  });
  const visit = `/api/v1/appointments/${parties.appointmentId}/teleconsultation`;
  expect((await jean.post(`${visit}/check-in`)).status).toBe(200);
  expect((await martin.post(`${visit}/admit`)).status).toBe(200);
  return parties;
}
