/** Today's date in France (YYYY-MM-DD), whatever the device's time zone: the rules of that day apply. */
export function todayInParis(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}
