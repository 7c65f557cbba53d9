import type { AssistanceSetting } from '@parcours/domain';
import type { Generated } from 'kysely';

/** Who an invitation is for: a professional assisting on the patient's side, a relative, an interpreter. */
export type AssistantKind = 'professional' | 'relative' | 'interpreter';
export const ASSISTANT_KINDS = ['professional', 'relative', 'interpreter'] as const;
/** An assisting professional's profession: nurses and pharmacists bill their assistance (TLS/TLL/TLD, TLM). */
export const PROFESSIONS = ['nurse', 'pharmacist', 'physician', 'midwife', 'physiotherapist', 'other'] as const;
export type Profession = (typeof PROFESSIONS)[number];
/** Where the assistant is with the patient. */
export const PLACES = ['pharmacy', 'home', 'nursing-home', 'health-centre', 'teleconsultation-booth', 'other'] as const;
export type Place = (typeof PLACES)[number];
/** The measurements an assistant shares in the call (telemonitoring's reading kinds, less its own). */
export const MEASUREMENT_KINDS = ['bodyTemperature', 'bloodPressure', 'heartRate', 'spo2', 'bodyWeight', 'glucose'] as const;
export type MeasurementKind = (typeof MEASUREMENT_KINDS)[number];

export interface AssistantsTable {
  id: Generated<string>;
  appointment_id: string;
  patient_id: string;
  invited_by_account_id: string;
  invited_as: 'patient' | 'practitioner';
  kind: AssistantKind;
  token_hash: string;
  expires_at: Date;
  created_at: Generated<Date>;
  revoked_at: Date | null;
  redeemed_at: Date | null;
  name: string | null;
  profession: Profession | null;
  rpps: string | null;
  place: Place | null;
  setting: AssistanceSetting | null;
  information_version: string | null;
  credential_hash: string | null;
}

export interface MeasurementsTable {
  id: Generated<string>;
  appointment_id: string;
  patient_id: string;
  assistant_id: string;
  identifier: string;
  kind: MeasurementKind;
  value: number | null;
  systolic: number | null;
  diastolic: number | null;
  unit: string;
  source: 'typed' | 'bluetooth';
  effective_at: Date;
  observation: unknown;
  created_at: Generated<Date>;
}
