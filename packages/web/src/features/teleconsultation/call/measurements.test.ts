import { parseBloodPressureMeasurement, parsePlxSpotCheck } from '@parcours/domain';
import { describe, expect, it } from 'vitest';
import { deviceRequests, formatMeasurement, typedRequest, unitsOf } from './measurements.js';

// What the server accepts as an identifier (assist-schemas.ts).
const IDENTIFIER = /^[A-Za-z0-9_.:-]{8,100}$/;

describe('a measurement typed by the assistant', () => {
  it('becomes the request the server takes, in the unit chosen', () => {
    const checked = typedRequest({ kind: 'glucose', unit: 'mmol/L', value: 6.2 }, '0b6a7d4e-5f1c-4c2a-9e3d-7a8b9c0d1e2f');
    expect(checked).toMatchObject({ request: { kind: 'glucose', value: 6.2, unit: 'mmol/L', source: 'typed' } });
    expect(unitsOf('bodyTemperature')).toEqual(['Cel', '[degF]']);
  });
  it('is refused on the page, by field, as the server would: impossible, inverted, or missing', () => {
    const id = '0b6a7d4e-5f1c-4c2a-9e3d-7a8b9c0d1e2f';
    const impossible = typedRequest({ kind: 'bloodPressure', unit: 'mm[Hg]', systolic: 420, diastolic: 91 }, id);
    expect('issues' in impossible && impossible.issues.map((i) => i.path)).toEqual(['systolic']);
    const inverted = typedRequest({ kind: 'bloodPressure', unit: 'mm[Hg]', systolic: 80, diastolic: 120 }, id);
    expect('issues' in inverted && inverted.issues.map((i) => i.path)).toEqual(['diastolic']);
    const empty = typedRequest({ kind: 'bodyTemperature', unit: 'Cel', value: '' }, id);
    expect('issues' in empty && empty.issues.map((i) => [i.path, i.code])).toEqual([['value', 'invalid-type']]);
  });
});

describe('a measurement read from a Bluetooth device', () => {
  it('gives a cuff’s pressure and pulse as two requests, with identifiers the server accepts', () => {
    // 0x2A35, flags 0x04 (pulse present): 142/91 mmHg, MAP NaN, pulse 72.
    const cuff = parseBloodPressureMeasurement(Uint8Array.of(0x04, 0x8e, 0x00, 0x5b, 0x00, 0xff, 0x07, 0x48, 0x00));
    if (!cuff.ok) throw new Error('expected a measurement');
    const { requests, issues } = deviceRequests(cuff.measurement, 'A&D UA-651');
    expect(issues).toEqual([]);
    expect(requests).toMatchObject([
      { kind: 'bloodPressure', systolic: 142, diastolic: 91, unit: 'mm[Hg]', source: 'bluetooth', device: 'A&D UA-651' },
      { kind: 'heartRate', value: 72, unit: '/min', source: 'bluetooth' },
    ]);
    for (const request of requests) expect(request.identifier).toMatch(IDENTIFIER);
    expect(new Set(requests.map((r) => r.identifier)).size).toBe(2);
  });
  it('leaves out a reading the rules refuse, and says so', () => {
    // An oximeter's spot check of 30 % (impossible) with a pulse of 68.
    const spot = parsePlxSpotCheck(Uint8Array.of(0x00, 0x1e, 0x00, 0x44, 0x00));
    if (!spot.ok) throw new Error('expected a measurement');
    const { requests, issues } = deviceRequests(spot.measurement, '');
    expect(requests.map((r) => r.kind)).toEqual(['heartRate']);
    expect(issues.map((i) => i.code)).toEqual(['impossible-value']);
  });
});

it('reads a measurement as a person does', () => {
  expect(formatMeasurement({ kind: 'bloodPressure', value: null, systolic: 142, diastolic: 91, unit: 'mm[Hg]' }, 'fr')).toBe('142/91 mmHg');
  expect(formatMeasurement({ kind: 'bodyTemperature', value: 38.25, systolic: null, diastolic: null, unit: 'Cel' }, 'fr')).toBe('38,3 °C');
  expect(formatMeasurement({ kind: 'bodyTemperature', value: 38.25, systolic: null, diastolic: null, unit: 'Cel' }, 'en')).toBe('38.3 °C');
});
