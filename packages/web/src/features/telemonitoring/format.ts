import type { Monitoring, Reading, ReadingKind } from './api.js';

const ZONE = 'Europe/Paris';

/** Instants as the French clock shows them, in the interface's language. */
export function formatters(language: string) {
  const locale = language === 'en' ? 'en-GB' : 'fr-FR';
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const dateFormat = (options: Intl.DateTimeFormatOptions) => {
    const format = new Intl.DateTimeFormat(locale, { timeZone: ZONE, ...options });
    // A chart's axis may ask for a tick that is no instant (before its scale is known): nothing to write.
    return (at: string | number) => (Number.isFinite(new Date(at).getTime()) ? format.format(new Date(at)) : '');
  };
  return {
    dateTime: dateFormat({ day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }),
    day: dateFormat({ day: 'numeric', month: 'short' }),
    date: dateFormat({ day: 'numeric', month: 'long', year: 'numeric' }),
    number: (value: number) => number.format(value),
  };
}

/** A reading's value as a person reads it: `78,4`, `132/84`. */
export function readingText(reading: Reading, number: (value: number) => string): string {
  if (reading.kind === 'bloodPressure') return `${number(reading.systolic ?? 0)}/${number(reading.diastolic ?? 0)}`;
  return number(reading.value ?? 0);
}

/** The kinds in the order screens show them. */
export const KIND_ORDER: readonly ReadingKind[] = [
  'bodyWeight',
  'bloodPressure',
  'heartRate',
  'spo2',
  'glucose',
  'bodyTemperature',
  'oxygenUseHours',
  'symptomGrade',
];

/** The level's tone on a badge and on a chart's line. */
export const LEVEL_TONE = { info: 'info', warning: 'warning', urgent: 'negative' } as const;
export const LEVEL_COLOR = { info: 'blue.8', warning: 'orange.9', urgent: 'red.9' } as const;

/** The kinds a patient's programmes expect, and any other that came, in the screens' order. */
export function monitoredKinds(monitoring: Monitoring): ReadingKind[] {
  const kinds = new Set<ReadingKind>([
    ...monitoring.enrolments.filter((e) => !e.endedAt).flatMap((e) => e.expected.map((x) => x.reading)),
    ...monitoring.readings.map((r) => r.kind),
  ]);
  return KIND_ORDER.filter((kind) => kinds.has(kind));
}
