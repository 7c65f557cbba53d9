import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/hook.js';
import type { ServiceDeps } from '../../platform/context.js';
import { accessHistoryOf } from './access-history.js';
import { listCarePatients } from './care-patients.js';
import { addDependant, readPatient } from './patients.js';
import {
  AccessHistoryPage,
  CarePatient,
  CarePatientQuery,
  Created,
  HistoryQuery,
  Patient,
  PatientIdentity,
  PatientParams,
} from './schemas.js';

const tags = ['patients'];

export function registerPatientRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

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
        tags,
        summary: 'A patient’s identity, for the patient or a professional in a care relationship',
        params: PatientParams,
        response: { 200: Patient },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => readPatient(deps, actorOf(request), request.params.patientId),
  );

  api.get(
    '/api/v1/care/patients',
    {
      schema: {
        tags,
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
        tags,
        summary: 'Who accessed this record and when (for the patient)',
        params: PatientParams,
        querystring: HistoryQuery,
        response: { 200: AccessHistoryPage },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => accessHistoryOf(deps, actorOf(request), request.params.patientId, request.query),
  );
}
