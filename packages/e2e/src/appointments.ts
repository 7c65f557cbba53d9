import pg from 'pg';

/**
 * A video appointment of a demo patient with a demo practitioner starting `startsInMinutes` from now
 * (negative: begun), so that its waiting room is open: no booking rule offers a slot this close, so
 * the test writes it beside the running server (on PostgreSQL), marking as a no-show any other live
 * appointment of the practitioner in its way. The SQL twin of the server tests' `videoAppointmentSoon`.
 */
export async function videoAppointmentSoon(
  databaseUrl: string,
  { patient, practitioner, startsInMinutes }: { patient: string; practitioner: string; startsInMinutes: number },
): Promise<{ appointmentId: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const startsAt = new Date(Date.now() + startsInMinutes * 60_000);
    const endsAt = new Date(startsAt.getTime() + 20 * 60_000);
    const { rows } = await client.query<{
      patient_id: string;
      practitioner_id: string;
      type_id: string;
      schedule_id: string;
      organisation_id: string;
      time_zone: string;
    }>(
      `select p.id as patient_id, s.practitioner_account_id as practitioner_id, t.id as type_id, s.id as schedule_id, s.organisation_id, s.time_zone
         from patients p join accounts pa on pa.id = p.account_id and p.first_names = pa.given_name,
              schedules s join accounts sa on sa.id = s.practitioner_account_id
              join consultation_types t on t.schedule_id = s.id and t.modality = 'video'
        where pa.email = $1 and sa.email = $2 limit 1`,
      [patient, practitioner],
    );
    const found = rows[0]!;
    await client.query(
      `update appointments set status = 'no-show' where practitioner_account_id = $1
          and status in ('booked', 'checked-in', 'in-progress', 'completed') and tstzrange(starts_at, blocked_until) && tstzrange($2, $3)`,
      [found.practitioner_id, startsAt, endsAt],
    );
    const inserted = await client.query<{ id: string }>(
      `insert into appointments (patient_id, practitioner_account_id, organisation_id, schedule_id, consultation_type_id, modality,
          starts_at, ends_at, blocked_until, time_zone, booked_by_account_id, booked_as)
        values ($1, $2, $3, $4, $5, 'video', $6, $7, $7, $8, $2, 'practitioner') returning id`,
      [found.patient_id, found.practitioner_id, found.organisation_id, found.schedule_id, found.type_id, startsAt, endsAt, found.time_zone],
    );
    return { appointmentId: inserted.rows[0]!.id };
  } finally {
    await client.end();
  }
}
