import {
  gattReadings,
  normaliseReading,
  READING_DEFINITIONS,
  type GattMeasurement,
  type ReadingInput,
  type ReadingIssue,
} from '@parcours/domain';
import type { Measurement, MeasurementRequest } from '../api.js';

/** The measurements an assistant shares in the call, in the order the form offers them. */
export const MEASUREMENT_KINDS = ['bloodPressure', 'bodyTemperature', 'heartRate', 'spo2', 'bodyWeight', 'glucose'] as const;
export type MeasurementKind = (typeof MEASUREMENT_KINDS)[number];

/** How a UCUM unit reads on screen. */
const UNIT_LABELS: Record<string, string> = {
  Cel: '°C',
  '[degF]': '°F',
  'mm[Hg]': 'mmHg',
  '/min': '/min',
  '[lb_av]': 'lb',
};
export const unitLabel = (unit: string): string => UNIT_LABELS[unit] ?? unit;

/** The units the form offers for a kind (the domain's, first the canonical one). */
export const unitsOf = (kind: MeasurementKind): string[] => READING_DEFINITIONS[kind].units.map((unit) => unit.code);

/** A fresh identifier for one measurement: a retry of the same sending carries it again. */
export const newIdentifier = (): string => crypto.randomUUID();

export interface TypedMeasurement {
  kind: MeasurementKind;
  unit: string;
  value?: number | '';
  systolic?: number | '';
  diastolic?: number | '';
}

/**
 * Checks a typed measurement with the domain's reading rules (the server applies the same): the
 * request to send, or the issues by field, in both languages.
 */
export function typedRequest(
  typed: TypedMeasurement,
  identifier: string,
  now = new Date(),
): { request: MeasurementRequest } | { issues: ReadingIssue[] } {
  const number = (value: number | '' | undefined) => (value === '' || value === undefined ? Number.NaN : value);
  const effective = now.toISOString();
  const input: ReadingInput =
    typed.kind === 'bloodPressure'
      ? {
          kind: 'bloodPressure',
          identifier,
          effective,
          unit: typed.unit,
          systolic: number(typed.systolic),
          diastolic: number(typed.diastolic),
        }
      : { kind: typed.kind, identifier, effective, unit: typed.unit, value: number(typed.value) };
  const parsed = normaliseReading(input, { now });
  if (!parsed.ok) return { issues: parsed.issues };
  const common = { identifier, unit: typed.unit, source: 'typed' as const, effective };
  return {
    request:
      typed.kind === 'bloodPressure'
        ? { kind: 'bloodPressure', systolic: number(typed.systolic), diastolic: number(typed.diastolic), ...common }
        : { kind: typed.kind, value: number(typed.value), ...common },
  };
}

/**
 * The requests for what a Bluetooth device measured (a cuff gives a pressure and a pulse, an
 * oximeter a saturation and a pulse), each checked by the domain; a reading it refuses is left out
 * with its issues.
 */
export function deviceRequests(
  measurement: GattMeasurement,
  device: string,
  now = new Date(),
): { requests: MeasurementRequest[]; issues: ReadingIssue[] } {
  const base = newIdentifier();
  const requests: MeasurementRequest[] = [];
  const issues: ReadingIssue[] = [];
  for (const parsed of gattReadings(measurement, { identifier: base, receivedAt: now, now })) {
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      continue;
    }
    const reading = parsed.reading;
    // `#` joins the base and the kind in the domain; identifiers sent to the server keep to [A-Za-z0-9_.:-].
    const common = {
      identifier: reading.identifier.replace('#', '.'),
      unit: reading.unit,
      source: 'bluetooth' as const,
      effective: reading.effective,
      ...(device ? { device: device.slice(0, 100) } : {}),
    };
    if (reading.kind === 'bloodPressure')
      requests.push({ kind: 'bloodPressure', systolic: reading.systolic, diastolic: reading.diastolic, ...common });
    else if ((MEASUREMENT_KINDS as readonly string[]).includes(reading.kind))
      requests.push({ kind: reading.kind as Exclude<MeasurementKind, 'bloodPressure'>, value: reading.value, ...common });
  }
  return { requests, issues };
}

/** A measurement as a person reads it: `142/91 mmHg`, `38,2 °C`. */
export function formatMeasurement(m: Pick<Measurement, 'kind' | 'value' | 'systolic' | 'diastolic' | 'unit'>, language: string): string {
  const number = (value: number | null) =>
    value === null ? '—' : value.toLocaleString(language === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 1 });
  const value = m.kind === 'bloodPressure' ? `${number(m.systolic)}/${number(m.diastolic)}` : number(m.value);
  return `${value} ${unitLabel(m.unit)}`;
}
