// Adherence: the monthly transmission rate of a patient, the share of expected periods (Paris
// calendar days for a daily cadence, runs of days for a longer one) in which data came. The operator
// checks it at months 1 and 2: 50 % or less stops telemonitoring and its billing (factsheet §4.5).
import { DateTime } from 'luxon';
import type { MonitoringPlan } from './programmes.js';
import type { Reading } from './readings.js';

const ZONE = 'Europe/Paris';
/** At months 1 and 2, transmission must be above this share (factsheet §4.5). */
export const MIN_TRANSMISSION_RATE = 0.5;

export interface TransmissionRate {
  /** `YYYY-MM`. */
  month: string;
  expectedPeriods: number;
  periodsWithData: number;
  /** periodsWithData / expectedPeriods, 0–1; undefined when nothing was expected (not monitored that month). */
  rate?: number;
}

/**
 * The transmission rate of `month` (YYYY-MM, Paris time) for readings of the plan's expected kinds,
 * counting only the days between the start of monitoring and its end (or `now`), both given as instants.
 */
export function transmissionRate(
  plan: MonitoringPlan,
  readings: readonly Reading[],
  month: string,
  period: { since: Date; until?: Date; now: Date },
): TransmissionRate {
  const monthStart = DateTime.fromISO(`${month}-01`, { zone: ZONE });
  if (!monthStart.isValid || !/^\d{4}-\d{2}$/.test(month)) throw new RangeError(`Invalid month: ${month}`);
  const monthEnd = monthStart.plus({ months: 1 });
  const endAt = Math.min(period.until?.getTime() ?? Infinity, period.now.getTime());
  const first = DateTime.max(monthStart, DateTime.fromMillis(period.since.getTime(), { zone: ZONE }).startOf('day'));
  const last = DateTime.min(monthEnd, DateTime.fromMillis(endAt, { zone: ZONE }).startOf('day').plus({ days: 1 }));
  const days = Math.max(0, Math.round(last.diff(first, 'days').days));
  if (days === 0) return { month, expectedPeriods: 0, periodsWithData: 0 };
  const cadenceDays = Math.max(1, Math.round(Math.min(...plan.expected.map((e) => e.everyHours)) / 24));
  const kinds = new Set(plan.expected.map((e) => e.reading));
  const expectedPeriods = Math.ceil(days / cadenceDays);
  const withData = new Set<number>();
  const from = first.toMillis();
  const to = last.toMillis();
  for (const reading of readings) {
    if (!kinds.has(reading.kind) || reading.at < from || reading.at >= to || reading.at > period.now.getTime()) continue;
    // Both at a Paris midnight: a whole number of calendar days, even across a clock change.
    const day = Math.round(DateTime.fromMillis(reading.at, { zone: ZONE }).startOf('day').diff(first, 'days').days);
    withData.add(Math.floor(day / cadenceDays));
  }
  return { month, expectedPeriods, periodsWithData: withData.size, rate: withData.size / expectedPeriods };
}
