import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOfWeek, isIsoDate, isWallTime, isWithinMonthsBefore, monthsBefore } from './calendar.js';
import { isoDate } from './testing/arbitraries.js';

describe('calendar', () => {
  it('knows real days from impossible ones, leap years included', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-02-30')).toBe(false);
    expect(isIsoDate('2025-06-31')).toBe(false);
    expect(isIsoDate('1899-12-31')).toBe(false);
  });

  it('agrees with the JavaScript calendar on validity and day of the week', () => {
    fc.assert(
      fc.property(isoDate(Date.UTC(1900, 0, 1) / 86_400_000, Date.UTC(2199, 11, 31) / 86_400_000), (date) => {
        expect(isIsoDate(date)).toBe(true);
        expect(dayOfWeek(date)).toBe(new Date(`${date}T00:00:00Z`).getUTCDay());
      }),
    );
  });

  it('goes back whole months, across years', () => {
    expect(monthsBefore('2025-03-01', 12)).toBe('2024-03-01');
    expect(monthsBefore('2025-01-15', 1)).toBe('2024-12-15');
    expect(isWithinMonthsBefore('2024-03-01', '2025-03-01', 12)).toBe(true);
    expect(isWithinMonthsBefore('2024-02-29', '2025-03-01', 12)).toBe(false);
    expect(isWithinMonthsBefore('2025-03-02', '2025-03-01', 12)).toBe(false);
  });

  it('reads Paris wall times HH:MM', () => {
    expect(isWallTime('00:00')).toBe(true);
    expect(isWallTime('23:59')).toBe(true);
    expect(isWallTime('24:00')).toBe(false);
  });
});
