// Properties of the questionnaire engine and of the orientation, over generated answers to the
// default questionnaire and generated questionnaires with enableWhen chains.
import type { QuestionnaireItemEnableWhen } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTIONNAIRE, DEFAULT_TRIAGE } from './default-questionnaire.js';
import { answersOf, dropHiddenAnswers, enableWhenValue, indexItems, responseOf, visibleLinkIds } from './engine.js';
import { orient, orientAnswers, outcomeRank } from './orient.js';
import { answersTo, patient, randomQuestionnaire } from './testing/arbitraries.js';
import type { AnswerValue, Answers } from './types.js';

const RUNS = { numRuns: 1000 };

/** An enableWhen condition read straight from the FHIR definition, for an answer (undefined: none). */
function conditionHolds(condition: QuestionnaireItemEnableWhen, answer: AnswerValue | undefined): boolean {
  if (condition.operator === 'exists') return (answer !== undefined) === condition.answerBoolean;
  const expected = enableWhenValue(condition)!;
  if (answer === undefined) return false;
  return {
    '=': answer === expected,
    '!=': answer !== expected,
    '>': answer > expected,
    '<': answer < expected,
    '>=': answer >= expected,
    '<=': answer <= expected,
  }[condition.operator];
}

/** The red flags of the contract: each alone is an emergency. */
const RED_FLAGS: Answers[] = [
  { 'chest-pain': true, 'chest-pain-minutes': 20, 'chest-pain-radiates': true },
  { 'stroke-signs': true },
  { 'sudden-severe-headache': true },
  { 'loss-of-consciousness': true },
  { confusion: true },
  { breathing: 'severe' },
  { 'severe-allergy': true },
  { 'heavy-bleeding': true },
  { 'suicidal-thoughts': true },
  { 'stiff-neck-or-rash': true },
  { 'abdominal-pain': 'severe' },
  { pregnant: true, 'pregnancy-bleeding-or-pain': true },
];

describe('questionnaire engine properties', () => {
  it('never shows an item whose enableWhen does not hold (generated questionnaires and answers)', () => {
    fc.assert(
      fc.property(
        randomQuestionnaire.chain((q) => fc.tuple(fc.constant(q), answersTo(q))),
        ([questionnaire, answers]) => {
          const visible = visibleLinkIds(questionnaire, answers);
          const { byLinkId, parentOf } = indexItems(questionnaire);
          for (const linkId of visible) {
            const item = byLinkId.get(linkId)!;
            const parent = parentOf.get(linkId);
            if (parent) expect(visible.has(parent.linkId)).toBe(true);
            const conditions = item.enableWhen ?? [];
            if (!conditions.length) continue;
            const holds = conditions.map((c) => conditionHolds(c, visible.has(c.question) ? answers[c.question] : undefined));
            expect(item.enableBehavior === 'any' ? holds.some(Boolean) : holds.every(Boolean)).toBe(true);
          }
        },
      ),
      RUNS,
    );
  });

  it('shows every item whose conditions hold over shown answers (nothing hidden for no reason)', () => {
    fc.assert(
      fc.property(
        randomQuestionnaire.chain((q) => fc.tuple(fc.constant(q), answersTo(q))),
        ([questionnaire, answers]) => {
          const visible = visibleLinkIds(questionnaire, answers);
          const { byLinkId, parentOf } = indexItems(questionnaire);
          for (const [linkId, item] of byLinkId) {
            if (visible.has(linkId)) continue;
            const parent = parentOf.get(linkId);
            if (parent && !visible.has(parent.linkId)) continue;
            const holds = (item.enableWhen ?? []).map((c) => conditionHolds(c, visible.has(c.question) ? answers[c.question] : undefined));
            expect(item.enableBehavior === 'any' ? holds.some(Boolean) : holds.every(Boolean)).toBe(false);
          }
        },
      ),
      RUNS,
    );
  });

  it('drops the answers to hidden items: from the response, and from what the rules read', () => {
    fc.assert(
      fc.property(answersTo(DEFAULT_QUESTIONNAIRE), patient, (answers, who) => {
        const visible = visibleLinkIds(DEFAULT_QUESTIONNAIRE, answers);
        const kept = answersOf(DEFAULT_QUESTIONNAIRE, responseOf(DEFAULT_QUESTIONNAIRE, answers));
        for (const linkId of Object.keys(kept)) expect(visible.has(linkId)).toBe(true);
        expect(kept).toEqual(dropHiddenAnswers(DEFAULT_QUESTIONNAIRE, answers));
        // A response carrying hidden answers orients as one without them.
        const raw = {
          resourceType: 'QuestionnaireResponse' as const,
          status: 'completed' as const,
          item: Object.entries(answers).map(([linkId, value]) => ({
            linkId,
            answer: [
              typeof value === 'boolean'
                ? { valueBoolean: value }
                : typeof value === 'number'
                  ? { valueDecimal: value }
                  : { valueCoding: { code: value } },
            ],
          })),
        };
        expect(orient(DEFAULT_TRIAGE, raw, who)).toEqual(orientAnswers(DEFAULT_TRIAGE, kept, who));
      }),
      RUNS,
    );
  });
});

describe('orientation properties', () => {
  it('never becomes less strict when a red flag is added to any response: the 15', () => {
    fc.assert(
      fc.property(answersTo(DEFAULT_QUESTIONNAIRE), patient, fc.constantFrom(...RED_FLAGS), (answers, who, flag) => {
        const before = orient(DEFAULT_TRIAGE, responseOf(DEFAULT_QUESTIONNAIRE, answers), who);
        const after = orient(DEFAULT_TRIAGE, responseOf(DEFAULT_QUESTIONNAIRE, { ...answers, ...flag }), who);
        expect(outcomeRank(after.outcome)).toBeGreaterThanOrEqual(outcomeRank(before.outcome));
        expect(after).toMatchObject({ outcome: 'emergency-15', severity: 'high' });
      }),
      RUNS,
    );
  });

  it('depends on the input only: the same answers, however given, the same orientation; inputs untouched', () => {
    fc.assert(
      fc.property(answersTo(DEFAULT_QUESTIONNAIRE), patient, (answers, who) => {
        const response = responseOf(DEFAULT_QUESTIONNAIRE, answers);
        const frozen = structuredClone(response);
        const first = orient(DEFAULT_TRIAGE, response, who);
        const reordered = { ...response, item: [...(response.item ?? [])].reverse() };
        expect(orient(structuredClone(DEFAULT_TRIAGE), reordered, { ...who })).toEqual(first);
        expect(response).toEqual(frozen);
        expect(first.severity === 'high' || first.outcome !== 'emergency-15').toBe(true);
      }),
      RUNS,
    );
  });
});
