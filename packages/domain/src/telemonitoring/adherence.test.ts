import { describe, expect, it } from 'vitest';
import { MIN_TRANSMISSION_RATE, transmissionRate } from './adherence.js';
import { defaultPlan } from './programmes.js';
import { scalar } from './testing/readings.js';

describe('transmissionRate', () => {
  const plan = defaultPlan('heart-failure');
  const weighing = (d: number, hourUtc = 6) =>
    scalar(`w${d}-${hourUtc}`, 'bodyWeight', new Date(Date.UTC(2026, 2, d, hourUtc)).toISOString(), 70);

  it('counts Paris days with a reading over the monitored days of the month', () => {
    // March 2026 has 31 days, the clocks change on the 29th; 16 days with data, two readings on the 2nd.
    const readings = [...Array.from({ length: 16 }, (_, i) => weighing(1 + i * 2)), weighing(3, 18), weighing(29, 23)];
    const rate = transmissionRate(plan, readings, '2026-03', {
      since: new Date('2026-02-01T00:00:00Z'),
      now: new Date('2026-04-02T00:00:00Z'),
    });
    // 2026-03-29T23:00Z is the 30th at 01:00 in Paris (UTC+2 since that night), a 17th day.
    expect(rate).toEqual({ month: '2026-03', expectedPeriods: 31, periodsWithData: 17, rate: 17 / 31 });
    expect(rate.rate! > MIN_TRANSMISSION_RATE).toBe(true);
  });

  it('counts only from the start of monitoring and up to now', () => {
    const readings = [weighing(10), weighing(11), weighing(14)];
    const rate = transmissionRate(plan, readings, '2026-03', {
      since: new Date('2026-03-10T09:00:00Z'),
      now: new Date('2026-03-14T12:00:00Z'),
    });
    expect(rate).toEqual({ month: '2026-03', expectedPeriods: 5, periodsWithData: 3, rate: 0.6 });
    expect(
      transmissionRate(plan, readings, '2026-02', { since: new Date('2026-03-10T09:00:00Z'), now: new Date('2026-03-14T12:00:00Z') }),
    ).toEqual({
      month: '2026-02',
      expectedPeriods: 0,
      periodsWithData: 0,
    });
  });

  it('counts weeks for a weekly cadence, and ignores other kinds', () => {
    const implant = defaultPlan('cardiac-implant');
    const readings = [
      scalar('h1', 'heartRate', '2026-03-02T08:00:00Z', 60),
      scalar('h2', 'heartRate', '2026-03-20T08:00:00Z', 60),
      weighing(9),
    ];
    expect(
      transmissionRate(implant, readings, '2026-03', { since: new Date('2026-01-01T00:00:00Z'), now: new Date('2026-04-15T00:00:00Z') }),
    ).toMatchObject({
      expectedPeriods: 5,
      periodsWithData: 2,
    });
  });
});
