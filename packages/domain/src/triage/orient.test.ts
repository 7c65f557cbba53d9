import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTIONNAIRE, DEFAULT_TRIAGE } from './default-questionnaire.js';
import { responseOf, translated, walkItems } from './engine.js';
import { ageInMonths, orient, orientCase, reasonText, rulesOf } from './orient.js';
import { EMERGENCY_NUMBERS, SAFETY_ITEMS } from './safety.js';
import type { Answers, TriagePatient } from './types.js';

const adult: TriagePatient = { age: 40, sex: 'F' };
const calm: Answers = { 'symptom-days': 2, 'can-use-video': true };
const oriented = (answers: Answers, patient: TriagePatient = adult) =>
  orientCase({
    patient: { age: patient.age, ...(patient.sex ? { sex: patient.sex } : {}) },
    ...(patient.ageMonths !== undefined ? { ageMonths: patient.ageMonths } : {}),
    answers,
  });

describe('red flags send to the 15 at once', () => {
  const redFlags: [string, Answers][] = [
    ['chest pain for 20 minutes', { 'chest-pain': true, 'chest-pain-minutes': 20 }],
    ['chest pain of 15 minutes exactly', { 'chest-pain': true, 'chest-pain-minutes': 15 }],
    ['brief chest pain spreading to the arm', { 'chest-pain': true, 'chest-pain-minutes': 2, 'chest-pain-radiates': true }],
    ['brief chest pain with sweating', { 'chest-pain': true, 'chest-pain-minutes': 2, 'chest-pain-with-symptoms': true }],
    ['chest pain of unknown duration', { 'chest-pain': true }],
    ['spreading chest pain, the question leading to it not given', { 'chest-pain-radiates': true }],
    ['stroke signs, even gone', { 'stroke-signs': true }],
    ['a sudden, violent headache', { 'sudden-severe-headache': true }],
    ['a loss of consciousness', { 'loss-of-consciousness': true }],
    ['new confusion', { confusion: true }],
    ['severe breathing difficulty', { breathing: 'severe' }],
    ['a severe allergy', { 'severe-allergy': true }],
    ['heavy bleeding', { 'heavy-bleeding': true }],
    ['a stiff neck or a rash that does not fade, with fever', { 'fever-celsius': 39, 'stiff-neck-or-rash': true }],
    ['a rash that does not fade, temperature not measured', { 'stiff-neck-or-rash': true }],
    ['severe abdominal pain', { 'abdominal-pain': 'severe' }],
    ['bleeding or pain during pregnancy', { pregnant: true, 'pregnancy-bleeding-or-pain': true }],
    ['hypothermia', { 'fever-celsius': 34.5 }],
    ['41 °C', { 'fever-celsius': 41 }],
  ];
  it.each(redFlags)('%s', (_name, answers) => {
    const orientation = oriented({ ...calm, ...answers });
    expect(orientation).toMatchObject({ outcome: 'emergency-15', severity: 'high' });
    for (const reason of orientation.reasons)
      expect(reasonText(DEFAULT_TRIAGE, reason)?.numbers).toEqual(expect.arrayContaining([...EMERGENCY_NUMBERS]));
  });

  it('gives the 3114 for suicidal thoughts, and the 15', () => {
    const orientation = oriented({ ...calm, 'suicidal-thoughts': true });
    expect(orientation.outcome).toBe('emergency-15');
    expect(reasonText(DEFAULT_TRIAGE, orientation.reasons[0]!)).toMatchObject({ numbers: ['3114', '15', '112', '114'] });
    expect(reasonText(DEFAULT_TRIAGE, orientation.reasons[0]!)!.fr).toContain('3114');
  });

  it('sends a baby under 3 months with a fever to the 15, from 38 °C', () => {
    expect(oriented({ 'fever-celsius': 38 }, { age: 0, ageMonths: 2 }).outcome).toBe('emergency-15');
    expect(oriented({ 'fever-celsius': 38 }, { age: 0 }).outcome).toBe('emergency-15'); // age 0 without months: the youngest
    expect(oriented({ 'fever-celsius': 35.8 }, { age: 0, ageMonths: 1 }).outcome).toBe('emergency-15');
  });

  it('stays with the 15 whatever else is answered, and the strictest wins', () => {
    const orientation = oriented({ 'needs-examination': true, 'can-use-video': false, 'needs-interpreter': true, confusion: true });
    expect(orientation.outcome).toBe('emergency-15');
    expect(orientation.flags).toEqual(expect.arrayContaining(['confusion', 'examination-needed', 'no-video', 'interpreter-needed']));
    expect(orientation.reasons).toEqual(['confusion']);
  });
});

describe('the other outcomes', () => {
  it('in person, today, for a brief chest pain', () => {
    expect(
      oriented({ 'chest-pain': true, 'chest-pain-minutes': 3, 'chest-pain-radiates': false, 'chest-pain-with-symptoms': false }),
    ).toMatchObject({
      outcome: 'in-person',
      severity: 'high',
      flags: ['chest-pain'],
    });
  });

  it('in person for what must be examined or a patient who cannot use a screen', () => {
    expect(oriented({ ...calm, 'needs-examination': true })).toMatchObject({ outcome: 'in-person', reasons: ['examination-needed'] });
    expect(oriented({ ...calm, 'can-use-video': false })).toMatchObject({ outcome: 'in-person', reasons: ['video-impossible'] });
  });

  it('in person for breathlessness, today with a fever', () => {
    expect(oriented({ breathing: 'short' })).toMatchObject({ outcome: 'in-person', severity: 'moderate' });
    expect(oriented({ breathing: 'short', 'fever-celsius': 38.5 })).toMatchObject({ outcome: 'in-person', severity: 'high' });
  });

  it('in person for a fever of a pregnant woman, of a baby under 6 months, after 75, or lasting 5 days', () => {
    expect(oriented({ pregnant: true, 'fever-celsius': 38.4 })).toMatchObject({ outcome: 'in-person', severity: 'high' });
    expect(oriented({ 'fever-celsius': 38.4 }, { age: 0, ageMonths: 4 })).toMatchObject({ outcome: 'in-person', severity: 'high' });
    expect(oriented({ 'fever-celsius': 38.4 }, { age: 80 })).toMatchObject({ outcome: 'in-person' });
    expect(oriented({ 'fever-celsius': 38.4, 'symptom-days': 5 })).toMatchObject({ outcome: 'in-person' });
    expect(oriented({ 'abdominal-pain': 'mild', 'fever-celsius': 38.4 })).toMatchObject({ outcome: 'in-person' });
    expect(oriented({ pregnant: true, 'abdominal-pain': 'mild' })).toMatchObject({ outcome: 'in-person', severity: 'high' });
  });

  it('in person for a baby under 3 months, even without fever', () => {
    expect(oriented({ 'symptom-days': 1 }, { age: 0, ageMonths: 1 })).toMatchObject({ outcome: 'in-person', flags: ['infant'] });
  });

  it('teleconsultation with nothing alarming, severity none, a default reason', () => {
    expect(oriented(calm)).toEqual({ outcome: 'teleconsultation', severity: 'none', flags: [], reasons: ['teleconsultation-suitable'] });
    expect(oriented({})).toMatchObject({ outcome: 'teleconsultation', severity: 'none' });
  });

  it('teleconsultation with flags for the practitioner: fever (moderate), pregnancy, interpreter, mild abdominal pain', () => {
    expect(oriented({ ...calm, 'fever-celsius': 38.6 })).toMatchObject({
      outcome: 'teleconsultation',
      severity: 'moderate',
      flags: ['fever'],
    });
    expect(oriented({ ...calm, pregnant: true, 'pregnancy-bleeding-or-pain': false }).flags).toEqual(['pregnancy']);
    expect(oriented({ ...calm, 'needs-interpreter': true }).flags).toEqual(['interpreter-needed']);
    expect(oriented({ ...calm, 'abdominal-pain': 'mild' }).flags).toEqual(['abdominal-pain']);
  });

  it('advice for a minor everyday problem of a few days, booking still possible; a fever makes it a teleconsultation', () => {
    const question = { ...calm, reason: 'minor-ailment' };
    const triage = DEFAULT_TRIAGE;
    const answers = { ...question };
    const advice = orient(triage, responseOf(DEFAULT_QUESTIONNAIRE, answers), adult);
    expect(advice).toMatchObject({ outcome: 'advice', severity: 'none', reasons: ['self-care'] });
    expect(reasonText(triage, 'self-care')!.fr).toMatch(/pharmacien/);
    expect(orient(triage, responseOf(DEFAULT_QUESTIONNAIRE, { ...answers, 'fever-celsius': 38.5 }), adult).outcome).toBe(
      'teleconsultation',
    );
    expect(orient(triage, responseOf(DEFAULT_QUESTIONNAIRE, answers), { age: 70 }).outcome).toBe('teleconsultation');
    expect(orient(triage, responseOf(DEFAULT_QUESTIONNAIRE, { ...answers, 'symptom-days': 10 }), adult).outcome).toBe('teleconsultation');
  });
});

describe('the questionnaire and the answers', () => {
  it('drops the follow-ups of a question answered no', () => {
    expect(oriented({ 'chest-pain': false, 'chest-pain-minutes': 60, 'chest-pain-radiates': true }).outcome).toBe('teleconsultation');
    expect(oriented({ pregnant: false, 'pregnancy-bleeding-or-pain': true }).outcome).toBe('teleconsultation');
  });

  it('reads the age in months, ageMonths first', () => {
    expect(ageInMonths({ age: 1, ageMonths: 14 })).toBe(14);
    expect(ageInMonths({ age: 3 })).toBe(36);
  });

  it('holds every safety item of the contract, in French with an English translation', () => {
    const items = new Map([...walkItems(DEFAULT_QUESTIONNAIRE.item)].map(({ item }) => [item.linkId, item]));
    for (const [linkId, safety] of Object.entries(SAFETY_ITEMS)) expect(items.get(linkId)?.type, linkId).toBe(safety.type);
    for (const linkId of ['reason', 'symptom-days', 'treatments', 'allergies', 'treating-doctor', 'residence', 'coverage', 'pregnant'])
      expect(items.has(linkId)).toBe(true);
    for (const item of items.values()) {
      const fr = translated(item, 'text', 'fr');
      const en = translated(item, 'text', 'en');
      expect(fr, item.linkId).toBeTruthy();
      expect(en, item.linkId).toBeTruthy();
      expect(en).not.toBe(fr);
      for (const option of item.answerOption ?? []) expect(translated(option.valueCoding!, 'display', 'en')).toBeTruthy();
    }
  });

  it('gives every reason a French and an English sentence', () => {
    for (const rule of rulesOf(DEFAULT_TRIAGE)) {
      if (!rule.reason) continue;
      const text = reasonText(DEFAULT_TRIAGE, rule.reason);
      expect(text?.fr, rule.id).toBeTruthy();
      expect(text?.en, rule.id).toBeTruthy();
      if (rule.outcome === 'emergency-15') expect(text!.numbers, rule.id).toContain('15');
    }
  });

  it('writes a QuestionnaireResponse naming the questionnaire’s version, in its groups', () => {
    const response = responseOf(DEFAULT_QUESTIONNAIRE, { 'chest-pain': true, 'chest-pain-minutes': 20, breathing: 'short' });
    expect(response.questionnaire).toBe('urn:parcours:questionnaire:pre-teleconsultation|1.0.0');
    expect(response.item).toEqual([
      {
        linkId: 'emergency-heart-brain',
        item: [
          { linkId: 'chest-pain', answer: [{ valueBoolean: true }] },
          { linkId: 'chest-pain-minutes', answer: [{ valueInteger: 20 }] },
        ],
      },
      {
        linkId: 'emergency-breathing',
        item: [{ linkId: 'breathing', answer: [{ valueCoding: expect.objectContaining({ code: 'short' }) }] }],
      },
    ]);
  });
});
