// Properties of the alert engine: the open alerts depend only on the set of readings (not on their
// order, nor on retries), and one alert at most per rule.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateAlerts } from './alerts.js';
import { defaultPlan, PROGRAMMES } from './programmes.js';
import type { Indication } from '../rules/types.js';
import type { Reading } from './readings.js';
import { pressure, scalar } from './testing/readings.js';

const START = Date.UTC(2026, 2, 1);
const HOUR = 3_600_000;
const NOW = new Date(START + 16 * 24 * HOUR);

/** Readings of every kind over 16 days, values around the thresholds; identifiers may repeat (retries). */
const readings: fc.Arbitrary<Reading[]> = fc.array(
  fc
    .record({
      id: fc.integer({ min: 0, max: 40 }),
      hour: fc.integer({ min: 0, max: 16 * 24 + 2 }),
      kind: fc.constantFrom('bodyWeight', 'spo2', 'glucose', 'oxygenUseHours', 'symptomGrade', 'heartRate', 'bloodPressure'),
      x: fc.integer({ min: 0, max: 100 }),
    })
    .map(({ id, hour, kind, x }): Reading => {
      const effective = new Date(START + hour * HOUR).toISOString();
      const identifier = `r${id}-${kind}-${hour}`;
      switch (kind) {
        case 'bodyWeight':
          return scalar(identifier, kind, effective, 68 + x / 20);
        case 'spo2':
          return scalar(identifier, kind, effective, 85 + x / 10);
        case 'glucose':
          return scalar(identifier, kind, effective, 50 + x * 2.5);
        case 'oxygenUseHours':
          return scalar(identifier, kind, effective, x / 5);
        case 'symptomGrade':
          return scalar(identifier, kind, effective, x % 5);
        case 'heartRate':
          return scalar(identifier, kind, effective, 50 + x);
        default:
          return pressure(identifier, effective, 80 + x * 1.2, 50 + x * 0.6);
      }
    }),
  { maxLength: 60 },
);
const indication = fc.constantFrom(...(Object.keys(PROGRAMMES) as Indication[]));

describe('evaluateAlerts properties', () => {
  it('gives the same open alerts whatever the order the readings arrive in, and with retries', () => {
    fc.assert(
      fc.property(indication, readings, fc.func(fc.integer()), fc.array(fc.nat(59), { maxLength: 5 }), (ind, list, rank, retries) => {
        const plan = defaultPlan(ind, { dryWeightKg: 70 });
        const shuffled = [...list].sort((a, b) => rank(a.identifier) - rank(b.identifier));
        const replayed = [...shuffled, ...retries.flatMap((i) => (list[i] ? [list[i]] : []))];
        const context = { since: new Date(START) };
        expect(evaluateAlerts(plan, replayed, NOW, context)).toEqual(evaluateAlerts(plan, list, NOW, context));
      }),
      { numRuns: 300 },
    );
  });

  it('opens at most one alert per rule, always the missing-data rule when nothing came for long', () => {
    fc.assert(
      fc.property(indication, readings, (ind, list) => {
        const alerts = evaluateAlerts(defaultPlan(ind, { dryWeightKg: 70 }), list, NOW, { since: new Date(START) });
        expect(new Set(alerts.map((a) => a.ruleId)).size).toBe(alerts.length);
        const far = new Date(NOW.getTime() + 30 * 24 * HOUR);
        expect(
          evaluateAlerts(defaultPlan(ind), list, far, { since: new Date(START) }).some(
            (a) => a.ruleId === 'missing-data' && a.level === 'urgent',
          ),
        ).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on readings after now', () => {
    fc.assert(
      fc.property(indication, readings, readings, (ind, past, future) => {
        const plan = defaultPlan(ind, { dryWeightKg: 70 });
        const later = future.map((r) => ({ ...r, identifier: `f-${r.identifier}`, at: NOW.getTime() + 1 + r.at - START }));
        expect(evaluateAlerts(plan, [...past, ...later], NOW)).toEqual(evaluateAlerts(plan, past, NOW));
      }),
      { numRuns: 200 },
    );
  });
});
