import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { audited } from '../../platform/audit/audit.js';
import { scoped, type Db } from '../../platform/database/database.js';
import { problem } from '../../platform/http/problem.js';
import { publishLive } from '../../platform/realtime/index.js';
import type { Connectivity, ConnectivityReport } from './connectivity-schemas.js';
import type { Reachability } from './connectivity-tables.js';
import { iceServers } from './ice.js';
import { waitingRoomTopic } from './live.js';
import type { TeleconsultationTables } from './tables.js';
import { participation, type TeleconsultationDeps } from './visits.js';

/** Appointments whose waiting room is ahead or open: a check of a past one is refused. */
const OPEN_STATUSES = ['booked', 'checked-in', 'in-progress'];

/** Direct when a direct path was found; otherwise through the relay when either of its transports gave a candidate; otherwise not. */
export function reachability(report: z.infer<typeof ConnectivityReport>): Reachability {
  if (report.direct) return 'direct';
  return report.turnUdp || report.turnTls ? 'relay' : 'none';
}

/**
 * The ICE servers for a connectivity check, to any signed-in person (the test page works outside any
 * appointment): the same STUN URLs and short-lived TURN credentials a call gets. Media never
 * reaches our server; the relay's credentials expire on their own.
 */
export function checkIceServers(deps: TeleconsultationDeps, actor: Actor, now = Date.now()) {
  return { iceServers: iceServers(deps.config.turn, actor.accountId, now) };
}

/**
 * The patient's side reports its connectivity check for a video appointment (the last one replaces
 * the previous), and the practitioner's waiting room hears it live. Only the patient's side writes.
 */
export async function reportConnectivity(
  deps: TeleconsultationDeps,
  actor: Actor,
  appointmentId: string,
  report: z.infer<typeof ConnectivityReport>,
  now = Date.now(),
): Promise<z.infer<typeof Connectivity>> {
  const { parties, role } = await participation(deps.db, actor, appointmentId);
  if (role !== 'patient') throw problem.forbidden();
  if (parties.modality !== 'video') throw problem.conflict('not-a-video-appointment');
  if (!OPEN_STATUSES.includes(parties.status)) throw problem.conflict('check-in-closed');
  const row = {
    appointment_id: appointmentId,
    patient_id: parties.patientId,
    reported_by_account_id: actor.accountId,
    reachable: reachability(report),
    direct: report.direct,
    turn_udp: report.turnUdp,
    turn_tls: report.turnTls,
    checked_at: new Date(now),
  };
  await audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'teleconsultation.connectivity',
      resource: { type: 'Encounter', id: appointmentId },
      patientId: parties.patientId,
      organisationId: parties.organisationId,
      authorize: () => role,
    },
    (tx) =>
      teleDb(tx)
        .insertInto('teleconsultation_connectivity')
        .values(row)
        .onConflict((oc) => oc.column('appointment_id').doUpdateSet(row))
        .execute(),
  );
  publishLive(deps.events, waitingRoomTopic.topic({ practitionerId: parties.practitionerAccountId }), 'connectivity.checked', {
    appointmentId,
  });
  return view(row);
}

/** The patient's last check of the appointment, for its practitioner (before admitting). Audited; anyone else learns nothing. */
export async function readConnectivity(deps: TeleconsultationDeps, actor: Actor, appointmentId: string) {
  const { parties, role } = await participation(deps.db, actor, appointmentId);
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'teleconsultation.connectivity-read',
      resource: { type: 'Encounter', id: appointmentId },
      patientId: parties.patientId,
      authorize: () => (role === 'practitioner' ? role : Promise.reject(problem.notFound())),
    },
    async (db) => {
      const row = await teleDb(db)
        .selectFrom('teleconsultation_connectivity')
        .selectAll()
        .where('appointment_id', '=', appointmentId)
        .executeTakeFirst();
      return { check: row ? view(row) : null };
    },
  );
}

const teleDb = (db: Db) => scoped<TeleconsultationTables>(db);

function view(row: {
  reachable: Reachability;
  direct: boolean;
  turn_udp: boolean | null;
  turn_tls: boolean | null;
  checked_at: Date;
}): z.infer<typeof Connectivity> {
  return {
    reachable: row.reachable,
    direct: row.direct,
    turnUdp: row.turn_udp,
    turnTls: row.turn_tls,
    checkedAt: row.checked_at.toISOString(),
  };
}
