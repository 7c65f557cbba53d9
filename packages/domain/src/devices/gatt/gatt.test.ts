// Byte sequences written by hand from the Bluetooth SIG layouts (HTS, BLS, PLXS, WSS, GLS), little-endian.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFloat, decodeSfloat, encodeSfloat } from './ieee11073.js';
import {
  gattReadings,
  parseBloodPressureMeasurement,
  parseGattMeasurement,
  parseGlucoseMeasurement,
  parsePlxContinuous,
  parsePlxSpotCheck,
  parserOfCharacteristic,
  RACP_REPORT_LAST_RECORD,
  parseTemperatureMeasurement,
  parseWeightMeasurement,
} from './measurements.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
/** 2026-03-03 08:30:15 as a Date Time field: year (uint16), month, day, hours, minutes, seconds. */
const MARCH_3_0830 = [0xea, 0x07, 3, 3, 8, 30, 15];

describe('IEEE 11073 numbers', () => {
  it('decodes SFLOAT: exponent and mantissa signed', () => {
    expect(decodeSfloat(0x0072)).toBe(114);
    expect(decodeSfloat(0xf16d)).toBe(36.5);
    expect(decodeSfloat(0xe4e2)).toBe(12.5);
    expect(decodeSfloat(0x0fff)).toBe(-1);
    expect(decodeSfloat(0x2001)).toBe(100);
  });
  it('decodes the SFLOAT special values', () => {
    expect([0x07ff, 0x0800, 0x07fe, 0x0802, 0x0801].map(decodeSfloat)).toEqual(['NaN', 'NRes', '+INF', '-INF', 'reserved']);
  });
  it('decodes FLOAT and its special values', () => {
    expect(decodeFloat(0xff00016d)).toBe(36.5);
    expect(decodeFloat(0x00fffffb)).toBe(-5);
    expect(decodeFloat(0xfd0f4240)).toBe(1000);
    expect([0x007fffff, 0x00800000, 0x007ffffe, 0x00800002, 0x00800001].map(decodeFloat)).toEqual([
      'NaN',
      'NRes',
      '+INF',
      '-INF',
      'reserved',
    ]);
  });
  it('round-trips every SFLOAT mantissa and exponent, and decodes any 16 bits', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2045, max: 2045 }), fc.integer({ min: -8, max: 7 }), (mantissa, exponent) => {
        const value = exponent < 0 ? mantissa / 10 ** -exponent : mantissa * 10 ** exponent;
        const decoded = decodeSfloat(encodeSfloat(value, exponent));
        expect(decoded).toBeCloseTo(value, 10);
      }),
      { numRuns: 500 },
    );
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffff }), (raw) => ['number', 'string'].includes(typeof decodeSfloat(raw))));
  });
});

describe('Temperature Measurement 0x2A1C', () => {
  it('reads °C without options', () => {
    expect(parseTemperatureMeasurement(bytes(0x00, 0x6d, 0x01, 0x00, 0xff))).toEqual({
      ok: true,
      measurement: { profile: 'healthThermometer', values: [{ kind: 'bodyTemperature', value: 36.5, unit: 'Cel' }], details: {} },
    });
  });
  it('reads °F with a timestamp and the body site', () => {
    const result = parseTemperatureMeasurement(bytes(0x07, 0xda, 0x03, 0x00, 0xff, ...MARCH_3_0830, 0x03));
    expect(result).toMatchObject({
      ok: true,
      measurement: {
        values: [{ value: 98.6, unit: '[degF]' }],
        timestamp: { year: 2026, month: 3, day: 3, hours: 8, minutes: 30, seconds: 15 },
        details: { temperatureType: 'ear' },
      },
    });
    if (!result.ok) return;
    const [reading] = gattReadings(result.measurement, { identifier: 'thermo-1/7', receivedAt: new Date('2026-03-03T08:00:00Z') });
    expect(reading).toEqual({
      ok: true,
      reading: {
        kind: 'bodyTemperature',
        identifier: 'thermo-1/7#bodyTemperature',
        effective: '2026-03-03T08:30:15+01:00',
        at: Date.parse('2026-03-03T07:30:15Z'),
        value: 37,
        unit: 'Cel',
      },
    });
  });
  it('refuses NaN and a truncated value, naming the field', () => {
    expect(parseTemperatureMeasurement(bytes(0x00, 0xff, 0xff, 0x7f, 0x00))).toMatchObject({
      ok: false,
      issues: [{ field: 'temperature', code: 'special-value' }],
    });
    const short = parseTemperatureMeasurement(bytes(0x02, 0x6d, 0x01, 0x00, 0xff, 0xea, 0x07));
    expect(short).toEqual({
      ok: false,
      issues: [
        {
          field: 'timestamp',
          code: 'truncated',
          message: {
            fr: 'Mesure incomplète : les octets s’arrêtent dans le champ « timestamp ».',
            en: 'Incomplete measurement: the bytes end within the "timestamp" field.',
          },
        },
      ],
    });
  });
});

describe('Blood Pressure Measurement 0x2A35', () => {
  it('reads mmHg with MAP NaN, timestamp, pulse, user and status', () => {
    const result = parseBloodPressureMeasurement(
      bytes(0x1e, 0x79, 0x00, 0x51, 0x00, 0xff, 0x07, ...MARCH_3_0830, 0x48, 0x00, 0x01, 0x04, 0x00),
    );
    expect(result).toMatchObject({
      ok: true,
      measurement: {
        bloodPressure: { systolic: 121, diastolic: 81, meanArterial: 'NaN', unit: 'mm[Hg]' },
        values: [{ kind: 'heartRate', value: 72, unit: '/min' }],
        details: { userId: 1, irregularPulse: true, bodyMovement: false },
      },
    });
    if (!result.ok) return;
    const readings = gattReadings(result.measurement, { identifier: 'cuff-9/3', receivedAt: new Date('2026-03-03T08:00:00Z') });
    expect(readings).toMatchObject([
      { ok: true, reading: { kind: 'bloodPressure', systolic: 121, diastolic: 81, effective: '2026-03-03T08:30:15+01:00' } },
      { ok: true, reading: { kind: 'heartRate', value: 72, identifier: 'cuff-9/3#heartRate' } },
    ]);
  });
  it('converts kPa', () => {
    const result = parseBloodPressureMeasurement(bytes(0x01, 0xa0, 0xf0, 0x64, 0xf0, 0x78, 0xf0));
    expect(result).toMatchObject({
      ok: true,
      measurement: { bloodPressure: { systolic: 16, diastolic: 10, meanArterial: 12, unit: 'kPa' } },
    });
    if (!result.ok) return;
    expect(gattReadings(result.measurement, { identifier: 'c', receivedAt: new Date('2026-03-03T08:00:00Z') })).toMatchObject([
      { ok: true, reading: { systolic: 120, diastolic: 75, effective: '2026-03-03T09:00:00+01:00' } },
    ]);
  });
  it('refuses a systolic NaN and a missing pulse', () => {
    expect(parseBloodPressureMeasurement(bytes(0x00, 0xff, 0x07, 0x51, 0x00, 0xff, 0x07))).toMatchObject({
      ok: false,
      issues: [{ field: 'systolic', code: 'special-value' }],
    });
    expect(parseBloodPressureMeasurement(bytes(0x04, 0x79, 0x00, 0x51, 0x00, 0xff, 0x07, 0x48))).toMatchObject({
      ok: false,
      issues: [{ field: 'pulseRate', code: 'truncated' }],
    });
  });
});

describe('PLX Spot-check Measurement 0x2A5E', () => {
  it('reads SpO₂ and pulse rate', () => {
    expect(parsePlxSpotCheck(bytes(0x00, 0x61, 0x00, 0x44, 0x00))).toMatchObject({
      ok: true,
      measurement: {
        values: [
          { kind: 'spo2', value: 97, unit: '%' },
          { kind: 'heartRate', value: 68 },
        ],
      },
    });
  });
  it('reads every optional field, and drops the time of a clock never set', () => {
    const result = parsePlxSpotCheck(bytes(0x1f, 0x61, 0x00, 0xff, 0x07, ...MARCH_3_0830, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2d, 0xf0));
    expect(result).toMatchObject({
      ok: true,
      measurement: { values: [{ kind: 'spo2' }], details: { pulseRate: 'NaN', pulseAmplitudeIndex: 4.5, deviceClockNotSet: true } },
    });
    expect(result.ok ? result.measurement.timestamp : 'refused').toBeUndefined();
  });
  it('refuses a +INF saturation; the reading refuses an impossible one', () => {
    expect(parsePlxSpotCheck(bytes(0x00, 0xfe, 0x07, 0x44, 0x00))).toMatchObject({
      ok: false,
      issues: [{ field: 'spo2', code: 'special-value' }],
    });
    const result = parsePlxSpotCheck(bytes(0x00, 0x2c, 0x01, 0x44, 0x00));
    if (!result.ok) throw new Error('expected a measurement');
    expect(gattReadings(result.measurement, { identifier: 'ox', receivedAt: new Date() })[0]).toMatchObject({
      ok: false,
      issues: [{ path: 'value', code: 'impossible-value' }],
    });
  });
});

describe('Weight Measurement 0x2A9D', () => {
  it('reads kg at 0.005 kg resolution', () => {
    expect(parseWeightMeasurement(bytes(0x00, 0x14, 0x37))).toMatchObject({
      ok: true,
      measurement: { values: [{ kind: 'bodyWeight', value: 70.5, unit: 'kg' }] },
    });
  });
  it('reads timestamp, user, BMI and height', () => {
    expect(parseWeightMeasurement(bytes(0x0e, 0x14, 0x37, ...MARCH_3_0830, 0x02, 0xe6, 0x00, 0xd6, 0x06))).toMatchObject({
      ok: true,
      measurement: { timestamp: { year: 2026 }, details: { userId: 2, bmi: 23, heightMetres: 1.75 } },
    });
  });
  it('reads pounds at 0.01 lb and stores kilograms', () => {
    const result = parseWeightMeasurement(bytes(0x01, 0xb4, 0x3c));
    expect(result).toMatchObject({ ok: true, measurement: { values: [{ value: 155.4, unit: '[lb_av]' }] } });
    if (!result.ok) return;
    expect(gattReadings(result.measurement, { identifier: 's', receivedAt: new Date('2026-03-03T08:00:00Z') })[0]).toMatchObject({
      ok: true,
      reading: { value: 70.49, unit: 'kg' },
    });
  });
  it('refuses an unsuccessful measurement (0xFFFF)', () => {
    expect(parseWeightMeasurement(bytes(0x00, 0xff, 0xff))).toMatchObject({
      ok: false,
      issues: [{ field: 'weight', code: 'special-value' }],
    });
  });
});

describe('Glucose Measurement 0x2A18', () => {
  it('reads kg/L as mg/dL, with the time offset added to the base time', () => {
    const result = parseGlucoseMeasurement(bytes(0x03, 0x01, 0x00, 0xea, 0x07, 3, 3, 7, 0, 0, 0x1e, 0x00, 0x6e, 0xb0, 0x11));
    expect(result).toMatchObject({
      ok: true,
      measurement: {
        values: [{ kind: 'glucose', value: 110, unit: 'mg/dL' }],
        timestamp: { hours: 7, minutes: 30 },
        details: { sequenceNumber: 1, sampleType: 1, sampleLocation: 1 },
      },
    });
  });
  it('reads mol/L as mmol/L, converted to mg/dL in the reading; a negative offset crosses midnight', () => {
    const result = parseGlucoseMeasurement(bytes(0x07, 0x02, 0x00, 0xea, 0x07, 3, 3, 0, 10, 0, 0xec, 0xff, 0x37, 0xc0, 0x11));
    expect(result).toMatchObject({
      ok: true,
      measurement: { values: [{ value: 5.5, unit: 'mmol/L' }], timestamp: { day: 2, hours: 23, minutes: 50 } },
    });
    if (!result.ok) return;
    expect(gattReadings(result.measurement, { identifier: 'g/2', receivedAt: new Date('2026-03-03T08:00:00Z') })[0]).toMatchObject({
      ok: true,
      reading: { kind: 'glucose', value: 99.1, unit: 'mg/dL', effective: '2026-03-02T23:50:00+01:00' },
    });
  });
  it('gives no reading for a record without concentration, and refuses a truncated base time', () => {
    const result = parseGattMeasurement('glucose', bytes(0x00, 0x03, 0x00, 0xea, 0x07, 3, 3, 7, 0, 0));
    expect(result.ok && gattReadings(result.measurement, { identifier: 'g', receivedAt: new Date() })).toEqual([]);
    expect(parseGattMeasurement('glucose', bytes(0x00, 0x03, 0x00, 0xea))).toMatchObject({
      ok: false,
      issues: [{ field: 'baseTime', code: 'truncated' }],
    });
  });
});

describe('PLX Continuous Measurement 0x2A5F', () => {
  it('reads the normal SpO₂ and pulse rate, and the fast, slow, status and PAI fields after them', () => {
    const result = parsePlxContinuous(
      bytes(0x1f, 0x60, 0x00, 0x48, 0x00, 0x5f, 0x00, 0x4a, 0x00, 0x61, 0x00, 0x46, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x2d, 0xf0),
    );
    expect(result).toMatchObject({
      ok: true,
      measurement: {
        profile: 'pulseOximeter',
        values: [
          { kind: 'spo2', value: 96, unit: '%' },
          { kind: 'heartRate', value: 72, unit: '/min' },
        ],
        details: {
          continuous: true,
          spo2Fast: 95,
          pulseRateFast: 74,
          spo2Slow: 97,
          pulseRateSlow: 70,
          measurementStatus: 1,
          deviceAndSensorStatus: 2,
          pulseAmplitudeIndex: 4.5,
        },
      },
    });
  });
  it('reads the normal pair alone, and names the field the bytes end in', () => {
    expect(parsePlxContinuous(bytes(0x00, 0x62, 0x00, 0x3c, 0x00))).toMatchObject({
      ok: true,
      measurement: {
        values: [
          { kind: 'spo2', value: 98 },
          { kind: 'heartRate', value: 60 },
        ],
      },
    });
    expect(parsePlxContinuous(bytes(0x01, 0x62, 0x00, 0x3c, 0x00, 0x5f))).toMatchObject({
      ok: false,
      issues: [{ field: 'spo2Fast', code: 'truncated' }],
    });
  });
});

describe('characteristics by UUID', () => {
  it('finds the parser of each measurement characteristic a device notifies, and none for another', () => {
    // A cuff's notification: 120/80 mmHg, MAP 93, as the browser hands it over (a DataView).
    const cuff = new DataView(bytes(0x00, 0x78, 0x00, 0x50, 0x00, 0x5d, 0x00).buffer);
    expect(parserOfCharacteristic(0x2a35)?.(cuff)).toMatchObject({
      ok: true,
      measurement: { bloodPressure: { systolic: 120, diastolic: 80, unit: 'mm[Hg]' } },
    });
    expect(parserOfCharacteristic(0x2a5f)?.(bytes(0x00, 0x62, 0x00, 0x3c, 0x00))).toMatchObject({ ok: true });
    expect(parserOfCharacteristic(0x2a1c)?.(bytes(0x00, 0x6b, 0x01, 0x00, 0xff))).toMatchObject({
      ok: true,
      measurement: { values: [{ kind: 'bodyTemperature', value: 36.3, unit: 'Cel' }] },
    });
    for (const uuid of [0x2a9d, 0x2a18, 0x2a5e]) expect(parserOfCharacteristic(uuid)).toBeTypeOf('function');
    expect(parserOfCharacteristic(0x2a37)).toBeUndefined(); // heart rate measurement: not a health profile of ours
    expect(RACP_REPORT_LAST_RECORD).toEqual([0x01, 0x06]);
  });
});
