/** Today's date in France (YYYY-MM-DD), whatever the device's time zone: the rules of that day apply. */
export function todayInParis(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

/**
 * How far ahead the rules are taken as known: tariffs and conditions are published months before
 * they apply, rarely more than a year. Beyond, an answer applies today's rules to a date whose own
 * are not known yet, and says so.
 */
export const RULES_HORIZON_YEARS = 1;

/** Whether the rules of `date` (YYYY-MM-DD) are still unknown on `today`: it lies beyond the horizon. */
export function rulesNotYetKnown(date: string, today: string = todayInParis()): boolean {
  const [year, month, day] = today.split('-');
  return date > `${String(Number(year) + RULES_HORIZON_YEARS).padStart(4, '0')}-${month}-${day}`;
}

/** A calendar day (YYYY-MM-DD) as a person reads it: 1 mars 2090, 1 March 2090. */
export function formatDay(date: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}
