// How documents word dates and people, in French (the language of the record).
import { DateTime } from 'luxon';

const ZONE = 'Europe/Paris';

export function parisDateTime(at: Date): string {
  return DateTime.fromJSDate(at, { zone: ZONE }).setLocale('fr').toFormat("d LLLL yyyy 'à' HH'h'mm");
}

export function parisDate(at: Date): string {
  return DateTime.fromJSDate(at, { zone: ZONE }).toISODate()!;
}

export function frenchDay(day: string): string {
  return DateTime.fromISO(day, { zone: ZONE }).setLocale('fr').toFormat('d LLLL yyyy');
}

/** The last day of a leave of `days` days starting on `startsOn` (inclusive). */
export function lastDay(startsOn: string, days: number): string {
  return DateTime.fromISO(startsOn, { zone: ZONE })
    .plus({ days: days - 1 })
    .toISODate()!;
}
