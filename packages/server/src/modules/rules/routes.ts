import { RulesDecision, RulesRequest } from '@parcours/domain';
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { evaluateRules, MAX_REQUESTS } from './service.js';

const Body = z.union([RulesRequest, z.array(RulesRequest).max(MAX_REQUESTS).describe('Requests judged one by one, in order')]);
const Reply = z.union([RulesDecision, z.array(RulesDecision).describe('The decisions, in the order of the requests')]);

/**
 * The contract's schemas document this route (OpenAPI); the domain enforces them. A request goes
 * through the domain's own parse in the service, so that a malformed one is named (`[2].patient.age`)
 * with the rules engine's messages in the user's language, as the CLI and the web app name it, not
 * with zod's wording through the platform's generic validator. A decision fits its schema by
 * construction (the domain's property tests check it), so a batch is not checked again.
 */
const documentedOnly: FastifySchemaCompiler<unknown> = () => (data) => ({ value: data });
const serializedAsIs = () => (data: unknown) => JSON.stringify(data);

export function registerRulesRoutes(app: FastifyInstance): void {
  app.post(
    '/api/v1/rules/evaluate',
    {
      schema: {
        summary: 'Decide and explain what French rules allow and what the Assurance Maladie pays',
        description:
          `One request gives one decision; an array (at most ${MAX_REQUESTS}) gives an array in the same order. ` +
          'A malformed request is a 400 problem naming the field. Public: no health data is stored or read.',
        tags: ['rules'],
        body: Body,
        response: { 200: Reply },
      },
      validatorCompiler: documentedOnly,
      serializerCompiler: serializedAsIs,
      // Public and CPU-bound: at most 120 calls a minute from one address (120,000 evaluations).
      config: { policy: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (request) => evaluateRules(request.body as unknown, request.headers['accept-language']),
  );
}
