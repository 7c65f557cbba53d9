// Shapes of the questions and answers of the rules engine, exactly as the rules contract
// (shared/rules/contract.md) fixes them. `…Request` is what a client sends (optional fields may be
// left out); `Parsed…` is the same after validation, with the contract's defaults filled in.
import type { ReasonCode, WarningCode } from './codes.js';

/** `YYYY-MM-DD`, the day of the act: the rules in force that day apply. */
export type IsoDate = string;
/** Europe/Paris wall time `HH:MM`. */
export type WallTime = string;

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

// ── teleconsultation ────────────────────────────────────────────────────────────────────────────

export interface TeleconsultationRequest {
  kind: 'teleconsultation';
  date: IsoDate;
  time?: WallTime;
  modality: 'video' | 'phone';
  completed?: boolean;
  practitioner: {
    profession: 'doctor' | 'midwife';
    specialty?: Specialty;
    sector?: 1 | 2;
    optam?: boolean;
    isTreatingDoctor?: boolean;
    local?: boolean;
    company?: { approved: boolean };
  };
  patient: {
    age: number;
    treatingDoctor?: TreatingDoctorStatus;
    residence?: Residence;
    livesInZip?: boolean;
    coverage?: Coverage[];
    pregnancyMonth?: number;
    participationsPaidThisYear?: number;
    lastInPersonVisit?: IsoDate;
  };
  context?: {
    emergency?: boolean;
    sasReferral?: boolean;
    midwifeAct?: MidwifeAct;
    feeCharged?: number;
  };
}

export interface ParsedTeleconsultationRequest {
  kind: 'teleconsultation';
  date: IsoDate;
  time?: WallTime;
  modality: 'video' | 'phone';
  completed: boolean;
  practitioner: {
    profession: 'doctor' | 'midwife';
    specialty: Specialty;
    sector: 1 | 2;
    optam: boolean;
    isTreatingDoctor: boolean;
    local: boolean;
    company?: { approved: boolean };
  };
  patient: {
    age: number;
    treatingDoctor: TreatingDoctorStatus;
    residence: Residence;
    livesInZip: boolean;
    coverage: Coverage[];
    pregnancyMonth?: number;
    participationsPaidThisYear: number;
    lastInPersonVisit?: IsoDate;
  };
  context: {
    emergency: boolean;
    sasReferral: boolean;
    midwifeAct?: MidwifeAct;
    feeCharged?: number;
  };
}

export interface TeleconsultationDecision extends Explained {
  billable: boolean;
  reimbursable: boolean;
  code: 'TCG' | 'TC' | null;
  fee: number | null;
  amoRate: number;
  amoAmount: number;
  participationForfaitaire: number;
  ticketModerateur: number;
  tiersPayant: 'full' | 'amo' | 'optional';
}

// ── sick leave (arrêt de travail prescribed during a telemedicine act) ──────────────────────────

export interface SickLeaveRequest {
  kind: 'sick-leave';
  date: IsoDate;
  prescriber?: { isTreatingDoctor?: boolean; isReferenceMidwife?: boolean };
  requestedDays: number;
  existingLeaveDays?: number;
  patientJustifiesNoInPersonAccess?: boolean;
}

export interface ParsedSickLeaveRequest {
  kind: 'sick-leave';
  date: IsoDate;
  prescriber: { isTreatingDoctor: boolean; isReferenceMidwife: boolean };
  requestedDays: number;
  existingLeaveDays: number;
  patientJustifiesNoInPersonAccess: boolean;
}

export interface SickLeaveDecision extends Explained {
  allowed: boolean;
  maxDays: number | null;
}

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

export interface TeleexpertiseRequest {
  kind: 'teleexpertise';
  date: IsoDate;
  requester: { profession: RequesterProfession };
  expert: { profession: 'doctor' | 'midwife' };
  patient?: { teleexpertisesThisYear?: number };
}

export interface ParsedTeleexpertiseRequest {
  kind: 'teleexpertise';
  date: IsoDate;
  requester: { profession: RequesterProfession };
  expert: { profession: 'doctor' | 'midwife' };
  patient: { teleexpertisesThisYear: number };
}

export interface TeleexpertiseDecision extends Explained {
  billable: boolean;
  expertCode: 'TE2' | null;
  expertFee: number | null;
  requesterCode: 'RQD' | null;
  requesterFee: number | null;
  amoRate: 1;
  tiersPayant: 'full';
}

// ── assisted teleconsultation ───────────────────────────────────────────────────────────────────

export const ASSISTANCE_SETTINGS = ['planned-care', 'dedicated-place', 'home-visit'] as const;
export type AssistanceSetting = (typeof ASSISTANCE_SETTINGS)[number];

export interface AssistanceRequest {
  kind: 'assistance';
  date: IsoDate;
  assistant: 'nurse' | 'pharmacist';
  setting?: AssistanceSetting;
  feeChargedToPatient?: number;
}
export type ParsedAssistanceRequest = AssistanceRequest;

export interface AssistanceDecision extends Explained {
  billable: boolean;
  code: 'TLS' | 'TLL' | 'TLD' | 'TLM' | null;
  fee: number | null;
}

// ── telemonitoring (télésurveillance médicale) ──────────────────────────────────────────────────

export const INDICATIONS = ['heart-failure', 'renal-failure', 'respiratory-failure', 'diabetes', 'cardiac-implant', 'oncology'] as const;
export type Indication = (typeof INDICATIONS)[number];
export const MONITORING_LEVELS = ['standard', 'enhanced-1', 'enhanced-2'] as const;
export type MonitoringLevel = (typeof MONITORING_LEVELS)[number];

export interface TelemonitoringRequest {
  kind: 'telemonitoring';
  date: IsoDate;
  indication: Indication;
  level?: MonitoringLevel;
  patient: { age: number };
  prescriber?: { specialty?: Specialty; rhythmologyCompetent?: boolean };
  operator?: { declaredToArs?: boolean };
  monthsSincePrescription?: number;
  monthsAtCurrentLevel?: number;
  adherence?: { month: number; transmissionRate: number };
}

export interface ParsedTelemonitoringRequest {
  kind: 'telemonitoring';
  date: IsoDate;
  indication: Indication;
  level: MonitoringLevel;
  patient: { age: number };
  prescriber: { specialty?: Specialty; rhythmologyCompetent: boolean };
  operator: { declaredToArs: boolean };
  monthsSincePrescription?: number;
  monthsAtCurrentLevel?: number;
  adherence?: { month: number; transmissionRate: number };
}

export interface TelemonitoringDecision extends Explained {
  eligible: boolean;
  billable: boolean;
  operatorFee: number | null;
  technicalFee: number | null;
}

// ── identifiers ─────────────────────────────────────────────────────────────────────────────────

export interface IdentifierRequest {
  kind: 'identifier';
  system: 'nir' | 'rpps' | 'finess';
  value: string;
}
export type ParsedIdentifierRequest = IdentifierRequest;

export interface IdentifierDecision extends Explained {
  valid: boolean;
  normalized: string | null;
}

// ── activity cap ────────────────────────────────────────────────────────────────────────────────

export interface ActivityCapRequest {
  kind: 'activity-cap';
  date: IsoDate;
  specialty: Specialty;
  /** Share of annual conventioned activity, own-patient acts as treating doctor excluded. */
  teleconsultationShare: number;
}
export type ParsedActivityCapRequest = ActivityCapRequest;

export interface ActivityCapDecision extends Explained {
  withinCap: boolean;
  cap: number;
}

// ── unions ──────────────────────────────────────────────────────────────────────────────────────

export interface Explained {
  reasons: ReasonCode[];
  warnings: WarningCode[];
  sources: string[];
}

export type RulesRequest =
  | TeleconsultationRequest
  | SickLeaveRequest
  | TeleexpertiseRequest
  | AssistanceRequest
  | TelemonitoringRequest
  | IdentifierRequest
  | ActivityCapRequest;

export type ParsedRulesRequest =
  | ParsedTeleconsultationRequest
  | ParsedSickLeaveRequest
  | ParsedTeleexpertiseRequest
  | ParsedAssistanceRequest
  | ParsedTelemonitoringRequest
  | ParsedIdentifierRequest
  | ParsedActivityCapRequest;

export type RulesKind = RulesRequest['kind'];
export const RULES_KINDS = [
  'teleconsultation',
  'sick-leave',
  'teleexpertise',
  'assistance',
  'telemonitoring',
  'identifier',
  'activity-cap',
] as const satisfies readonly RulesKind[];

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

export type RulesDecision =
  | TeleconsultationDecision
  | SickLeaveDecision
  | TeleexpertiseDecision
  | AssistanceDecision
  | TelemonitoringDecision
  | IdentifierDecision
  | ActivityCapDecision;

/** The decision type that answers a request of a given kind. */
export type DecisionFor<R extends { kind: RulesKind }> = R extends { kind: 'teleconsultation' }
  ? TeleconsultationDecision
  : R extends { kind: 'sick-leave' }
    ? SickLeaveDecision
    : R extends { kind: 'teleexpertise' }
      ? TeleexpertiseDecision
      : R extends { kind: 'assistance' }
        ? AssistanceDecision
        : R extends { kind: 'telemonitoring' }
          ? TelemonitoringDecision
          : R extends { kind: 'identifier' }
            ? IdentifierDecision
            : ActivityCapDecision;

export interface EvaluateOptions {
  /** Rules voted on but not confirmed in force; off unless a deployment turns them on. */
  pendingRules?: {
    /** PLFSS 2026 amendment AN n°1907: no renewal of a sick leave by telemedicine at all. */
    sickLeaveRenewalBan?: boolean;
  };
}
