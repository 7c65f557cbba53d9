import { describe, expect, it } from 'vitest';
import { indexItems, isAnswerable, translated } from '../triage/engine.js';
import { evaluateAlerts } from './alerts.js';
import { checkOncologyAnswers, ONCOLOGY_ANSWERS_WITHOUT_SYMPTOMS, ONCOLOGY_QUESTIONNAIRE, scoreOncologyQuestionnaire } from './oncology.js';
import { defaultPlan } from './programmes.js';
import { day, scalar } from './testing/readings.js';

/** A week without symptoms; each test changes what it is about. */
const calm = ONCOLOGY_ANSWERS_WITHOUT_SYMPTOMS;

describe('the oncology symptom questionnaire', () => {
  it('is a questionnaire of the triage format, French with English translations, every question answerable', () => {
    const { questionnaire } = ONCOLOGY_QUESTIONNAIRE;
    expect(questionnaire).toMatchObject({ resourceType: 'Questionnaire', status: 'active', language: 'fr' });
    const questions = [...indexItems(questionnaire).byLinkId.values()].filter(isAnswerable);
    expect(questions.map((q) => q.linkId).sort()).toEqual(
      ['bleeding', 'diarrhoea', 'dyspnoea', 'fatigue', 'fever', 'mucositis', 'pain', 'temperature', 'vomiting'].sort(),
    );
    for (const question of questions) expect(translated(question, 'text', 'en')).not.toBe(question.text);
    expect(checkOncologyAnswers(calm)).toEqual([]);
  });

  it('names what is missing or wrong, field by field', () => {
    const { fever: _, ...noFever } = calm;
    expect(checkOncologyAnswers(noFever).map((i) => [i.path, i.code])).toEqual([['answers.fever', 'required']]);
    expect(checkOncologyAnswers({ ...calm, pain: 11 }).map((i) => [i.path, i.code])).toEqual([['answers.pain', 'invalid-value']]);
    expect(checkOncologyAnswers({ ...calm, vomiting: 'often' }).map((i) => i.path)).toEqual(['answers.vomiting']);
    expect(checkOncologyAnswers({ ...calm, mood: 'low' }).map((i) => [i.path, i.code])).toEqual([['answers.mood', 'unknown-field']]);
  });

  it('scores a calm week grade 0: no alert', () => {
    expect(scoreOncologyQuestionnaire(calm)).toEqual({ grade: 0, findings: [] });
  });

  it('makes fever of 38 °C or more urgent (febrile neutropenia risk), said or measured', () => {
    const said = scoreOncologyQuestionnaire({ ...calm, fever: true });
    expect(said).toMatchObject({ grade: 3, level: 'urgent', findings: [{ symptom: 'fever', grade: 3 }] });
    expect(said.findings[0]!.message.fr).toMatch(/neutropénie fébrile/);
    const measured = scoreOncologyQuestionnaire({ ...calm, fever: true, temperature: 38.6 });
    expect(measured.findings[0]!.message.fr).toContain('38,6 °C');
    expect(measured.findings[0]!.message.en).toContain('38.6 °C');
    // A temperature given to a question not shown (no fever said) is dropped, not acted on.
    expect(scoreOncologyQuestionnaire({ ...calm, temperature: 39 })).toMatchObject({ grade: 0 });
  });

  it('grades each symptom after CTCAE and keeps the highest: 1 info, 2 warning, 3 urgent', () => {
    expect(scoreOncologyQuestionnaire({ ...calm, fatigue: 'relieved-by-rest' })).toMatchObject({ grade: 1, level: 'info' });
    expect(scoreOncologyQuestionnaire({ ...calm, pain: 3 })).toMatchObject({ grade: 1, level: 'info' });
    expect(scoreOncologyQuestionnaire({ ...calm, pain: 5 })).toMatchObject({ grade: 2, level: 'warning' });
    expect(scoreOncologyQuestionnaire({ ...calm, diarrhoea: '4-6', vomiting: '1-2' })).toMatchObject({
      grade: 2,
      level: 'warning',
      findings: [
        { symptom: 'diarrhoea', grade: 2 },
        { symptom: 'vomiting', grade: 1 },
      ],
    });
    for (const severe of [
      { dyspnoea: 'rest' },
      { bleeding: 'major' },
      { diarrhoea: '7+' },
      { vomiting: '6+' },
      { mucositis: 'severe' },
      { pain: 8 },
      { fatigue: 'limits-self-care' },
    ])
      expect(scoreOncologyQuestionnaire({ ...calm, ...severe })).toMatchObject({ grade: 3, level: 'urgent' });
    const many = scoreOncologyQuestionnaire({ ...calm, pain: 4, mucositis: 'mild', fever: true });
    expect(many.findings.map((f) => f.symptom)).toEqual(['fever', 'pain', 'mucositis']);
    expect(many.findings[1]!.message.fr).toBe('Douleur (4/10) : grade 2.');
  });

  it('raises the level of its score through the programme’s rule, as a symptomGrade reading', () => {
    const plan = defaultPlan('oncology');
    for (const [answers, level] of [
      [{ ...calm, fatigue: 'relieved-by-rest' }, 'info'],
      [{ ...calm, mucositis: 'moderate' }, 'warning'],
      [{ ...calm, fever: true }, 'urgent'],
    ] as const) {
      const { grade } = scoreOncologyQuestionnaire(answers);
      const alerts = evaluateAlerts(plan, [scalar('q1', 'symptomGrade', day(3), grade)], new Date(day(3, 9)));
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ ruleId: 'symptom-grade-high', level, evidence: ['q1'] });
    }
  });
});
