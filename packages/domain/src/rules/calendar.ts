// Calendar arithmetic on `YYYY-MM-DD` strings. Once validated, such strings compare in
// chronological order as plain strings, which keeps the rules cheap: no Date objects, no clock.
import type { IsoDate, WallTime } from './types.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Years the engine accepts: wide enough for any act it can judge, narrow enough to catch typos. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether `value` is a real calendar day written `YYYY-MM-DD` (2025-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= FIRST_YEAR && year <= LAST_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function isWallTime(value: string): boolean {
  return WALL_TIME.test(value);
}

/** The same day `months` months earlier; the bound is compared as a string, so 2023-02-29 is a fine bound. */
export function monthsBefore(date: IsoDate, months: number): IsoDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const index = year * 12 + (month - 1) - months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}${date.slice(7)}`;
}

/** Whether `earlier` falls within the `months` months up to and including `date`. */
export function isWithinMonthsBefore(earlier: IsoDate, date: IsoDate, months: number): boolean {
  return earlier <= date && earlier >= monthsBefore(date, months);
}

/** Day of the week, 0 = Sunday (Sakamoto's method: pure arithmetic, no Date, no time zone). */
export function dayOfWeek(date: IsoDate): number {
  const offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const year = Number(date.slice(0, 4)) - (month < 3 ? 1 : 0);
  return (year + Math.floor(year / 4) - Math.floor(year / 100) + Math.floor(year / 400) + offsets[month - 1]! + day) % 7;
}

export function isBetween(date: IsoDate, first: IsoDate, last: IsoDate): boolean {
  return date >= first && date <= last;
}

/** Minutes since midnight of an `HH:MM` wall time. */
export function minutesOfDay(time: WallTime): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** Age in whole years on `date` of someone born on `birthDate` (a 29 February birthday falls on 1 March). */
export function ageOn(birthDate: IsoDate, date: IsoDate): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) >= birthDate.slice(5) ? years : years - 1;
}
