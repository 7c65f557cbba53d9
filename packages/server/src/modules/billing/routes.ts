import type { ServiceDeps } from '../../platform/context.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/hook.js';
import { PatientParams } from '../patients/service.js';
import { readInsurance, updateInsurance } from './insurance.js';
import { languageOf } from '../../platform/http/language.js';
import { BillingBody, EstimateBody, Insurance, TeleconsultationBilling } from './schemas.js';
import { decideTeleconsultationBilling, estimateTeleconsultation } from './service.js';

const tags = ['billing'];

export function registerBillingRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

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

  api.post(
    '/api/v1/patients/:patientId/teleconsultation-estimate',
    {
      schema: {
        tags,
        summary: 'Before booking: will the teleconsultation be reimbursed, and what will the patient pay, and why',
        description: 'Nothing is stored but the audit entry: the patient’s age and insurance situation are read from the record.',
        params: PatientParams,
        body: EstimateBody,
        response: { 200: TeleconsultationBilling },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => estimateTeleconsultation(deps, actorOf(request), request.params.patientId, request.body, languageOf(request)),
  );

  api.post(
    '/api/v1/patients/:patientId/teleconsultation-billing',
    {
      schema: {
        tags,
        summary: 'At the end of a teleconsultation: the practitioner’s billing decision (code, fee, tiers payant, what to collect)',
        description: 'The practitioner’s profession, specialty and sector come from their profile; a care relationship is required.',
        params: PatientParams,
        body: BillingBody,
        response: { 200: TeleconsultationBilling },
      },
      config: { policy: 'professional' },
    },
    async (request) => decideTeleconsultationBilling(deps, actorOf(request), request.params.patientId, request.body, languageOf(request)),
  );
}
