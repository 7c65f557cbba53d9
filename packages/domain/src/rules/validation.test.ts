// Malformed requests are refused with issues naming the field; well-formed ones get the defaults.
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.js';
import { parseRulesRequest, RulesRequestError, type RulesRequestIssue } from './validation.js';

const teleconsultation = {
  kind: 'teleconsultation',
  date: '2025-03-01',
  modality: 'video',
  practitioner: { profession: 'doctor' },
  patient: { age: 35 },
};

function issuesOf(input: unknown): RulesRequestIssue[] {
  const result = parseRulesRequest(input);
  if (result.ok) throw new Error('expected issues');
  return result.issues;
}

function thrownBy(input: unknown): RulesRequestError {
  try {
    evaluate(input);
  } catch (error) {
    if (error instanceof RulesRequestError) return error;
    throw error;
  }
  throw new Error('expected a RulesRequestError');
}

describe('parseRulesRequest', () => {
  it('fills the contract defaults of a teleconsultation', () => {
    const result = parseRulesRequest(teleconsultation);
    expect(result).toEqual({
      ok: true,
      request: {
        kind: 'teleconsultation',
        date: '2025-03-01',
        modality: 'video',
        completed: true,
        practitioner: {
          profession: 'doctor',
          specialty: 'general-practice',
          sector: 1,
          optam: false,
          isTreatingDoctor: false,
          local: true,
        },
        patient: { age: 35, treatingDoctor: 'referred', residence: 'home', livesInZip: false, coverage: [], participationsPaidThisYear: 0 },
        context: { emergency: false, sasReferral: false },
      },
    });
  });

  it('fills the defaults of the other kinds', () => {
    expect(parseRulesRequest({ kind: 'sick-leave', date: '2025-03-01', requestedDays: 2 })).toEqual({
      ok: true,
      request: {
        kind: 'sick-leave',
        date: '2025-03-01',
        prescriber: { isTreatingDoctor: false, isReferenceMidwife: false },
        requestedDays: 2,
        existingLeaveDays: 0,
        patientJustifiesNoInPersonAccess: false,
      },
    });
    expect(parseRulesRequest({ kind: 'telemonitoring', date: '2025-03-01', indication: 'diabetes', patient: { age: 50 } })).toEqual({
      ok: true,
      request: {
        kind: 'telemonitoring',
        date: '2025-03-01',
        indication: 'diabetes',
        level: 'standard',
        patient: { age: 50 },
        prescriber: { rhythmologyCompetent: false },
        operator: { declaredToArs: true },
      },
    });
  });

  it('refuses a request that is not an object', () => {
    for (const input of [null, 42, 'teleconsultation', [teleconsultation]]) {
      expect(issuesOf(input)).toEqual([expect.objectContaining({ path: '', code: 'invalid-type' })]);
    }
  });

  it('names the kind when it is missing or unknown', () => {
    expect(issuesOf({ date: '2025-03-01' })).toEqual([expect.objectContaining({ path: 'kind', code: 'required' })]);
    expect(issuesOf({ ...teleconsultation, kind: 'teleconsult' })).toEqual([
      expect.objectContaining({ path: 'kind', code: 'invalid-value' }),
    ]);
    expect(issuesOf({ ...teleconsultation, kind: 7 })).toEqual([expect.objectContaining({ path: 'kind', code: 'invalid-value' })]);
  });

  it('names a field of the wrong type', () => {
    expect(issuesOf({ ...teleconsultation, patient: { age: '35' } })).toEqual([
      expect.objectContaining({ path: 'patient.age', code: 'invalid-type' }),
    ]);
    expect(issuesOf({ ...teleconsultation, completed: 'yes' })).toEqual([
      expect.objectContaining({ path: 'completed', code: 'invalid-type' }),
    ]);
    expect(issuesOf({ ...teleconsultation, practitioner: { profession: 'doctor', sector: '1' } })).toEqual([
      expect.objectContaining({ path: 'practitioner.sector', code: 'invalid-type' }),
    ]);
    expect(issuesOf({ ...teleconsultation, patient: { age: 35, coverage: 'ald' } })).toEqual([
      expect.objectContaining({ path: 'patient.coverage', code: 'invalid-type' }),
    ]);
    expect(issuesOf({ ...teleconsultation, patient: { age: 35, coverage: ['ald', 'vip'] } })).toEqual([
      expect.objectContaining({ path: 'patient.coverage[1]', code: 'invalid-value' }),
    ]);
    expect(issuesOf({ ...teleconsultation, context: null })).toEqual([expect.objectContaining({ path: 'context', code: 'invalid-type' })]);
  });

  it('names a value outside its list', () => {
    expect(issuesOf({ ...teleconsultation, modality: 'fax' })).toEqual([
      expect.objectContaining({ path: 'modality', code: 'invalid-value' }),
    ]);
    expect(issuesOf({ ...teleconsultation, practitioner: { profession: 'nurse' } })).toEqual([
      expect.objectContaining({ path: 'practitioner.profession', code: 'invalid-value' }),
    ]);
  });

  it('names an unknown field at every level', () => {
    expect(issuesOf({ ...teleconsultation, urgent: true })).toEqual([expect.objectContaining({ path: 'urgent', code: 'unknown-field' })]);
    expect(issuesOf({ ...teleconsultation, patient: { age: 35, name: 'Camille' } })).toEqual([
      expect.objectContaining({ path: 'patient.name', code: 'unknown-field' }),
    ]);
    expect(issuesOf({ ...teleconsultation, practitioner: { profession: 'doctor', company: { approved: true, siret: '1' } } })).toEqual([
      expect.objectContaining({ path: 'practitioner.company.siret', code: 'unknown-field' }),
    ]);
    expect(issuesOf({ kind: 'identifier', system: 'nir', value: '1', date: '2025-03-01' })).toEqual([
      expect.objectContaining({ path: 'date', code: 'unknown-field' }),
    ]);
    expect(issuesOf(JSON.parse('{"kind":"identifier","system":"nir","value":"1","__proto__":{"x":1}}'))).toEqual([
      expect.objectContaining({ path: '__proto__', code: 'unknown-field' }),
    ]);
  });

  it('names a missing required field', () => {
    expect(issuesOf({ kind: 'teleconsultation', date: '2025-03-01', modality: 'video', practitioner: { profession: 'doctor' } })).toEqual([
      expect.objectContaining({ path: 'patient', code: 'required' }),
    ]);
    expect(issuesOf({ ...teleconsultation, patient: {} })).toEqual([expect.objectContaining({ path: 'patient.age', code: 'required' })]);
  });

  it('refuses impossible ages', () => {
    expect(issuesOf({ ...teleconsultation, patient: { age: -1 } })).toEqual([
      expect.objectContaining({ path: 'patient.age', code: 'out-of-range' }),
    ]);
    expect(issuesOf({ ...teleconsultation, patient: { age: 131 } })).toEqual([
      expect.objectContaining({ path: 'patient.age', code: 'out-of-range' }),
    ]);
    expect(issuesOf({ ...teleconsultation, patient: { age: 35.5 } })).toEqual([
      expect.objectContaining({ path: 'patient.age', code: 'not-integer' }),
    ]);
    expect(issuesOf({ ...teleconsultation, patient: { age: Number.NaN } })).toEqual([
      expect.objectContaining({ path: 'patient.age', code: 'invalid-type' }),
    ]);
    expect(issuesOf({ kind: 'telemonitoring', date: '2025-03-01', indication: 'diabetes', patient: { age: 200 } })).toEqual([
      expect.objectContaining({ path: 'patient.age', code: 'out-of-range' }),
    ]);
    expect(parseRulesRequest({ ...teleconsultation, patient: { age: 0 } }).ok).toBe(true);
    expect(parseRulesRequest({ ...teleconsultation, patient: { age: 130 } }).ok).toBe(true);
  });

  it('refuses impossible dates and badly written ones', () => {
    for (const bad of [
      '2025-02-30',
      '2023-02-29',
      '2025-13-01',
      '2025-00-10',
      '2025-04-31',
      '2025-3-1',
      '01/03/2025',
      '2025-03-01T10:00',
      '20250301',
      '',
    ]) {
      expect(issuesOf({ ...teleconsultation, date: bad }), bad).toEqual([expect.objectContaining({ path: 'date', code: 'invalid-date' })]);
    }
    expect(issuesOf({ ...teleconsultation, patient: { age: 35, lastInPersonVisit: '2024-02-30' } })).toEqual([
      expect.objectContaining({ path: 'patient.lastInPersonVisit', code: 'invalid-date' }),
    ]);
    expect(issuesOf({ ...teleconsultation, date: 20250301 })).toEqual([expect.objectContaining({ path: 'date', code: 'invalid-type' })]);
    expect(parseRulesRequest({ ...teleconsultation, date: '2024-02-29' }).ok).toBe(true);
  });

  it('refuses bad times', () => {
    for (const bad of ['24:00', '9:30', '09:60', '21h30', '21:30:00']) {
      expect(issuesOf({ ...teleconsultation, time: bad }), bad).toEqual([expect.objectContaining({ path: 'time', code: 'invalid-time' })]);
    }
    expect(parseRulesRequest({ ...teleconsultation, time: '23:59' }).ok).toBe(true);
  });

  it('tells each issue in its own words, in French and English, from what the field expects', () => {
    expect(issuesOf({ ...teleconsultation, patient: { age: 131 } })[0]!.message).toEqual({
      fr: '« patient.age » doit être compris entre 0 et 130.',
      en: '"patient.age" must be between 0 and 130.',
    });
    expect(issuesOf({ ...teleconsultation, date: 20250301 })[0]!.message.en).toBe('"date" must be a date string YYYY-MM-DD.');
    expect(issuesOf({ ...teleconsultation, date: '1899-12-31' })[0]).toMatchObject({
      code: 'invalid-date',
      message: { en: '"date" must be a real calendar day written YYYY-MM-DD (years 1900 to 2199).' },
    });
    expect(issuesOf({ ...teleconsultation, practitioner: { profession: 'doctor', sector: 3 } })[0]!.message.fr).toBe(
      '« practitioner.sector » doit valoir l’un de : 1, 2.',
    );
    expect(issuesOf({ ...teleconsultation, patient: { age: 35, coverage: Array(21).fill('ald') } })[0]).toMatchObject({
      path: 'patient.coverage',
      code: 'out-of-range',
    });
    expect(issuesOf({ kind: 'identifier', system: 'nir', value: 'x'.repeat(65) })[0]).toMatchObject({
      path: 'value',
      code: 'out-of-range',
    });
    expect(issuesOf({ date: '2025-03-01' })[0]!.message.en).toBe('"kind" is required.');
  });

  it('keeps a repeated coverage once', () => {
    const result = parseRulesRequest({ ...teleconsultation, patient: { age: 35, coverage: ['ald', 'css', 'ald'] } });
    expect(result.ok && result.request.kind === 'teleconsultation' && result.request.patient.coverage).toEqual(['ald', 'css']);
  });

  it('reports every issue at once, with a French and an English message', () => {
    const issues = issuesOf({ ...teleconsultation, modality: 'fax', patient: { age: -3, foo: 1 } });
    expect(issues.map((i) => i.path).sort()).toEqual(['modality', 'patient.age', 'patient.foo']);
    for (const issue of issues) {
      expect(issue.message.fr).toContain(issue.path);
      expect(issue.message.en).toContain(issue.path);
    }
  });
});

describe('evaluate on malformed input', () => {
  it('throws a RulesRequestError naming the field', () => {
    const error = thrownBy({ ...teleconsultation, patient: { age: 'old' } });
    expect(error.issues).toEqual([expect.objectContaining({ path: 'patient.age', code: 'invalid-type' })]);
    expect(error.message).toContain('patient.age');
    expect(error.name).toBe('RulesRequestError');
  });

  it('throws for a wrong kind, an unknown field and an impossible date', () => {
    expect(thrownBy({ ...teleconsultation, kind: 'consultation' }).issues[0]!.path).toBe('kind');
    expect(thrownBy({ ...teleconsultation, extra: 1 }).issues[0]!.path).toBe('extra');
    expect(thrownBy({ kind: 'sick-leave', date: '2025-02-30', requestedDays: 3 }).issues[0]!.path).toBe('date');
    expect(
      thrownBy({ kind: 'activity-cap', date: '2025-03-01', specialty: 'general-practice', teleconsultationShare: 1.5 }).issues[0]!.path,
    ).toBe('teleconsultationShare');
  });
});
