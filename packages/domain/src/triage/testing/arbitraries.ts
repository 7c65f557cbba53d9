// Test support: fast-check arbitraries of answers to a questionnaire (any subset of its questions,
// each with a well-formed value) and of small random questionnaires with enableWhen chains.
import type { Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { optionCodes } from '../answers.js';
import { boundOf, indexItems, isAnswerable } from '../engine.js';
import type { AnswerValue, TriagePatient } from '../types.js';

function valueOf(item: QuestionnaireItem): fc.Arbitrary<AnswerValue> {
  const min = boundOf(item, 'minValue') ?? 0;
  const max = boundOf(item, 'maxValue') ?? 1000;
  switch (item.type) {
    case 'boolean':
      return fc.boolean();
    case 'integer':
      // Mostly around the thresholds the rules use (minutes, days), sometimes anywhere.
      return fc.oneof(fc.integer({ min, max: Math.min(max, 30) }), fc.integer({ min, max }));
    case 'decimal':
      return fc.oneof(
        fc.integer({ min: 340, max: 420 }).map((tenths) => tenths / 10),
        fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
      );
    case 'choice':
      return fc.constantFrom(...optionCodes(item));
    default:
      return fc.string({ maxLength: 20 });
  }
}

/** Answers to any subset of the questionnaire's questions, shown or not. */
export function answersTo(questionnaire: Questionnaire): fc.Arbitrary<Record<string, AnswerValue>> {
  const questions = [...indexItems(questionnaire).byLinkId.values()].filter(isAnswerable);
  return fc.record(Object.fromEntries(questions.map((item) => [item.linkId, valueOf(item)])), { requiredKeys: [] }) as fc.Arbitrary<
    Record<string, AnswerValue>
  >;
}

export const patient: fc.Arbitrary<TriagePatient> = fc.oneof(
  fc.record({ age: fc.integer({ min: 1, max: 110 }), sex: fc.constantFrom('F' as const, 'M' as const) }, { requiredKeys: ['age'] }),
  fc.integer({ min: 0, max: 23 }).map((ageMonths) => ({ age: Math.floor(ageMonths / 12), ageMonths })),
);

/**
 * A small questionnaire: boolean and integer questions in groups, each question or group possibly
 * shown only when earlier questions hold (all or any), so never a cycle.
 */
export const randomQuestionnaire: fc.Arbitrary<Questionnaire> = fc
  .array(
    fc.record({
      type: fc.constantFrom('boolean' as const, 'integer' as const),
      group: fc.integer({ min: 0, max: 3 }),
      conditions: fc.array(
        fc.record({
          on: fc.nat(),
          operator: fc.constantFrom('=' as const, '!=' as const, '>' as const, '<=' as const, 'exists' as const),
          value: fc.integer({ min: 0, max: 5 }),
          flag: fc.boolean(),
        }),
        { maxLength: 3 },
      ),
      any: fc.boolean(),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((specs) => {
    const made: QuestionnaireItem[] = [];
    const groups: QuestionnaireItem[] = [0, 1, 2, 3].map((g) => ({ linkId: `g${g}`, type: 'group', item: [] }));
    specs.forEach((spec, index) => {
      const enableWhen = spec.conditions
        .filter(() => index > 0)
        .map((c) => {
          const target = made[c.on % index]!;
          if (c.operator === 'exists') return { question: target.linkId, operator: 'exists' as const, answerBoolean: c.flag };
          if (target.type === 'boolean')
            return { question: target.linkId, operator: c.operator === '!=' ? ('!=' as const) : ('=' as const), answerBoolean: c.flag };
          return { question: target.linkId, operator: c.operator, answerInteger: c.value };
        });
      const item: QuestionnaireItem = {
        linkId: `q${index}`,
        type: spec.type,
        ...(enableWhen.length ? { enableWhen, enableBehavior: spec.any ? 'any' : 'all' } : {}),
      };
      made.push(item);
      groups[spec.group]!.item!.push(item);
    });
    return {
      resourceType: 'Questionnaire',
      status: 'active',
      url: 'urn:test',
      version: '1',
      item: groups.filter((g) => g.item!.length),
    } as Questionnaire;
  });
