// The pure domain of Parcours: French telemedicine rules, identifiers and arithmetic shared by
// server and web. No I/O, no clock, no randomness.
export { evaluate, evaluateParsed } from './rules/evaluate.js';
export { parseRulesRequest, RulesRequestError } from './rules/validation.js';
// The contract as zod schemas (each name is also the type: `…Request` what a client sends, `Parsed…` with defaults).
export {
  ActivityCapDecision,
  ActivityCapRequest,
  AssistanceDecision,
  AssistanceRequest,
  Explained,
  IdentifierDecision,
  IdentifierRequest,
  RulesDecision,
  RulesRequest,
  SickLeaveDecision,
  SickLeaveRequest,
  TeleconsultationDecision,
  TeleconsultationRequest,
  TeleexpertiseDecision,
  TeleexpertiseRequest,
  TelemonitoringDecision,
  TelemonitoringRequest,
} from './rules/schema.js';
export type { ParseResult, RulesRequestIssue, RulesRequestIssueCode } from './rules/validation.js';
export { REASON_CODES, WARNING_CODES } from './rules/codes.js';
export type { ReasonCode, WarningCode } from './rules/codes.js';
export { EXPLANATIONS, REASON_EXPLANATIONS, WARNING_EXPLANATIONS, explain } from './rules/explanations.js';
export type { Explanation, RulesCode } from './rules/explanations.js';
export { SOURCES } from './rules/sources.js';
export { rowInForce } from './rules/dated.js';
export type { DatedRow, DatedTable } from './rules/dated.js';
export * as tariffs from './rules/tariffs.js';
export {
  ASSISTANCE_SETTINGS,
  COVERAGES,
  DECISION_AMOUNT_FIELDS,
  INDICATIONS,
  MIDWIFE_ACTS,
  MONITORING_LEVELS,
  PROFESSIONS,
  REQUESTER_PROFESSIONS,
  RESIDENCES,
  RULES_KINDS,
  SPECIALTIES,
  TREATING_DOCTOR_STATUSES,
} from './rules/types.js';
export type * from './rules/types.js';
export {
  checkFiness,
  checkNir,
  checkRpps,
  compact as compactIdentifier,
  isFinessDepartement,
  nirKey,
  passesLuhn,
} from './identifiers/index.js';
export type { IdentifierCheck, IdentifierReason, IdentifierWarning } from './identifiers/index.js';
export { ageOn } from './rules/calendar.js';
export * from './billing/index.js';
export * from './scheduling/index.js';
// Triage before a teleconsultation: the questionnaire engine (FHIR R4), the default questionnaire, `orient`.
export * from './triage/index.js';
// Telemonitoring: programmes, readings from FHIR Observations, the alert engine, snoozes, adherence.
export * from './telemonitoring/index.js';
// Bluetooth GATT health measurements (thermometer, cuff, oximeter, scale, glucometer) as readings.
export * from './devices/gatt/index.js';
