import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/hook.js';
import { problem } from '../../platform/http/problem.js';
import { registerAuthRoutes, registerOidcRoutes } from './auth-routes.js';
import type { IdentityDeps } from './deps.js';
import { describeMe, updateMe } from './me.js';
import { Invitation, Member, Organisation, OrganisationParams, SiteInput } from './organisation-schemas.js';
import { addSite, getOrganisation, inviteProfessional, listMembers } from './organisations.js';
import { accessHistoryOf } from './access-history.js';
import { addDependant, readPatient } from './patients.js';
import { listCarePatients } from './care-patients.js';
import { readInsurance, updateInsurance } from './insurance.js';
import { Insurance, Me, MeUpdate, PatientIdentity } from './schemas.js';

const PatientParams = z.object({ patientId: z.uuid() }).strict();
const Patient = z.object({
  id: z.uuid(),
  birthName: z.string(),
  firstNames: z.string(),
  usedName: z.string().nullable(),
  sex: z.enum(['F', 'M', 'I']),
  birthDate: z.string(),
  birthPlaceInsee: z.string().nullable(),
  ins: z.string().nullable(),
  identityStatus: z.enum(['provisoire', 'recuperee', 'validee', 'qualifiee']),
  isSelf: z.boolean(),
});
const AccessEntry = z.object({
  at: z.string(),
  who: z.string(),
  role: z.string(),
  organisation: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
});
const HistoryQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), before: z.iso.datetime().optional() }).strict();
const Created = z.object({ id: z.uuid() });
const CarePatientQuery = z
  .object({
    q: z.string().trim().max(100).optional().describe('Part of a name, any case'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
const CarePatient = z.object({
  id: z.uuid(),
  birthName: z.string(),
  usedName: z.string().nullable(),
  firstNames: z.string(),
  birthDate: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  kinds: z.array(z.string()),
});

export function registerIdentityRoutes(app: FastifyInstance, deps: IdentityDeps): void {
  registerAuthRoutes(app, deps);
  registerOidcRoutes(app, deps);
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/me',
    {
      schema: { tags: ['me'], summary: 'The signed-in account, its roles and the records it manages', response: { 200: Me } },
      config: { policy: 'session' },
    },
    async (request) => {
      if (!request.auth) throw problem.unauthorized();
      return describeMe(deps, request.auth);
    },
  );

  api.patch(
    '/api/v1/me',
    {
      schema: { tags: ['me'], summary: 'Updates the profile (language, names)', body: MeUpdate, response: { 204: z.null() } },
      config: { policy: 'session' },
    },
    async (request, reply) => {
      await updateMe(deps, actorOf(request).accountId, request.body);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/api/v1/me/dependants',
    {
      schema: {
        tags: ['me'],
        summary: 'Adds a dependant (a child) whose record this account manages',
        body: PatientIdentity,
        response: { 201: Created },
      },
      config: { policy: 'signed-in' },
    },
    async (request, reply) => reply.code(201).send(await addDependant(deps, actorOf(request), request.body)),
  );

  api.get(
    '/api/v1/patients/:patientId',
    {
      schema: {
        tags: ['patients'],
        summary: 'A patient’s identity, for the patient or a professional in a care relationship',
        params: PatientParams,
        response: { 200: Patient },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => readPatient(deps, actorOf(request), request.params.patientId),
  );

  api.get(
    '/api/v1/patients/:patientId/insurance',
    {
      schema: {
        tags: ['patients'],
        summary: 'The patient’s insurance situation: treating doctor declared, ALD, supplementary cover',
        params: PatientParams,
        response: { 200: Insurance },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => readInsurance(deps, actorOf(request), request.params.patientId),
  );

  api.put(
    '/api/v1/patients/:patientId/insurance',
    {
      schema: {
        tags: ['patients'],
        summary: 'The patient (or parent) states their insurance situation',
        params: PatientParams,
        body: Insurance,
        response: { 204: z.null() },
      },
      config: { policy: 'signed-in' },
    },
    async (request, reply) => {
      await updateInsurance(deps, actorOf(request), request.params.patientId, request.body);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/api/v1/care/patients',
    {
      schema: {
        tags: ['patients'],
        summary: 'The patients in the professional’s live care relationships, by name',
        querystring: CarePatientQuery,
        response: { 200: z.array(CarePatient) },
      },
      config: { policy: 'professional' },
    },
    async (request) => listCarePatients(deps, actorOf(request), request.query),
  );

  api.get(
    '/api/v1/patients/:patientId/access-history',
    {
      schema: {
        tags: ['patients'],
        summary: 'Who accessed this record and when (for the patient)',
        params: PatientParams,
        querystring: HistoryQuery,
        response: { 200: z.array(AccessEntry) },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => accessHistoryOf(deps, actorOf(request), request.params.patientId, request.query),
  );

  api.get(
    '/api/v1/organisations/:organisationId',
    {
      schema: {
        tags: ['organisations'],
        summary: 'An organisation and its sites, for its members',
        params: OrganisationParams,
        response: { 200: Organisation },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => getOrganisation(deps, actorOf(request), request.params.organisationId),
  );

  api.get(
    '/api/v1/organisations/:organisationId/members',
    {
      schema: {
        tags: ['organisations'],
        summary: 'The organisation’s professionals and administrators (administrators only)',
        params: OrganisationParams,
        response: { 200: z.array(Member) },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => listMembers(deps, actorOf(request), request.params.organisationId),
  );

  api.post(
    '/api/v1/organisations/:organisationId/sites',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Adds a site (administrators only)',
        params: OrganisationParams,
        body: SiteInput,
        response: { 201: Created },
      },
      config: { policy: 'signed-in' },
    },
    async (request, reply) => reply.code(201).send(await addSite(deps, actorOf(request), request.params.organisationId, request.body)),
  );

  api.post(
    '/api/v1/organisations/:organisationId/invitations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Invites a professional by e-mail (administrators only)',
        params: OrganisationParams,
        body: Invitation,
        response: { 201: z.object({ accountId: z.uuid() }) },
      },
      config: { policy: 'signed-in' },
    },
    async (request, reply) =>
      reply.code(201).send(await inviteProfessional(deps, actorOf(request), request.params.organisationId, request.body)),
  );
}
