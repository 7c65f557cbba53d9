// Properties every decision keeps, over generated well-formed requests of every kind.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.js';
import { rulesRequest, teleconsultationRequest } from './testing/arbitraries.js';
import { DECISION_AMOUNT_FIELDS, type RulesDecision } from './types.js';
import { RulesRequestError } from './validation.js';

const RUNS = { numRuns: 2000 };
const cents = (euros: number) => Math.round(euros * 100);
const isCent = (euros: number) => Math.abs(euros * 100 - Math.round(euros * 100)) < 1e-6;

/** Every amount of a decision, whatever its kind. */
function amounts(decision: RulesDecision): number[] {
  return DECISION_AMOUNT_FIELDS.map((key) => (decision as unknown as Record<string, unknown>)[key]).filter(
    (value): value is number => typeof value === 'number',
  );
}

describe('rules engine properties', () => {
  it('answers every well-formed request with a decision, never a throw', () => {
    fc.assert(
      fc.property(rulesRequest, (request) => {
        const decision = evaluate(request);
        expect(Array.isArray(decision.reasons)).toBe(true);
        expect(Array.isArray(decision.warnings)).toBe(true);
        expect(decision.sources.length).toBeGreaterThan(0);
        expect(new Set(decision.sources).size).toBe(decision.sources.length);
      }),
      RUNS,
    );
  });

  it('never gives a negative amount, and rounds every amount to the cent', () => {
    fc.assert(
      fc.property(rulesRequest, (request) => {
        for (const amount of amounts(evaluate(request))) {
          expect(amount).toBeGreaterThanOrEqual(0);
          expect(isCent(amount)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('splits the fee of a reimbursable teleconsultation exactly: AMO + participation + ticket modérateur', () => {
    fc.assert(
      fc.property(teleconsultationRequest, (request) => {
        const decision = evaluate(request);
        if (!decision.reimbursable) {
          expect([decision.amoAmount, decision.participationForfaitaire, decision.ticketModerateur, decision.amoRate]).toEqual([
            0, 0, 0, 0,
          ]);
          return;
        }
        expect(decision.billable).toBe(true);
        expect(decision.fee).not.toBeNull();
        expect(cents(decision.amoAmount) + cents(decision.participationForfaitaire) + cents(decision.ticketModerateur)).toBe(
          cents(decision.fee!),
        );
        expect(cents(decision.ticketModerateur)).toBe(Math.round(cents(decision.fee!) * (1 - decision.amoRate)));
      }),
      RUNS,
    );
  });

  it('gives the same decision for the same request, and for a structured clone of it', () => {
    fc.assert(
      fc.property(rulesRequest, (request) => {
        const first = evaluate(request);
        expect(evaluate(request)).toEqual(first);
        expect(evaluate(structuredClone(request))).toEqual(first);
        expect(evaluate(JSON.parse(JSON.stringify(request)))).toEqual(first);
      }),
      RUNS,
    );
  });

  it('does not change the request it judges', () => {
    fc.assert(
      fc.property(rulesRequest, (request) => {
        const before = structuredClone(request);
        evaluate(request);
        expect(request).toEqual(before);
      }),
      { numRuns: 500 },
    );
  });

  it('either decides or throws RulesRequestError for any JSON value', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          rulesRequest.chain((r) => fc.constant({ ...r, extra: 1 })),
        ),
        (input) => {
          try {
            evaluate(input);
          } catch (error) {
            expect(error).toBeInstanceOf(RulesRequestError);
            expect((error as RulesRequestError).issues.length).toBeGreaterThan(0);
          }
        },
      ),
      RUNS,
    );
  });
});
