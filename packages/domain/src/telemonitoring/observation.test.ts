import type { Observation } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { interpretationFor } from './alerts.js';
import { normaliseReading, parseObservation, readingToObservation } from './observation.js';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';

function observation(code: string, value: number, unit: string, extra: Partial<Observation> = {}): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    identifier: [{ system: 'urn:device:scale-1', value: 'm-42' }],
    code: { coding: [{ system: LOINC, code }] },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: '2025-06-17T08:00:00+02:00',
    valueQuantity: { value, unit, system: UCUM, code: unit },
    ...extra,
  };
}

function bloodPressure(systolic: number, diastolic: number, unit = 'mm[Hg]'): Observation {
  const { valueQuantity: _, ...rest } = observation('85354-9', 0, unit);
  return {
    ...rest,
    component: [
      { code: { coding: [{ system: LOINC, code: '8480-6' }] }, valueQuantity: { value: systolic, system: UCUM, code: unit } },
      { code: { coding: [{ system: LOINC, code: '8462-4' }] }, valueQuantity: { value: diastolic, system: UCUM, code: unit } },
    ],
  };
}

describe('parseObservation', () => {
  it('reads the interop example: a body weight in kg', () => {
    expect(parseObservation(observation('29463-7', 62, 'kg'))).toEqual({
      ok: true,
      reading: {
        kind: 'bodyWeight',
        identifier: 'urn:device:scale-1|m-42',
        effective: '2025-06-17T08:00:00+02:00',
        at: Date.parse('2025-06-17T06:00:00Z'),
        value: 62,
        unit: 'kg',
      },
    });
  });

  it.each([
    ['59408-5', 94, '%', 'spo2', 94],
    ['8867-4', 72, '/min', 'heartRate', 72],
    ['2339-0', 110, 'mg/dL', 'glucose', 110],
    ['15074-8', 5.5, 'mmol/L', 'glucose', 99.1],
    ['2339-0', 1.1, 'g/L', 'glucose', 110],
    ['8310-5', 37.2, 'Cel', 'bodyTemperature', 37.2],
    ['8310-5', 98.6, '[degF]', 'bodyTemperature', 37],
    ['29463-7', 154, '[lb_av]', 'bodyWeight', 69.85],
  ])('reads LOINC %s (%s %s) as %s, canonical value %s', (code, value, unit, kind, canonical) => {
    const result = parseObservation(observation(code, value, unit));
    expect(result).toMatchObject({ ok: true, reading: { kind, value: canonical } });
  });

  it('reads a blood pressure panel from its components, converting kPa', () => {
    expect(parseObservation(bloodPressure(128, 82))).toMatchObject({
      ok: true,
      reading: { kind: 'bloodPressure', systolic: 128, diastolic: 82, unit: 'mm[Hg]' },
    });
    expect(parseObservation(bloodPressure(16, 10, 'kPa'))).toMatchObject({ ok: true, reading: { systolic: 120, diastolic: 75 } });
  });

  it('refuses an unknown code, naming the field in both languages', () => {
    const result = parseObservation(observation('1234-5', 1, 'kg'));
    expect(result).toMatchObject({ ok: false, issues: [{ path: 'code.coding', code: 'unknown-code' }] });
    if (!result.ok) {
      expect(result.issues[0]!.message.fr).toContain('code inconnu (http://loinc.org|1234-5)');
      expect(result.issues[0]!.message.en).toContain('unknown code (http://loinc.org|1234-5)');
    }
  });

  it('refuses an unknown unit', () => {
    const result = parseObservation(observation('29463-7', 62, 'stone'));
    expect(result).toMatchObject({ ok: false, issues: [{ path: 'valueQuantity.code', code: 'unknown-unit' }] });
    if (!result.ok)
      expect(result.issues[0]!.message.en).toBe(
        '"valueQuantity.code": unit "stone" is unknown for body weight (expected: kg, g, [lb_av]).',
      );
  });

  it('refuses physiologically impossible values', () => {
    const spo2 = parseObservation(observation('59408-5', 130, '%'));
    expect(spo2).toMatchObject({ ok: false, issues: [{ path: 'valueQuantity.value', code: 'impossible-value' }] });
    if (!spo2.ok) {
      expect(spo2.issues[0]!.message).toEqual({
        fr: '« valueQuantity.value » : 130 % est impossible pour saturation en oxygène (SpO₂) (attendu 50–100 %).',
        en: '"valueQuantity.value": 130 % is impossible for oxygen saturation (SpO₂) (expected 50–100 %).',
      });
    }
    // 62 g typed for 62 kg: 0.062 kg.
    expect(parseObservation(observation('29463-7', 62, 'g'))).toMatchObject({ ok: false, issues: [{ code: 'impossible-value' }] });
    expect(parseObservation(bloodPressure(80, 120))).toMatchObject({
      ok: false,
      issues: [{ path: 'component[1].valueQuantity.value', code: 'impossible-value' }],
    });
    expect(parseObservation(bloodPressure(400, 80))).toMatchObject({ ok: false, issues: [{ path: 'component[0].valueQuantity.value' }] });
  });

  it('refuses a missing identifier, a wall time without offset, a reading from the future and a wrong status', () => {
    const result = parseObservation(
      observation('29463-7', 62, 'kg', { identifier: [], effectiveDateTime: '2025-06-17T08:00:00', status: 'preliminary' }),
    );
    expect(result.ok ? [] : result.issues.map((i) => `${i.path}:${i.code}`)).toEqual([
      'status:invalid-status',
      'identifier:required',
      'effectiveDateTime:invalid-time',
    ]);
    const future = parseObservation(observation('29463-7', 62, 'kg'), { now: new Date('2025-06-17T05:00:00Z') });
    expect(future).toMatchObject({ ok: false, issues: [{ path: 'effectiveDateTime', code: 'invalid-time' }] });
  });

  it('refuses what is not an Observation, and a missing component', () => {
    expect(parseObservation({ resourceType: 'Patient' })).toMatchObject({ ok: false, issues: [{ path: 'resourceType' }] });
    expect(parseObservation(null)).toMatchObject({ ok: false });
    const missing = bloodPressure(120, 80);
    missing.component = missing.component!.slice(0, 1);
    expect(parseObservation(missing)).toMatchObject({ ok: false, issues: [{ path: 'component', code: 'required' }] });
    const noValue = observation('29463-7', 62, 'kg');
    delete noValue.valueQuantity;
    expect(parseObservation(noValue)).toMatchObject({ ok: false, issues: [{ path: 'valueQuantity', code: 'required' }] });
  });
});

describe('readingToObservation', () => {
  it('writes an Observation that parses back to the same reading, with its interpretation', () => {
    for (const source of [observation('29463-7', 62, 'kg'), bloodPressure(150, 95), observation('15074-8', 5.5, 'mmol/L')]) {
      const parsed = parseObservation(source);
      if (!parsed.ok) throw new Error('expected a reading');
      const written = readingToObservation(parsed.reading, { reference: 'Patient/p1' }, interpretationFor('warning', 'high'));
      expect(written.interpretation![0]!.coding![0]!.code).toBe('H');
      expect(parseObservation(written)).toEqual(parsed);
    }
  });
  it('normalises a reading typed in by hand', () => {
    expect(
      normaliseReading({ kind: 'symptomGrade', identifier: 'q1', effective: '2025-06-17T08:00:00Z', value: 2.5, unit: '{grade}' }),
    ).toMatchObject({
      ok: false,
      issues: [{ path: 'value', code: 'impossible-value' }],
    });
  });
});
