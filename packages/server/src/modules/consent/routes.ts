import type { ServiceDeps } from '../../platform/context.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/hook.js';
import { languageOf } from '../../platform/http/language.js';
import { opaque } from '../../platform/http/text.js';
import { INFORMATION } from './information.js';
import { giveConsent, listConsents, withdrawConsent } from './service.js';

const Act = z.enum(['teleconsultation', 'telemonitoring', 'teleexpertise']);
const Consent = z.object({
  id: z.uuid(),
  act: Act,
  informationVersion: z.string(),
  givenAt: z.string(),
  givenBy: z.uuid(),
  withdrawnAt: z.string().nullable(),
});
const PatientParams = z.object({ patientId: z.uuid() }).strict();
const tags = ['consent'];

export function registerConsentRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/consent-information/:act',
    {
      schema: {
        tags,
        summary: 'The information text to show before consent, in the user’s language',
        params: z.object({ act: Act }).strict(),
        response: { 200: z.object({ act: Act, version: z.string(), text: z.string() }) },
      },
      config: { policy: 'public' },
    },
    async (request) => {
      const info = INFORMATION[request.params.act];
      return { act: request.params.act, version: info.version, text: info[languageOf(request)] };
    },
  );

  api.get(
    '/api/v1/patients/:patientId/consents',
    {
      schema: { tags, summary: 'The patient’s consents, live and withdrawn', params: PatientParams, response: { 200: z.array(Consent) } },
      config: { policy: 'signed-in' },
    },
    async (request) => listConsents(deps, actorOf(request), request.params.patientId),
  );

  api.post(
    '/api/v1/patients/:patientId/consents',
    {
      schema: {
        tags,
        summary: 'Records consent to an act, naming the information version shown',
        params: PatientParams,
        body: z.object({ act: Act, informationVersion: opaque(40) }).strict(),
        response: { 201: Consent },
      },
      config: { policy: 'signed-in' },
    },
    async (request, reply) => reply.code(201).send(await giveConsent(deps, actorOf(request), request.params.patientId, request.body)),
  );

  api.post(
    '/api/v1/patients/:patientId/consents/:consentId/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraws a consent',
        params: z.object({ patientId: z.uuid(), consentId: z.uuid() }).strict(),
        response: { 200: Consent },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => withdrawConsent(deps, actorOf(request), request.params.patientId, request.params.consentId),
  );
}
