import type { Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { parseTriageCase } from './answers.js';
import { DEFAULT_TRIAGE } from './default-questionnaire.js';
import { orientCase } from './orient.js';
import type { TriageQuestionnaire } from './types.js';
import { TriageCaseError } from './answers.js';
import { validateTriageQuestionnaire } from './validate.js';

/** A copy of the default questionnaire changed by `edit`. */
function copyWith(edit: (copy: TriageQuestionnaire) => void): TriageQuestionnaire {
  const copy = structuredClone(DEFAULT_TRIAGE);
  edit(copy);
  return copy;
}
const group = (copy: TriageQuestionnaire, linkId: string) => copy.questionnaire.item!.find((item) => item.linkId === linkId)!;
const issuesOf = (input: unknown) => {
  const result = validateTriageQuestionnaire(input);
  return result.ok ? [] : result.issues;
};

describe('a triage questionnaire', () => {
  it('accepts the default and a copy that adds a question and a rule', () => {
    expect(issuesOf(DEFAULT_TRIAGE)).toEqual([]);
    const copy = copyWith((c) => {
      c.questionnaire.version = '1.1.0';
      group(c, 'request').item!.push({ linkId: 'travel', type: 'boolean', text: 'Retour de voyage ?' });
      c.orientation.rules.push({
        id: 'travel',
        when: { answer: 'travel', equals: true },
        outcome: 'in-person',
        severity: 'moderate',
        flags: ['travel'],
      });
    });
    expect(issuesOf(copy)).toEqual([]);
    expect(orientCase({ patient: { age: 30 }, answers: { travel: true } }, copy).outcome).toBe('in-person');
  });

  it('refuses an unknown item type, naming the item', () => {
    const issues = issuesOf(copyWith((c) => group(c, 'request').item!.push({ linkId: 'photo', type: 'attachment' } as QuestionnaireItem)));
    expect(issues).toEqual([expect.objectContaining({ path: 'questionnaire.item[0].item[3].type', code: 'unknown-type' })]);
    expect(issues[0]!.message.fr).toContain('« photo »');
    expect(issues[0]!.message.en).toContain('unknown type ("attachment")');
  });

  it('refuses an enableWhen pointing nowhere', () => {
    const issues = issuesOf(
      copyWith((c) =>
        group(c, 'request').item!.push({
          linkId: 'more',
          type: 'string',
          enableWhen: [{ question: 'nowhere', operator: '=', answerBoolean: true }],
        }),
      ),
    );
    expect(issues).toEqual([
      expect.objectContaining({ code: 'unknown-question', path: 'questionnaire.item[0].item[3].enableWhen[0].question' }),
    ]);
    expect(issues[0]!.message.en).toBe('enableWhen of "more" points to "nowhere", which does not exist in the questionnaire.');
  });

  it('refuses a cycle of display conditions, and a group shown by its own child', () => {
    const loop = issuesOf(
      copyWith((c) =>
        group(c, 'request').item!.push(
          { linkId: 'a', type: 'boolean', enableWhen: [{ question: 'b', operator: '=', answerBoolean: true }] },
          { linkId: 'b', type: 'boolean', enableWhen: [{ question: 'a', operator: '=', answerBoolean: true }] },
        ),
      ),
    );
    expect(loop).toEqual([expect.objectContaining({ code: 'cycle' })]);
    expect(loop[0]!.message.en).toMatch(/a → b → a|b → a → b/);
    const ownChild = issuesOf(
      copyWith((c) => (group(c, 'request').enableWhen = [{ question: 'reason', operator: 'exists', answerBoolean: true }])),
    );
    expect(ownChild.map((i) => i.code)).toContain('cycle');
  });

  it('refuses a copy missing a safety item, or changing one', () => {
    const missing = issuesOf(
      copyWith(
        (c) =>
          (group(c, 'emergency-breathing').item = group(c, 'emergency-breathing').item!.filter((i) => i.linkId !== 'suicidal-thoughts')),
      ),
    );
    expect(missing[0]).toMatchObject({ code: 'missing-safety-item', path: 'questionnaire.item' });
    expect(missing[0]!.message.fr).toBe(
      'La question de sécurité « suicidal-thoughts » manque : elle ne peut pas être retirée d’un questionnaire de triage.',
    );
    const retyped = issuesOf(copyWith((c) => (group(c, 'emergency-heart-brain').item![0]!.type = 'string')));
    expect(retyped).toContainEqual(expect.objectContaining({ code: 'safety-item-changed', path: 'questionnaire.item[1].item[0]' }));
    const lessChoice = issuesOf(copyWith((c) => group(c, 'emergency-breathing').item![0]!.answerOption!.pop()));
    expect(lessChoice[0]!.message.en).toContain('must offer the codes severe');
    const hiddenGroup = issuesOf(
      copyWith(
        (c) => (group(c, 'emergency-breathing').enableWhen = [{ question: 'reason', operator: '=', answerCoding: { code: 'other' } }]),
      ),
    );
    expect(hiddenGroup.map((i) => i.code)).toContain('safety-item-changed');
    const gated = issuesOf(
      copyWith(
        (c) => (group(c, 'emergency-heart-brain').item![4]!.enableWhen = [{ question: 'chest-pain', operator: '=', answerBoolean: true }]),
      ),
    );
    expect(gated[0]!.message.en).toBe('The safety item "stroke-signs" must always be asked (no enableWhen).');
  });

  it('refuses a changed safety rule and rules naming unknown questions or reasons', () => {
    const weakened = issuesOf(copyWith((c) => (c.orientation.rules[0]!.outcome = 'teleconsultation')));
    expect(weakened[0]!.message.en).toBe('The safety rule "chest-pain-acute" cannot be changed.');
    const unknown = issuesOf(
      copyWith((c) =>
        c.orientation.rules.push({
          id: 'x',
          when: { answer: 'nowhere', equals: true },
          outcome: 'advice',
          severity: 'none',
          reason: 'nothing',
        }),
      ),
    );
    expect(unknown.map((i) => i.path)).toEqual([
      `orientation.rules[${DEFAULT_TRIAGE.orientation.rules.length}].reason`,
      `orientation.rules[${DEFAULT_TRIAGE.orientation.rules.length}].when`,
    ]);
  });

  it('refuses what is not a questionnaire, without throwing', () => {
    for (const input of [
      null,
      42,
      [],
      {},
      { questionnaire: { resourceType: 'Patient' } },
      { questionnaire: { resourceType: 'Questionnaire', item: [{}] } },
    ]) {
      expect(validateTriageQuestionnaire(input).ok).toBe(false);
    }
    const noVersion = issuesOf(copyWith((c) => delete (c.questionnaire as Partial<Questionnaire>).version));
    expect(noVersion[0]!.path).toBe('questionnaire.version');
  });
});

describe('a case and its answers', () => {
  const issues = (input: unknown) => {
    const parsed = parseTriageCase(input, DEFAULT_TRIAGE.questionnaire);
    return parsed.ok ? [] : parsed.issues.map((i) => [i.path, i.code]);
  };

  it('names the malformed answer by its linkId', () => {
    expect(issues({ patient: { age: 30 }, answers: { 'chest-pain': 'yes' } })).toEqual([['answers.chest-pain', 'invalid-value']]);
    expect(issues({ patient: { age: 30 }, answers: { 'chest-pain-minutes': 2.5 } })).toEqual([
      ['answers.chest-pain-minutes', 'invalid-value'],
    ]);
    expect(issues({ patient: { age: 30 }, answers: { breathing: 'gasping' } })).toEqual([['answers.breathing', 'invalid-value']]);
    expect(issues({ patient: { age: 30 }, answers: { 'fever-celsius': 380 } })).toEqual([['answers.fever-celsius', 'invalid-value']]);
    expect(issues({ patient: { age: 30 }, answers: { coughing: true } })).toEqual([['answers.coughing', 'unknown-field']]);
    expect(issues({ patient: { age: 30 }, answers: { request: true } })).toEqual([['answers.request', 'unknown-field']]);
  });

  it('names the malformed patient, age and fields', () => {
    expect(issues({ answers: {} })).toEqual([['patient', 'required']]);
    expect(issues({ patient: { age: -1 }, answers: {} })).toEqual([['patient.age', 'out-of-range']]);
    expect(issues({ patient: { age: 3.5, sex: 'X', name: 'Jo' }, answers: {} })).toEqual([
      ['patient.name', 'unknown-field'],
      ['patient.age', 'not-integer'],
      ['patient.sex', 'invalid-value'],
    ]);
    expect(issues({ patient: { age: 0 }, ageMonths: '2', answers: {}, extra: 1 })).toEqual([
      ['extra', 'unknown-field'],
      ['ageMonths', 'invalid-type'],
    ]);
    expect(issues([])).toEqual([['', 'invalid-type']]);
  });

  it('throws a TriageCaseError carrying the issues', () => {
    expect(() => orientCase({ patient: { age: 30 }, answers: { confusion: 1 } })).toThrow(TriageCaseError);
    expect(() => orientCase({ patient: { age: 30 }, answers: { confusion: 1 } })).toThrow(/answers\.confusion/);
  });
});
