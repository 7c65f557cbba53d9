import type { AlertLevel, AlertRuleType, Answers, Indication, ReadingKind, Snooze, SymptomFinding } from '@parcours/domain';
import type { Generated } from 'kysely';

export type AlertStatus = 'open' | 'acknowledged' | 'resolved';
export type ReadingSource = 'device' | 'patient' | 'practitioner';
/** v3-ObservationInterpretation codes a reading is marked with. */
export type InterpretationCode = 'N' | 'H' | 'L' | 'A' | 'HH' | 'LL' | 'AA';
/** The operator forfait's level (rules contract, `telemonitoring`). */
export type TelemonitoringLevel = 'standard' | 'enhanced-1' | 'enhanced-2';
/** Who operates: a medical professional alone, a private multi-professional team, a care structure. */
export type OperatorKind = 'doctor' | 'team' | 'structure';

/** Telemonitoring's tables: enrolments, device credentials, readings, alerts, symptom questionnaires. */
export interface TelemonitoringTables {
  telemonitoring_enrolments: {
    id: Generated<string>;
    patient_id: string;
    organisation_id: string;
    programme: Indication;
    prescriber_account_id: string;
    operator_account_id: string;
    starts_at: Date;
    ends_at: Date;
    overrides: Generated<unknown>;
    ended_at: Date | null;
    created_at: Generated<Date>;
    level: Generated<TelemonitoringLevel>;
    operator_kind: Generated<OperatorKind>;
    ars_declaration: string | null;
    patient_informed_at: Date | null;
    /** The rules engine's `telemonitoring` decision on the day of enrolment (null for enrolments made before it was kept). */
    eligibility: unknown;
  };
  telemonitoring_devices: {
    id: Generated<string>;
    enrolment_id: string;
    patient_id: string;
    label: string;
    token_hash: string;
    created_by_account_id: string;
    created_at: Generated<Date>;
    revoked_at: Date | null;
    last_used_at: Date | null;
  };
  telemonitoring_readings: {
    id: Generated<string>;
    patient_id: string;
    identifier: string;
    kind: ReadingKind;
    value: number | null;
    systolic: number | null;
    diastolic: number | null;
    unit: string;
    effective: string;
    effective_at: Date;
    source: ReadingSource;
    device_id: string | null;
    interpretation: InterpretationCode | null;
    received_at: Generated<Date>;
  };
  telemonitoring_alerts: {
    id: Generated<string>;
    enrolment_id: string;
    patient_id: string;
    organisation_id: string;
    rule_id: string;
    rule_type: AlertRuleType;
    reason: string;
    level: AlertLevel;
    direction: 'high' | 'low' | null;
    status: Generated<AlertStatus>;
    since: Date;
    last_evidence_at: Date;
    level_since: Date;
    observed: number | null;
    message: { fr: string; en: string };
    evidence: string[];
    snooze: Snooze | null;
    acknowledged_at: Date | null;
    acknowledged_by_account_id: string | null;
    resolved_at: Date | null;
    resolved_by_account_id: string | null;
    resolution_note: string | null;
    escalated_at: Date | null;
    notified_at: Date | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  /** A symptom questionnaire answered (oncology): its grade is also a `symptomGrade` reading of the same identifier. */
  telemonitoring_symptom_reports: {
    id: Generated<string>;
    patient_id: string;
    identifier: string;
    questionnaire: string;
    answers: Answers;
    grade: number;
    findings: SymptomFinding[];
    answered_at: Date;
    source: 'patient' | 'practitioner';
    created_at: Generated<Date>;
  };
}
