import { instantOfWallTime } from '@parcours/domain';

/** Dates and times as the site's wall clock shows them, in the interface's language. */
export function formatters(language: string) {
  const locale = language === 'en' ? 'en-GB' : 'fr-FR';
  return {
    time: (iso: string, timeZone: string) =>
      new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso)),
    day: (iso: string, timeZone: string) =>
      new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(iso)),
    shortDay: (date: string) =>
      new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric' }).format(new Date(`${date}T12:00:00Z`)),
    longDay: (date: string) =>
      new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
        new Date(`${date}T12:00:00Z`),
      ),
  };
}

/** The calendar day `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A wall time typed for a schedule (`2026-12-24`, `14:30`) as the instant it is in the schedule's zone. */
export function instantAt(date: string, time: string, timeZone: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return new Date(instantOfWallTime({ year, month, day }, hours * 60 + minutes, timeZone)).toISOString();
}

/** The day (YYYY-MM-DD) an instant falls on in a zone. */
export function dayIn(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}
