import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/hook.js';
import { languageOf } from '../../platform/http/language.js';
import { readQuality, reportQuality, roomToken } from './room.js';
import { registerConnectivityRoutes } from './connectivity-routes.js';
import {
  AppointmentParams,
  AudioOnlyRequest,
  CancelRequest,
  EndRequest,
  PostponeRequest,
  Quality,
  QualityReport,
  RoomToken,
  Visit,
  WaitingRoom,
} from './schemas.js';
import { admit, cancel, checkIn, end, postpone, readVisit, recordAudioOnly, type TeleconsultationDeps } from './visits.js';
import { registerAssistRoutes } from './assist-routes.js';
import { registerFileRoutes } from './file-routes.js';
import { waitingRoom } from './waiting-room.js';

const tags = ['teleconsultation'];
const visitPath = '/api/v1/appointments/:appointmentId/teleconsultation';

export function registerTeleconsultationRoutes(app: FastifyInstance, deps: TeleconsultationDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const signedIn = { policy: 'signed-in' as const };

  api.get(
    visitPath,
    {
      schema: {
        tags,
        summary: 'The teleconsultation of an appointment: waiting-room state, approximate wait',
        params: AppointmentParams,
        response: { 200: Visit },
      },
      config: signedIn,
    },
    async (request) => readVisit(deps, actorOf(request), request.params.appointmentId),
  );

  api.post(
    `${visitPath}/check-in`,
    {
      schema: {
        tags,
        summary: 'The patient checks in to the waiting room (from 15 minutes before)',
        params: AppointmentParams,
        response: { 200: Visit },
      },
      config: signedIn,
    },
    async (request) => checkIn(deps, actorOf(request), request.params.appointmentId),
  );

  api.get(
    '/api/v1/teleconsultation/waiting-room',
    {
      schema: {
        tags,
        summary: 'The practitioner’s waiting room: who waits, since when, with the questionnaire’s severity and flags',
        response: { 200: WaitingRoom },
      },
      config: { policy: 'professional' },
    },
    async (request) => waitingRoom(deps, actorOf(request), languageOf(request)),
  );

  api.post(
    `${visitPath}/admit`,
    {
      schema: { tags, summary: 'The practitioner lets the patient in', params: AppointmentParams, response: { 200: Visit } },
      config: signedIn,
    },
    async (request) => admit(deps, actorOf(request), request.params.appointmentId),
  );

  api.post(
    `${visitPath}/postpone`,
    {
      schema: {
        tags,
        summary: 'The practitioner will receive the patient later',
        params: AppointmentParams,
        body: PostponeRequest,
        response: { 200: Visit },
      },
      config: signedIn,
    },
    async (request) => postpone(deps, actorOf(request), request.params.appointmentId, request.body),
  );

  api.post(
    `${visitPath}/cancel`,
    {
      schema: {
        tags,
        summary: 'The practitioner cancels from the waiting room',
        params: AppointmentParams,
        body: CancelRequest,
        response: { 200: Visit },
      },
      config: signedIn,
    },
    async (request) => cancel(deps, actorOf(request), request.params.appointmentId, request.body),
  );

  api.post(
    `${visitPath}/end`,
    {
      schema: {
        tags,
        summary: 'The practitioner ends the act: completed, reoriented or interrupted',
        params: AppointmentParams,
        body: EndRequest,
        response: { 200: Visit },
      },
      config: signedIn,
    },
    async (request) => end(deps, actorOf(request), request.params.appointmentId, request.body),
  );

  api.post(
    `${visitPath}/audio-only`,
    {
      schema: {
        tags,
        summary: 'The call goes on in audio alone (chosen, camera failed, poor connection): recorded on the visit for billing',
        params: AppointmentParams,
        body: AudioOnlyRequest,
        response: { 200: Visit },
      },
      config: signedIn,
    },
    async (request) => recordAudioOnly(deps, actorOf(request), request.params.appointmentId, request.body),
  );

  registerConnectivityRoutes(app, deps);

  api.post(
    `${visitPath}/room-token`,
    {
      schema: {
        tags,
        summary: 'A short-lived token opening the call’s room on the live WebSocket, with the ICE servers',
        params: AppointmentParams,
        response: { 200: RoomToken },
      },
      config: signedIn,
    },
    async (request) => roomToken(deps, actorOf(request), request.params.appointmentId),
  );

  api.put(
    `${visitPath}/quality`,
    {
      schema: {
        tags,
        summary: 'A participant’s summary of the call’s quality (getStats)',
        params: AppointmentParams,
        body: QualityReport,
        response: { 204: z.null() },
      },
      config: signedIn,
    },
    async (request, reply) => {
      await reportQuality(deps, actorOf(request), request.params.appointmentId, request.body);
      return reply.code(204).send(null);
    },
  );

  api.get(
    `${visitPath}/quality`,
    {
      schema: {
        tags,
        summary: 'Both sides’ quality summaries, for the practitioner’s report',
        params: AppointmentParams,
        response: { 200: Quality },
      },
      config: signedIn,
    },
    async (request) => readQuality(deps, actorOf(request), request.params.appointmentId),
  );

  registerAssistRoutes(app, deps);
  registerFileRoutes(app, deps);
}
