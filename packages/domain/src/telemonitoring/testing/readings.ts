// Readings for tests, written as a person would say them: `scalar('w1', 'bodyWeight', '2026-03-01T08:00:00+01:00', 70)`.
import type { BloodPressureReading, ReadingKind, ScalarReading } from '../readings.js';
import { READING_DEFINITIONS } from '../readings.js';

export function scalar(identifier: string, kind: Exclude<ReadingKind, 'bloodPressure'>, effective: string, value: number): ScalarReading {
  return { identifier, kind, effective, at: Date.parse(effective), value, unit: READING_DEFINITIONS[kind].unit };
}

export function pressure(identifier: string, effective: string, systolic: number, diastolic: number): BloodPressureReading {
  return { identifier, kind: 'bloodPressure', effective, at: Date.parse(effective), systolic, diastolic, unit: 'mm[Hg]' };
}

/** `day(3, 8)`: 2026-03-03 at 08:00 UTC. */
export const day = (d: number, hour = 8): string => new Date(Date.UTC(2026, 2, d, hour)).toISOString();
