import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { audited } from '../../platform/audit/audit.js';
import { problem } from '../../platform/http/problem.js';
import { signLiveToken } from '../../platform/realtime/index.js';
import { hasConsent } from '../consent/service.js';
import { iceServers } from './ice.js';
import { roomTopic } from './live.js';
import type { QualityReport, RoomToken } from './schemas.js';
import { qualityOf, saveQuality, visitById } from './store.js';
import { participation, type TeleconsultationDeps } from './visits.js';

/** A room token opens the room for a few minutes: long enough to connect, and to reconnect with a new one. */
const ROOM_TOKEN_SECONDS = 600;

/**
 * A room token for a participant of an admitted visit: the patient's side once their consent to the
 * teleconsultation stands, the practitioner at any time the visit is admitted. Bound to the
 * appointment (its topic), the account (it opens only with that account's session) and a few
 * minutes; with the ICE servers and their TURN credentials. Audited: it opens a call with a patient.
 */
export async function roomToken(
  deps: TeleconsultationDeps,
  actor: Actor,
  appointmentId: string,
  now = Date.now(),
): Promise<z.infer<typeof RoomToken>> {
  const { parties, role } = await participation(deps.db, actor, appointmentId);
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'teleconsultation.join',
      resource: { type: 'Encounter', id: appointmentId },
      patientId: parties.patientId,
      authorize: async () => {
        const visit = await visitById(deps.db, appointmentId);
        if (visit?.state !== 'admitted') throw problem.conflict('not-admitted');
        if (role === 'patient' && !(await hasConsent(deps.db, parties.patientId, 'teleconsultation')))
          throw problem.conflict('consent-required');
        return role;
      },
    },
    async () => {
      const topic = roomTopic.topic({ appointmentId });
      const subject = `account:${actor.accountId}`;
      const token = await signLiveToken(deps.config.liveTokenSecret, { topic, subject }, ROOM_TOKEN_SECONDS);
      return {
        token,
        topic,
        subject,
        expiresAt: new Date(now + ROOM_TOKEN_SECONDS * 1000).toISOString(),
        iceServers: iceServers(deps.config.turn, actor.accountId, now),
      };
    },
  );
}

/** A participant's summary of the call's quality, for the report's technical-incident section. Audited. */
export async function reportQuality(
  deps: TeleconsultationDeps,
  actor: Actor,
  appointmentId: string,
  report: z.infer<typeof QualityReport>,
) {
  const { parties, role } = await participation(deps.db, actor, appointmentId);
  await audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'teleconsultation.quality',
      resource: { type: 'Encounter', id: appointmentId },
      patientId: parties.patientId,
      authorize: async () => {
        const visit = await visitById(deps.db, appointmentId);
        if (visit?.state !== 'admitted' && visit?.state !== 'ended') throw problem.conflict('not-admitted');
        return role;
      },
    },
    (tx) => saveQuality(tx, { appointmentId, reporterAccountId: actor.accountId, side: role, ...report }),
  );
}

/** Both sides' summaries, for the practitioner (the report). Audited. */
export async function readQuality(deps: TeleconsultationDeps, actor: Actor, appointmentId: string) {
  const { parties, role } = await participation(deps.db, actor, appointmentId);
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'teleconsultation.quality-read',
      resource: { type: 'Encounter', id: appointmentId },
      patientId: parties.patientId,
      authorize: () => (role === 'practitioner' ? role : Promise.reject(problem.notFound())),
    },
    async (db) =>
      (await qualityOf(db, appointmentId)).map((q) => ({
        side: q.side,
        samples: q.samples,
        rttMsMedian: q.rtt_ms_median,
        rttMsMax: q.rtt_ms_max,
        lossPercent: q.loss_percent,
        bitrateKbpsMedian: q.bitrate_kbps_median,
        framesDecoded: q.frames_decoded === null ? null : Number(q.frames_decoded),
        reportedAt: q.reported_at.toISOString(),
      })),
  );
}
