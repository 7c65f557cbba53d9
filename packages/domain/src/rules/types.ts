// The vocabularies of the rules contract (shared/rules/contract.md): the closed lists its fields take
// their values from. The shapes of the questions and answers are the zod schemas of `schema.ts`;
// their types come from those schemas and are re-exported here: `…Request` is what a client sends
// (optional fields may be left out), `Parsed…` the same after validation, defaults filled in.
import type { RulesKind } from './schema.js';

export type {
  ActivityCapDecision,
  ActivityCapRequest,
  AssistanceDecision,
  AssistanceRequest,
  DecisionFor,
  Explained,
  IdentifierDecision,
  IdentifierRequest,
  ParsedActivityCapRequest,
  ParsedAssistanceRequest,
  ParsedIdentifierRequest,
  ParsedRulesRequest,
  ParsedSickLeaveRequest,
  ParsedTeleconsultationRequest,
  ParsedTeleexpertiseRequest,
  ParsedTelemonitoringRequest,
  RulesDecision,
  RulesKind,
  RulesRequest,
  SickLeaveDecision,
  SickLeaveRequest,
  TeleconsultationDecision,
  TeleconsultationRequest,
  TeleexpertiseDecision,
  TeleexpertiseRequest,
  TelemonitoringDecision,
  TelemonitoringRequest,
} from './schema.js';

/** `YYYY-MM-DD`, the day of the act: the rules in force that day apply. */
export type IsoDate = string;
/** Europe/Paris wall time `HH:MM`. */
export type WallTime = string;

export const RULES_KINDS = [
  'teleconsultation',
  'sick-leave',
  'teleexpertise',
  'assistance',
  'telemonitoring',
  'identifier',
  'activity-cap',
] as const satisfies readonly RulesKind[];

export const SPECIALTIES = [
  'general-practice',
  'gynecology',
  'ophthalmology',
  'psychiatry',
  'neuropsychiatry',
  'pediatrics',
  'stomatology',
  'oral-surgery',
  'maxillofacial-surgery',
  'geriatrics',
  'neurology',
  'cardiology',
  'dermatology',
  'other',
] as const;
export type Specialty = (typeof SPECIALTIES)[number];

// ── teleconsultation ────────────────────────────────────────────────────────────────────────────

export const COVERAGES = ['ald', 'maternity', 'at-mp', 'css', 'ame'] as const;
/** ald: affection de longue durée (the act concerns it); at-mp: accident du travail / maladie professionnelle;
 *  css: complémentaire santé solidaire; ame: aide médicale de l'État. */
export type Coverage = (typeof COVERAGES)[number];

export const MIDWIFE_ACTS = [
  'pregnancy-follow-up',
  'medical-abortion',
  'emergency-contraception',
  'contraception-renewal',
  'other',
] as const;
export type MidwifeAct = (typeof MIDWIFE_ACTS)[number];

export const TREATING_DOCTOR_STATUSES = ['referred', 'available', 'unavailable', 'none'] as const;
/** The patient's médecin traitant (treating doctor): referred them, could have been seen, not available in time, or none. */
export type TreatingDoctorStatus = (typeof TREATING_DOCTOR_STATUSES)[number];

export const RESIDENCES = ['home', 'ehpad', 'disability-facility', 'prison'] as const;
/** ehpad: établissement d'hébergement pour personnes âgées dépendantes (care home). */
export type Residence = (typeof RESIDENCES)[number];

// ── tele-expertise ──────────────────────────────────────────────────────────────────────────────

/** The health professions the contract names; a tele-expertise may be requested by any of them. */
export const PROFESSIONS = [
  'doctor',
  'midwife',
  'nurse',
  'speech-therapist',
  'physiotherapist',
  'podiatrist',
  'pharmacist',
  'other',
] as const;
export type Profession = (typeof PROFESSIONS)[number];
export const REQUESTER_PROFESSIONS = PROFESSIONS;
export type RequesterProfession = Profession;

// ── assisted teleconsultation ───────────────────────────────────────────────────────────────────

export const ASSISTANCE_SETTINGS = ['planned-care', 'dedicated-place', 'home-visit'] as const;
export type AssistanceSetting = (typeof ASSISTANCE_SETTINGS)[number];

// ── telemonitoring (télésurveillance médicale) ──────────────────────────────────────────────────

export const INDICATIONS = ['heart-failure', 'renal-failure', 'respiratory-failure', 'diabetes', 'cardiac-implant', 'oncology'] as const;
export type Indication = (typeof INDICATIONS)[number];
export const MONITORING_LEVELS = ['standard', 'enhanced-1', 'enhanced-2'] as const;
export type MonitoringLevel = (typeof MONITORING_LEVELS)[number];

// ── decisions ───────────────────────────────────────────────────────────────────────────────────

/** The fields of a decision, of any kind, that are amounts in euros. */
export const DECISION_AMOUNT_FIELDS = [
  'fee',
  'amoAmount',
  'participationForfaitaire',
  'ticketModerateur',
  'expertFee',
  'requesterFee',
  'operatorFee',
  'technicalFee',
] as const;

export interface EvaluateOptions {
  /** Rules voted on but not confirmed in force; off unless a deployment turns them on. */
  pendingRules?: {
    /** PLFSS 2026 amendment AN n°1907: no renewal of a sick leave by telemedicine at all. */
    sickLeaveRenewalBan?: boolean;
  };
}
