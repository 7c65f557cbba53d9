import { describe, expect, it } from 'vitest';
import { evaluateAlerts, interpretReading, interpretationFor } from './alerts.js';
import { applyOverrides, defaultPlan, PROGRAMMES, type MonitoringPlan } from './programmes.js';
import { escalationDueAt, isEscalationDue } from './escalation.js';
import { isSnoozed, nextSnoozeStep, snoozeAlert } from './snooze.js';
import { day, pressure, scalar } from './testing/readings.js';

const at = (iso: string): Date => new Date(iso);
const ids = (alerts: { ruleId: string }[]): string[] => alerts.map((a) => a.ruleId);

describe('heart failure', () => {
  const plan = defaultPlan('heart-failure');

  it('raises an urgent alert for a gain of 2.5 kg in 2 days', () => {
    const readings = [
      scalar('w1', 'bodyWeight', day(1), 70),
      scalar('w2', 'bodyWeight', day(2), 71),
      scalar('w3', 'bodyWeight', day(3), 72.5),
    ];
    const [alert] = evaluateAlerts(plan, readings, at(day(3, 9)));
    expect(alert).toMatchObject({ ruleId: 'weight-gain', level: 'urgent', direction: 'high', observed: 2.5, evidence: ['w1', 'w3'] });
    expect(alert!.message.fr).toBe('Poids : +2,5 kg en 48 h (seuil +2 kg en 48 h).');
    expect(alert!.message.en).toBe('Body weight: +2.5 kg in 48 h (threshold +2 kg in 48 h).');
  });

  it('says nothing for 2 kg gained over 3 days, nor 1.9 kg in 2 days', () => {
    const slow = [scalar('w1', 'bodyWeight', day(1), 70), scalar('w2', 'bodyWeight', day(2), 70.9), scalar('w3', 'bodyWeight', day(4), 72)];
    expect(evaluateAlerts(plan, slow, at(day(4, 9)))).toEqual([]);
    const small = [scalar('w1', 'bodyWeight', day(1), 70), scalar('w2', 'bodyWeight', day(3), 71.9)];
    expect(evaluateAlerts(plan, small, at(day(3, 9)))).toEqual([]);
  });

  it('places a late reading by its own time: a weighing sent two days late still shows the gain', () => {
    const readings = [
      scalar('w3', 'bodyWeight', day(3), 72.5),
      scalar('w2', 'bodyWeight', day(2), 71),
      scalar('w1', 'bodyWeight', day(1), 70),
    ];
    expect(ids(evaluateAlerts(plan, readings, at(day(3, 9))))).toEqual(['weight-gain']);
  });

  it('keeps one alert per rule however many readings hold it open (de-duplication)', () => {
    const readings = [
      scalar('w1', 'bodyWeight', day(1), 70),
      scalar('w2', 'bodyWeight', day(2, 8), 72.1),
      scalar('w2b', 'bodyWeight', day(2, 20), 72.4),
      scalar('w3', 'bodyWeight', day(3), 72.8),
      scalar('w3', 'bodyWeight', day(3), 72.8),
    ];
    const alerts = evaluateAlerts(plan, readings, at(day(3, 9)));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ since: day(2, 8), lastEvidenceAt: day(3), observed: 2.8 });
  });

  it('ignores readings after now', () => {
    const readings = [scalar('w1', 'bodyWeight', day(1), 70), scalar('w3', 'bodyWeight', day(3), 73)];
    expect(evaluateAlerts(plan, readings, at(day(2)))).toEqual([]);
  });
});

describe('the missing-data rule', () => {
  const plan = defaultPlan('heart-failure');

  it('warns after 36 h without a daily weight and turns urgent after 72 h', () => {
    const readings = [scalar('w1', 'bodyWeight', day(1), 70)];
    expect(evaluateAlerts(plan, readings, at(day(2, 19)))).toEqual([]);
    expect(evaluateAlerts(plan, readings, at(day(2, 21)))[0]).toMatchObject({
      ruleId: 'missing-data',
      level: 'warning',
      since: day(2, 20),
    });
    const [urgent] = evaluateAlerts(plan, readings, at(day(4, 9)));
    expect(urgent).toMatchObject({ level: 'urgent', observed: 73 });
    expect(urgent!.message).toEqual({ fr: 'Données non transmises depuis 73 h : poids.', en: 'No data received for 73 h: body weight.' });
  });

  it('counts from the start of monitoring when nothing has come', () => {
    expect(evaluateAlerts(plan, [], at(day(3)), { since: at(day(1)) })[0]).toMatchObject({ level: 'warning' });
    expect(evaluateAlerts(plan, [], at(day(3)))).toEqual([]);
  });

  it('cannot be switched off, nor postponed beyond the bound', () => {
    const off = applyOverrides(PROGRAMMES['heart-failure'], { rules: { 'missing-data': { enabled: false } } });
    expect(off).toMatchObject({ ok: false, issues: [{ path: 'rules.missing-data.enabled', code: 'cannot-disable' }] });
    const late = applyOverrides(PROGRAMMES['heart-failure'], {
      rules: { 'missing-data': { warningAfterHours: 24, urgentAfterHours: 10_000 } },
    });
    expect(late).toMatchObject({ ok: false, issues: [{ code: 'invalid-value' }] });
    const forged: MonitoringPlan = { ...defaultPlan('heart-failure'), rules: plan.rules.map((r) => ({ ...r, enabled: false }) as never) };
    expect(ids(evaluateAlerts(forged, [], at(day(5)), { since: at(day(1)) }))).toEqual(['missing-data']);
  });

  it('names every late kind in one alert', () => {
    const renal = defaultPlan('renal-failure', { dryWeightKg: 70 });
    const readings = [scalar('w', 'bodyWeight', day(3), 70.5), pressure('bp', day(1), 130, 80)];
    const alerts = evaluateAlerts(renal, readings, at(day(3, 9)), { since: at(day(1)) });
    expect(alerts.map((a) => a.ruleId)).toEqual(['missing-data']);
    expect(alerts[0]!.message.en).toBe('No data received for 49 h: blood pressure, heart rate.');
  });
});

describe('per-patient overrides', () => {
  it('adjusts a threshold and switches an ordinary rule off', () => {
    const result = applyOverrides(PROGRAMMES['heart-failure'], { rules: { 'weight-gain': { rise: 3, withinHours: 72 } } });
    expect(result.ok).toBe(true);
    const plan = (result as { plan: MonitoringPlan }).plan;
    const readings = [scalar('w1', 'bodyWeight', day(1), 70), scalar('w3', 'bodyWeight', day(3), 72.5)];
    expect(evaluateAlerts(plan, readings, at(day(3, 9)))).toEqual([]);
    const off = applyOverrides(PROGRAMMES.diabetes, { rules: { 'glucose-high': { enabled: false } } });
    const glucose = [scalar('g', 'glucose', day(3), 300)];
    expect(evaluateAlerts((off as { plan: MonitoringPlan }).plan, glucose, at(day(3, 9)))).toEqual([]);
  });

  it('replaces the steps of a threshold, refusing malformed ones', () => {
    const result = applyOverrides(PROGRAMMES['respiratory-failure'], {
      rules: {
        'spo2-low': {
          steps: [
            { level: 'warning', below: 92 },
            { level: 'urgent', below: 88 },
          ],
        },
      },
    });
    if (!result.ok) throw new Error('expected a plan');
    const alerts = evaluateAlerts(result.plan, [scalar('s', 'spo2', day(3), 91), scalar('o', 'oxygenUseHours', day(3), 16)], at(day(3, 9)));
    expect(alerts.map((a) => [a.ruleId, a.level])).toEqual([['spo2-low', 'warning']]);
    const bad = applyOverrides(PROGRAMMES['respiratory-failure'], {
      rules: { 'spo2-low': { steps: [{ level: 'loud' as never, below: 92 }] }, 'oxygen-use-low': { steps: [{ level: 'info' }] } },
    });
    expect(bad.ok ? [] : bad.issues.map((i) => `${i.path}:${i.code}`)).toEqual([
      'rules.spo2-low.steps:invalid-value',
      'rules.oxygen-use-low.steps:invalid-value',
    ]);
  });

  it('refuses unknown rules, unknown settings and negative values, naming each', () => {
    const result = applyOverrides(PROGRAMMES.diabetes, {
      rules: { nope: { enabled: false }, 'glucose-low': { rise: 2 } as never, 'time-in-range-low': { minPercent: -1 } },
      parameters: { dryWeightKg: 0 },
    });
    expect(result.ok ? [] : result.issues.map((i) => `${i.path}:${i.code}`)).toEqual([
      'rules.nope:unknown-rule',
      'rules.glucose-low.rise:unknown-setting',
      'rules.time-in-range-low.minPercent:invalid-value',
      'parameters.dryWeightKg:invalid-value',
    ]);
  });
});

describe('respiratory failure', () => {
  const plan = defaultPlan('respiratory-failure');
  it('raises an urgent alert for SpO₂ under 90 % and a warning for under 15 h of oxygen', () => {
    const readings = [scalar('s1', 'spo2', day(3, 7), 91), scalar('s2', 'spo2', day(3, 8), 88), scalar('o', 'oxygenUseHours', day(3), 12)];
    const alerts = evaluateAlerts(plan, readings, at(day(3, 9)));
    expect(alerts.map((a) => [a.ruleId, a.level, a.direction])).toEqual([
      ['spo2-low', 'urgent', 'low'],
      ['oxygen-use-low', 'warning', 'low'],
    ]);
    expect(alerts[0]!.message).toEqual({
      fr: 'Saturation en oxygène (SpO₂) à 88 % : sous 90 %.',
      en: 'Oxygen saturation (SpO₂) at 88 %: below 90 %.',
    });
  });
  it('stops once the breach leaves the 24 h window', () => {
    expect(
      evaluateAlerts(
        plan,
        [scalar('s', 'spo2', day(3), 88), scalar('o', 'oxygenUseHours', day(4), 16), scalar('s2', 'spo2', day(4), 95)],
        at(day(4, 9)),
      ),
    ).toEqual([]);
  });
});

describe('diabetes', () => {
  const plan = defaultPlan('diabetes');
  it('alerts under 70 (urgent) and over 250 mg/dL (warning), not at the bounds', () => {
    const readings = [scalar('a', 'glucose', day(3, 1), 69), scalar('b', 'glucose', day(3, 2), 251)];
    expect(evaluateAlerts(plan, readings, at(day(3, 9))).map((a) => [a.ruleId, a.level])).toEqual([
      ['glucose-low', 'urgent'],
      ['glucose-high', 'warning'],
    ]);
    expect(evaluateAlerts(plan, [scalar('a', 'glucose', day(3, 1), 70), scalar('b', 'glucose', day(3, 2), 250)], at(day(3, 9)))).toEqual(
      [],
    );
  });
  it('warns when time in range 70–180 falls under 70 % over 14 days', () => {
    // 20 readings over 14 days, 13 in range: 65 %.
    const readings = Array.from({ length: 20 }, (_, i) =>
      scalar(`g${i}`, 'glucose', day(1 + Math.floor(i * 0.7), 8 + (i % 3)), i < 13 ? 120 : 200),
    );
    const [alert] = evaluateAlerts(plan, readings, at(day(14, 20)));
    expect(alert).toMatchObject({ ruleId: 'time-in-range-low', level: 'warning', observed: 65 });
    expect(alert!.message.fr).toBe('Temps dans la cible 70–180 mg/dL : 65 % sur 14 jours (objectif ≥ 70 %).');
    const better = readings.map((r, i) => (i < 14 ? { ...r, value: 120 } : r));
    expect(evaluateAlerts(plan, better, at(day(14, 20)))).toEqual([]);
  });
  it('says nothing about time in range with too few readings', () => {
    const readings = Array.from({ length: 5 }, (_, i) => scalar(`g${i}`, 'glucose', day(10 + i), 200));
    expect(evaluateAlerts(plan, readings, at(day(15)))).toEqual([]);
  });
});

describe('renal failure', () => {
  it('warns 2 kg above dry weight, and asks for the dry weight when unset', () => {
    const readings = [scalar('w', 'bodyWeight', day(3), 72.5), pressure('bp', day(3), 130, 80), scalar('hr', 'heartRate', day(3), 70)];
    const [alert] = evaluateAlerts(defaultPlan('renal-failure', { dryWeightKg: 70 }), readings, at(day(3, 9)));
    expect(alert).toMatchObject({ ruleId: 'weight-above-dry-weight', level: 'warning', observed: 2.5 });
    expect(alert!.message.en).toBe('Weight at 72.5 kg: 2.5 kg above dry weight (70 kg; threshold +2 kg).');
    expect(evaluateAlerts(defaultPlan('renal-failure'), readings, at(day(3, 9)))).toMatchObject([
      { reason: 'reference-missing', level: 'info' },
    ]);
  });
  it('grades blood pressure: warning over 160/100, urgent over 180/110, warning under 90 systolic', () => {
    const plan = defaultPlan('renal-failure', { dryWeightKg: 70 });
    const base = [scalar('w', 'bodyWeight', day(3), 70), scalar('hr', 'heartRate', day(3), 70)];
    const run = (sys: number, dia: number) =>
      evaluateAlerts(plan, [...base, pressure('bp', day(3), sys, dia)], at(day(3, 9))).map((a) => [a.ruleId, a.level]);
    expect(run(165, 90)).toEqual([['blood-pressure-high', 'warning']]);
    expect(run(150, 112)).toEqual([['blood-pressure-high', 'urgent']]);
    expect(run(85, 50)).toEqual([['blood-pressure-low', 'warning']]);
    expect(run(130, 80)).toEqual([]);
  });
});

describe('oncology and implants', () => {
  it('scores the symptom grade: 1 info, 2 a warning, 3 or more urgent', () => {
    const plan = defaultPlan('oncology');
    expect(evaluateAlerts(plan, [scalar('q', 'symptomGrade', day(3), 0)], at(day(3, 9)))).toEqual([]);
    expect(evaluateAlerts(plan, [scalar('q', 'symptomGrade', day(3), 1)], at(day(3, 9)))[0]).toMatchObject({ level: 'info' });
    expect(evaluateAlerts(plan, [scalar('q', 'symptomGrade', day(3), 2)], at(day(3, 9)))[0]).toMatchObject({ level: 'warning' });
    expect(evaluateAlerts(plan, [scalar('q', 'symptomGrade', day(3), 3)], at(day(3, 9)))[0]).toMatchObject({ level: 'urgent' });
  });
  it('watches a weekly transmission for implants', () => {
    const plan = defaultPlan('cardiac-implant');
    const readings = [scalar('h', 'heartRate', day(1), 60)];
    expect(evaluateAlerts(plan, readings, at(day(8)))).toEqual([]);
    expect(evaluateAlerts(plan, readings, at(day(9)))[0]).toMatchObject({ ruleId: 'missing-data', level: 'warning' });
  });
});

describe('rate rules', () => {
  it('alerts on a fast fall between consecutive readings (pairs closer than the gap skipped)', () => {
    const plan: MonitoringPlan = {
      ...defaultPlan('diabetes'),
      rules: [
        {
          id: 'glucose-falling',
          type: 'rate',
          enabled: true,
          reading: 'glucose',
          fallPerHour: 60,
          minGapMinutes: 10,
          level: 'info',
          lookbackHours: 3,
        },
      ],
    };
    const readings = [
      scalar('a', 'glucose', day(3, 8), 200),
      scalar('b', 'glucose', new Date(Date.UTC(2026, 2, 3, 8, 5)).toISOString(), 190),
      scalar('c', 'glucose', day(3, 9), 120),
    ];
    expect(evaluateAlerts(plan, readings, at(day(3, 9)))[0]).toMatchObject({
      ruleId: 'glucose-falling',
      direction: 'low',
      observed: -76.364,
      evidence: ['b', 'c'],
    });
  });
});

describe('interpretation', () => {
  it('maps levels to v3 ObservationInterpretation codes', () => {
    const code = (...args: Parameters<typeof interpretationFor>) => interpretationFor(...args).coding![0]!.code;
    expect([
      code(undefined),
      code('warning', 'high'),
      code('info', 'low'),
      code('urgent', 'high'),
      code('urgent', 'low'),
      code('urgent'),
      code('warning'),
    ]).toEqual(['N', 'H', 'L', 'HH', 'LL', 'AA', 'A']);
  });
  it('gives a new reading the level of the alerts it is evidence for', () => {
    const plan = defaultPlan('heart-failure');
    const history = [scalar('w1', 'bodyWeight', day(1), 70)];
    expect(interpretReading(plan, scalar('w2', 'bodyWeight', day(3), 72.5), history)).toMatchObject({
      level: 'urgent',
      interpretation: { coding: [{ code: 'HH' }] },
    });
    expect(interpretReading(plan, scalar('w2', 'bodyWeight', day(3), 71), history).interpretation.coding![0]!.code).toBe('N');
  });
});

describe('snooze', () => {
  const plan = defaultPlan('diabetes');
  const first = evaluateAlerts(plan, [scalar('a', 'glucose', day(3, 8), 60)], at(day(3, 8)))[0]!;

  it('offers the ladder of the level, and refuses other durations', () => {
    expect(snoozeAlert(first, 45, at(day(3, 8)))).toMatchObject({ ok: false, code: 'not-on-ladder' });
    expect(nextSnoozeStep('urgent')).toBe(15);
    expect(nextSnoozeStep('urgent', 15)).toBe(30);
    expect(nextSnoozeStep('urgent', 60)).toBeUndefined();
  });

  it('never outlives the next urgent reading', () => {
    const result = snoozeAlert(first, 60, at(day(3, 8)));
    if (!result.ok) throw new Error('snooze refused');
    const same = evaluateAlerts(plan, [scalar('a', 'glucose', day(3, 8), 60)], at(new Date(Date.UTC(2026, 2, 3, 8, 30)).toISOString()))[0];
    expect(isSnoozed(result.snooze, same, at(new Date(Date.UTC(2026, 2, 3, 8, 30)).toISOString()))).toBe(true);
    const later = new Date(Date.UTC(2026, 2, 3, 8, 20)).toISOString();
    const again = evaluateAlerts(plan, [scalar('a', 'glucose', day(3, 8), 60), scalar('b', 'glucose', later, 55)], at(later))[0];
    expect(isSnoozed(result.snooze, again, at(later))).toBe(false);
    expect(isSnoozed(result.snooze, same, at(day(3, 9)))).toBe(false);
  });

  it('wakes when the alert climbs a level', () => {
    const hf = defaultPlan('heart-failure');
    const warning = evaluateAlerts(hf, [scalar('w', 'bodyWeight', day(1), 70)], at(day(2, 21)))[0]!;
    const snoozed = snoozeAlert(warning, 1440, at(day(2, 21)));
    if (!snoozed.ok) throw new Error('snooze refused');
    const stillWarning = evaluateAlerts(hf, [scalar('w', 'bodyWeight', day(1), 70)], at(day(3, 6)))[0];
    expect(isSnoozed(snoozed.snooze, stillWarning, at(day(3, 6)))).toBe(true);
  });
});

describe('escalation', () => {
  const plan = defaultPlan('diabetes');
  const alert = evaluateAlerts(plan, [scalar('a', 'glucose', day(3, 8), 60)], at(day(3, 8)))[0]!;
  const levelSince = at(day(3, 8));

  it('escalates an urgent alert left unacknowledged for an hour', () => {
    expect(isEscalationDue(alert, { levelSince }, at(day(3, 8)))).toBe(false);
    expect(isEscalationDue(alert, { levelSince }, at(day(3, 9)))).toBe(true);
    expect(isEscalationDue(alert, { levelSince, acknowledgedAt: at(day(3, 8)) }, at(day(3, 9)))).toBe(false);
    expect(escalationDueAt('info', levelSince)).toBeUndefined();
  });

  it('holds while snoozed, and not once acknowledged before a climb of level', () => {
    const snoozed = snoozeAlert(alert, 60, at(new Date(Date.UTC(2026, 2, 3, 8, 30)).toISOString()));
    if (!snoozed.ok) throw new Error('snooze refused');
    expect(isEscalationDue(alert, { levelSince, snooze: snoozed.snooze }, at(new Date(Date.UTC(2026, 2, 3, 9, 10)).toISOString()))).toBe(
      false,
    );
    expect(isEscalationDue(alert, { levelSince, snooze: snoozed.snooze }, at(new Date(Date.UTC(2026, 2, 3, 9, 31)).toISOString()))).toBe(
      true,
    );
    expect(isEscalationDue(alert, { levelSince: at(day(3, 8)), acknowledgedAt: at(day(3, 7)) }, at(day(3, 10)))).toBe(true);
  });
});
