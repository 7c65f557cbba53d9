import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { evaluateRules } from './service.js';

const RulesRequest = z
  .looseObject({
    kind: z.enum(['teleconsultation', 'sick-leave', 'teleexpertise', 'assistance', 'telemonitoring', 'identifier', 'activity-cap']),
  })
  .describe('One request of the rules contract (docs: rules/contract.md); its kind decides the other fields');
const Body = z.union([RulesRequest, z.array(RulesRequest).max(10_000)]);
const Decision = z.looseObject({ reasons: z.array(z.string()), warnings: z.array(z.string()), sources: z.array(z.string()) });

export function registerRulesRoutes(app: FastifyInstance): void {
  app.post(
    '/api/v1/rules/evaluate',
    {
      schema: {
        summary: 'Decide and explain what French rules allow and what the Assurance Maladie pays',
        description: 'One request gives one decision; an array gives an array in the same order. Public: no health data is stored or read.',
        tags: ['rules'],
        body: Body,
        response: { 200: z.union([Decision, z.array(Decision)]) },
      },
      config: { policy: 'public' },
    },
    async (request) => evaluateRules(request.body, request.headers['accept-language']),
  );
}
