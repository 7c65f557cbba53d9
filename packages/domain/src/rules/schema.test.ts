// The contract's schema is the one statement of the questions and answers: every decision the
// engine gives fits it, and its JSON Schema (what the OpenAPI shows) says what the contract says.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { evaluate } from './evaluate.js';
import {
  ActivityCapDecision,
  AssistanceDecision,
  IdentifierDecision,
  RulesDecision,
  RulesRequest,
  SickLeaveDecision,
  TeleconsultationDecision,
  TeleexpertiseDecision,
  TelemonitoringDecision,
  type RulesKind,
} from './schema.js';
import { rulesRequest } from './testing/arbitraries.js';
import { RULES_KINDS } from './types.js';

const DECISIONS: Record<RulesKind, z.ZodType> = {
  teleconsultation: TeleconsultationDecision,
  'sick-leave': SickLeaveDecision,
  teleexpertise: TeleexpertiseDecision,
  assistance: AssistanceDecision,
  telemonitoring: TelemonitoringDecision,
  identifier: IdentifierDecision,
  'activity-cap': ActivityCapDecision,
};

interface JsonSchema {
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  format?: string;
  description?: string;
}

describe('the rules contract schema', () => {
  it('fits every decision the engine gives, each to the schema of its kind', () => {
    fc.assert(
      fc.property(rulesRequest, (request) => {
        const decision = evaluate(request);
        expect(DECISIONS[request.kind].safeParse(decision).error).toBeUndefined();
        expect(RulesDecision.parse(decision)).toEqual(decision);
      }),
      { numRuns: 1000 },
    );
  });

  it('documents every kind, the strict fields, the defaults and the ranges of a request', () => {
    const schema = z.toJSONSchema(RulesRequest, { io: 'input' }) as JsonSchema;
    const forms = schema.oneOf ?? [];
    expect(forms.map((form) => form.properties?.['kind']?.const)).toEqual([...RULES_KINDS]);
    expect(forms.every((form) => form.additionalProperties === false)).toBe(true);
    const teleconsultation = forms[0]!;
    expect(teleconsultation.required).toEqual(['kind', 'date', 'modality', 'practitioner', 'patient']);
    expect(teleconsultation.properties?.['date']).toMatchObject({ format: 'date', description: expect.stringContaining('day of the act') });
    const patient = teleconsultation.properties?.['patient'];
    expect(patient?.additionalProperties).toBe(false);
    expect(patient?.required).toEqual(['age']);
    expect(patient?.properties?.['age']).toMatchObject({ minimum: 0, maximum: 130 });
    expect(patient?.properties?.['treatingDoctor']?.default).toBe('referred');
    expect(teleconsultation.properties?.['completed']?.default).toBe(true);
  });

  it('documents the decisions with their closed lists of codes', () => {
    const schema = z.toJSONSchema(RulesDecision, { io: 'output' }) as JsonSchema;
    const forms = schema.anyOf ?? [];
    expect(forms).toHaveLength(7);
    for (const form of forms) {
      expect(form.additionalProperties).toBe(false);
      expect(form.required).toEqual(expect.arrayContaining(['reasons', 'warnings', 'sources']));
    }
  });
});
