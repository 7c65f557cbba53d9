import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/hook.js';
import type { ServiceDeps } from '../../platform/context.js';
import { languageOf } from '../../platform/http/language.js';
import {
  AppointmentOrientation,
  AppointmentOrientationsQuery,
  Funnel,
  FunnelEventBody,
  FunnelQuery,
  LinkAppointment,
  Orientation,
  OrganisationParams,
  PatientParams,
  QuestionnaireQuery,
  QuestionnaireReply,
  ResponseParams,
  ResponsesQuery,
  SubmitResponse,
  TriageCase,
  TriageQuestionnaireBody,
  TriageResponse,
} from './schemas.js';
import {
  appointmentOrientations,
  funnelOf,
  linkResponseToAppointment,
  listResponses,
  MAX_CASES,
  organisationQuestionnaire,
  orientCases,
  publishOrganisationQuestionnaire,
  questionnaireToAnswer,
  readResponse,
  recordFunnelEvent,
  submitResponse,
  type AppointmentReader,
} from './service.js';

const tags = ['triage'];

/**
 * The contract's schemas document these bodies (OpenAPI); the domain checks them, naming the
 * field (`[2].answers.breathing`) in its own words, as the CLI does.
 */
const documentedOnly: FastifySchemaCompiler<unknown> = () => (data) => ({ value: data });
const serializedAsIs = () => (data: unknown) => JSON.stringify(data);

export function registerTriageRoutes(app: FastifyInstance, deps: ServiceDeps, readAppointment: AppointmentReader): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/triage/orient',
    {
      schema: {
        tags,
        summary: 'Orients a case before a teleconsultation: the 15, in person, teleconsultation or advice',
        description:
          `One case gives one orientation; an array (at most ${MAX_CASES}) gives an array in the same order. The default questionnaire ` +
          'is used. A malformed case is a 400 problem naming the field. Public: nothing is stored or read.',
        body: z.union([TriageCase, z.array(TriageCase).max(MAX_CASES)]),
        response: { 200: z.union([Orientation, z.array(Orientation)]) },
      },
      validatorCompiler: documentedOnly,
      serializerCompiler: serializedAsIs,
      // Public and CPU-bound: at most 120 calls a minute from one address.
      config: { policy: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (request) => orientCases(request.body as unknown, request.headers['accept-language']),
  );

  api.get(
    '/api/v1/triage/questionnaire',
    {
      schema: {
        tags,
        summary: 'The questionnaire to answer before booking with an organisation: its copy, or the default',
        querystring: QuestionnaireQuery,
        response: { 200: QuestionnaireReply },
      },
      serializerCompiler: serializedAsIs,
      config: { policy: 'signed-in' },
    },
    async (request) => questionnaireToAnswer(deps, request.query.organisationId),
  );

  api.post(
    '/api/v1/patients/:patientId/triage/responses',
    {
      schema: {
        tags,
        summary: 'Answers the questionnaire for a patient: the answers are checked, oriented and kept',
        description: 'A malformed or missing answer is a 400 naming the question (`answers.<linkId>`); nothing is written then.',
        params: PatientParams,
        body: SubmitResponse,
        response: { 201: TriageResponse },
      },
      config: { policy: 'signed-in' },
    },
    async (request, reply) =>
      reply.code(201).send(await submitResponse(deps, actorOf(request), request.params.patientId, request.body, languageOf(request))),
  );

  api.get(
    '/api/v1/patients/:patientId/triage/responses',
    {
      schema: {
        tags,
        summary: 'A patient’s answers and orientations, latest first',
        params: PatientParams,
        querystring: ResponsesQuery,
        response: { 200: z.array(TriageResponse) },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => listResponses(deps, actorOf(request), request.params.patientId, request.query.limit),
  );

  api.get(
    '/api/v1/patients/:patientId/triage/responses/:responseId',
    {
      schema: {
        tags,
        summary: 'One of a patient’s answers and its orientation',
        params: ResponseParams,
        response: { 200: TriageResponse },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => readResponse(deps, actorOf(request), request.params.patientId, request.params.responseId),
  );

  api.put(
    '/api/v1/patients/:patientId/triage/responses/:responseId/appointment',
    {
      schema: {
        tags,
        summary: 'Links the answers to the appointment booked after them (the practitioner sees them in the agenda)',
        description: 'Refused (409 emergency-cannot-book) for answers oriented to the 15.',
        params: ResponseParams,
        body: LinkAppointment,
        response: { 200: TriageResponse },
      },
      config: { policy: 'signed-in' },
    },
    async (request) =>
      linkResponseToAppointment(
        deps,
        readAppointment,
        actorOf(request),
        request.params.patientId,
        request.params.responseId,
        request.body.appointmentId,
      ),
  );

  api.get(
    '/api/v1/triage/appointment-orientations',
    {
      schema: {
        tags,
        summary: 'The answers, severity and flags linked to appointments, for the agenda',
        description: 'Only those of patients the caller manages or cares for; the others are left out.',
        querystring: AppointmentOrientationsQuery,
        response: { 200: z.array(AppointmentOrientation) },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => appointmentOrientations(deps, actorOf(request), request.query.ids, languageOf(request)),
  );

  api.post(
    '/api/v1/triage/funnel-events',
    {
      schema: {
        tags,
        summary: 'The questionnaire’s screens report a run started or abandoned at a step (no answer, no patient)',
        body: FunnelEventBody,
      },
      config: { policy: 'signed-in' },
    },
    async (request, reply) => {
      await recordFunnelEvent(deps, request.body);
      return reply.code(204).send();
    },
  );

  api.get(
    '/api/v1/organisations/:organisationId/triage/funnel',
    {
      schema: {
        tags,
        summary: 'The organisation’s triage funnel: started, abandoned (where), oriented (where), booked, seen',
        params: OrganisationParams,
        querystring: FunnelQuery,
        response: { 200: Funnel },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => funnelOf(actorOf(request), deps, request.params.organisationId, request.query.days),
  );

  api.get(
    '/api/v1/organisations/:organisationId/triage/questionnaire',
    {
      schema: {
        tags,
        summary: 'The organisation’s questionnaire: its latest copy, or the default to start one from',
        params: OrganisationParams,
        response: { 200: QuestionnaireReply },
      },
      serializerCompiler: serializedAsIs,
      config: { policy: 'signed-in' },
    },
    async (request) => organisationQuestionnaire(deps, actorOf(request), request.params.organisationId),
  );

  api.post(
    '/api/v1/organisations/:organisationId/triage/questionnaire',
    {
      schema: {
        tags,
        summary: 'Publishes a new version of the organisation’s copy of the questionnaire',
        description:
          'Validated: known item types, enableWhen pointing at questions, no cycle, every safety item and rule of the contract kept. A version is never changed.',
        params: OrganisationParams,
        body: TriageQuestionnaireBody,
        response: { 201: QuestionnaireReply },
      },
      serializerCompiler: serializedAsIs,
      config: { policy: 'signed-in' },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await publishOrganisationQuestionnaire(deps, actorOf(request), request.params.organisationId, request.body, languageOf(request)),
        ),
  );
}
