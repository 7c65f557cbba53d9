// The one list of modules: the platform loads them in this order (the demo seeds in it too). A
// module that is not listed here serves nothing.
import type { ModuleManifest } from '../platform/module.js';
import { accounts, type AccountsTables } from './accounts/index.js';
import { billing, type BillingTables } from './billing/index.js';
import { consent, type ConsentTables } from './consent/index.js';
import { organisations, type OrganisationsTables } from './organisations/index.js';
import { patients, type PatientsTables } from './patients/index.js';
import { records, type RecordsTables } from './records/index.js';
import { rules } from './rules/index.js';
import { scheduling, type SchedulingTables } from './scheduling/index.js';
import { telemonitoring, type TelemonitoringTables } from './telemonitoring/index.js';
import { teleconsultation, type TeleconsultationTables } from './teleconsultation/index.js';
import { triage, type TriageTables } from './triage/index.js';

export const MODULES: readonly ModuleManifest[] = [
  accounts,
  organisations,
  patients,
  consent,
  rules,
  scheduling,
  triage,
  teleconsultation,
  telemonitoring,
  // After scheduling: its demo bills a demo appointment.
  billing,
  records,
] as ModuleManifest[];

/** Every module's tables at once: for the tests and tools that look across contexts, never for a module. */
export type AllTables = AccountsTables &
  OrganisationsTables &
  PatientsTables &
  ConsentTables &
  BillingTables &
  SchedulingTables &
  TriageTables &
  TeleconsultationTables &
  TelemonitoringTables &
  RecordsTables;
