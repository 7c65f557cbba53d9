import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/hook.js';
import { languageOf } from '../../platform/http/language.js';
import {
  AssistSession,
  Assistant,
  Assistants,
  AssistVisit,
  Invitation,
  InvitationCheck,
  InvitationInfo,
  InvitationParams,
  InvitationRequest,
  Measurement,
  MeasurementRequest,
  Measurements,
  RedeemRequest,
} from './assist-schemas.js';
import {
  assistantOf,
  assistantRoomToken,
  assistVisit,
  invitationInfo,
  invite,
  redeem,
  visitAssistants,
  withdrawInvitation,
} from './invitations.js';
import { ownMeasurements, shareMeasurement, visitMeasurements } from './measurements.js';
import { AppointmentParams, RoomToken } from './schemas.js';
import type { TeleconsultationDeps } from './visits.js';

const tags = ['teleconsultation'];
const visitPath = '/api/v1/appointments/:appointmentId/teleconsultation';
const assistPath = '/api/v1/teleconsultation/assist';
const bearer =
  'The assistant’s own credential (`Authorization: Bearer …`, given on opening the invitation link), no session: checked first, for this one visit.';

/**
 * The assisted teleconsultation's routes: the practitioner's and the patient's (invite, list,
 * withdraw, read the measurements) under the visit; the assistant's, without an account, under
 * /teleconsultation/invitations (the link) and /teleconsultation/assist (their credential).
 */
export function registerAssistRoutes(app: FastifyInstance, deps: TeleconsultationDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const signedIn = { policy: 'signed-in' as const };
  const open = { policy: 'public' as const };
  const assistant = (request: FastifyRequest) => assistantOf(deps.db, request.headers.authorization);

  api.post(
    `${visitPath}/invitations`,
    {
      schema: {
        tags,
        summary: 'Invites an assisting professional, a relative or an interpreter by a single-use link (copied, or e-mailed)',
        params: AppointmentParams,
        body: InvitationRequest,
        response: { 201: Invitation },
      },
      config: signedIn,
    },
    async (request, reply) =>
      reply.code(201).send(await invite(deps, actorOf(request), request.params.appointmentId, request.body, languageOf(request))),
  );

  api.get(
    `${visitPath}/assistants`,
    {
      schema: {
        tags,
        summary: 'The visit’s invitations and the assistants they became (name, profession, RPPS, setting)',
        params: AppointmentParams,
        response: { 200: Assistants },
      },
      config: signedIn,
    },
    async (request) => visitAssistants(deps, actorOf(request), request.params.appointmentId),
  );

  api.post(
    `${visitPath}/invitations/:invitationId/withdraw`,
    {
      schema: {
        tags,
        summary: 'Withdraws an invitation: its link, or the access of the assistant who used it',
        params: InvitationParams,
        response: { 200: Assistant },
      },
      config: signedIn,
    },
    async (request) => withdrawInvitation(deps, actorOf(request), request.params.appointmentId, request.params.invitationId),
  );

  api.get(
    `${visitPath}/measurements`,
    {
      schema: {
        tags,
        summary: 'The measurements assistants shared in the call, with their FHIR Observations',
        params: AppointmentParams,
        response: { 200: Measurements },
      },
      config: signedIn,
    },
    async (request) => visitMeasurements(deps, actorOf(request), request.params.appointmentId),
  );

  api.post(
    '/api/v1/teleconsultation/invitations/check',
    {
      schema: {
        tags,
        summary: 'What an invitation link is for, before it is used: its kind, expiry and the information to accept (nothing of the visit)',
        body: InvitationCheck,
        response: { 200: InvitationInfo },
      },
      config: open,
    },
    async (request) => invitationInfo(deps, request.body.token, languageOf(request)),
  );

  api.post(
    '/api/v1/teleconsultation/invitations/redeem',
    {
      schema: {
        tags,
        summary: 'Uses an invitation link, once: the assistant says who they are and accepts the information; answers their credential',
        description: 'A used link answers 410 invitation-used; an expired or withdrawn one 410 invitation-expired.',
        body: RedeemRequest,
        response: { 201: AssistSession },
      },
      config: open,
    },
    async (request, reply) => reply.code(201).send(await redeem(deps, request.body, languageOf(request), request.ip)),
  );

  api.get(
    assistPath,
    {
      schema: {
        tags,
        summary: 'The visit as its assistant sees it: its state, times, practitioner',
        description: bearer,
        response: { 200: AssistVisit },
      },
      config: open,
    },
    async (request) => assistVisit(deps, await assistant(request)),
  );

  api.post(
    `${assistPath}/room-token`,
    {
      schema: {
        tags,
        summary: 'A room token for the assistant once the patient is admitted, with the ICE servers',
        description: bearer,
        response: { 200: RoomToken },
      },
      config: open,
    },
    async (request) => assistantRoomToken(deps, await assistant(request), request.ip),
  );

  api.post(
    `${assistPath}/measurements`,
    {
      schema: {
        tags,
        summary: 'The assistant shares a measurement in the call (typed in or from a Bluetooth device): stored as an Observation',
        description: `${bearer} The same identifier again answers 200 with the measurement stored first.`,
        body: MeasurementRequest,
        response: { 200: Measurement, 201: Measurement },
      },
      config: open,
    },
    async (request, reply) => {
      const { measurement, created } = await shareMeasurement(
        deps,
        await assistant(request),
        request.body,
        languageOf(request),
        request.ip,
      );
      return reply.code(created ? 201 : 200).send(measurement);
    },
  );

  api.get(
    `${assistPath}/measurements`,
    {
      schema: { tags, summary: 'What the assistant shared in this visit', description: bearer, response: { 200: Measurements } },
      config: open,
    },
    async (request) => ownMeasurements(deps, await assistant(request), request.ip),
  );
}
