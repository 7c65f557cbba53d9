// Rows as the routes answer them.
import {
  explain,
  isSnoozed,
  levelOfGrade,
  SNOOZE_LADDERS,
  type OpenAlert,
  type RulesCode,
  type TelemonitoringDecision,
} from '@parcours/domain';
import type { z } from 'zod';
import type { Language } from '../../platform/http/language.js';
import { refusesEnrolment } from './eligibility.js';
import { planOf, ruleView } from './plan.js';
import type { Alert, Device, Eligibility, Enrolment, Reading, SymptomReport } from './schemas.js';
import type { SymptomReportRow } from './symptom-store.js';
import type { AlertRow, DeviceRow, EnrolmentRow } from './store.js';
import type { TelemonitoringTables } from './tables.js';

/** The engine's view of a stored alert (snoozes and escalation reason on it). */
export function openAlertOf(row: AlertRow): OpenAlert {
  return {
    ruleId: row.rule_id,
    ruleType: row.rule_type,
    reason: row.reason,
    level: row.level,
    ...(row.direction ? { direction: row.direction } : {}),
    since: row.since.toISOString(),
    lastEvidenceAt: row.last_evidence_at.toISOString(),
    evidence: row.evidence,
    ...(row.observed !== null ? { observed: row.observed } : {}),
    message: row.message,
  };
}

export function alertView(row: AlertRow, now: Date): z.infer<typeof Alert> {
  const snoozed = row.status !== 'resolved' && row.snooze !== null && isSnoozed(row.snooze, openAlertOf(row), now);
  return {
    id: row.id,
    patientId: row.patient_id,
    enrolmentId: row.enrolment_id,
    ruleId: row.rule_id,
    ruleType: row.rule_type,
    reason: row.reason,
    level: row.level,
    direction: row.direction,
    state: snoozed ? 'snoozed' : (row.status as 'open' | 'acknowledged' | 'resolved'),
    since: row.since.toISOString(),
    lastEvidenceAt: row.last_evidence_at.toISOString(),
    observed: row.observed,
    message: row.message,
    snoozedUntil: snoozed ? row.snooze!.until : null,
    nextSnoozeMinutes: [...SNOOZE_LADDERS[row.level]],
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    escalatedAt: row.escalated_at?.toISOString() ?? null,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    resolutionNote: row.resolution_note,
    createdAt: row.created_at.toISOString(),
  };
}

type ReadingRow = Pick<
  TelemonitoringTables['telemonitoring_readings'],
  'identifier' | 'kind' | 'value' | 'systolic' | 'diastolic' | 'unit' | 'effective' | 'effective_at' | 'interpretation' | 'source'
>;

export function readingView(row: ReadingRow): z.infer<typeof Reading> {
  return {
    identifier: row.identifier,
    kind: row.kind,
    value: row.value,
    systolic: row.systolic,
    diastolic: row.diastolic,
    unit: row.unit,
    effective: row.effective,
    at: row.effective_at.toISOString(),
    source: row.source,
    interpretation: row.interpretation,
  };
}

/** The rules' decision with each reason and warning in words. */
export function eligibilityView(decision: TelemonitoringDecision, language: Language): z.infer<typeof Eligibility> {
  const words = (codes: readonly string[]) => codes.map((code) => ({ code, text: explain(code as RulesCode)?.[language] ?? code }));
  return {
    eligible: decision.eligible,
    prescribable: !refusesEnrolment(decision),
    billable: decision.billable,
    operatorFee: decision.operatorFee,
    technicalFee: decision.technicalFee,
    reasons: words(decision.reasons),
    warnings: words(decision.warnings),
  };
}

export function enrolmentView(row: EnrolmentRow, language: Language = 'fr'): z.infer<typeof Enrolment> {
  const plan = planOf(row);
  return {
    id: row.id,
    patientId: row.patient_id,
    organisationId: row.organisation_id,
    programme: row.programme,
    name: plan.name,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    endedAt: row.ended_at?.toISOString() ?? null,
    expected: plan.expected,
    rules: plan.rules.map((rule) => ruleView(rule, plan)),
    overrides: row.overrides,
    parameters: plan.parameters,
    level: row.level,
    operator: { kind: row.operator_kind, arsDeclaration: row.ars_declaration },
    patientInformedAt: row.patient_informed_at?.toISOString() ?? null,
    eligibility: row.eligibility ? eligibilityView(row.eligibility as TelemonitoringDecision, language) : null,
  };
}

export function deviceView(row: DeviceRow): z.infer<typeof Device> {
  return {
    id: row.id,
    enrolmentId: row.enrolment_id,
    label: row.label,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}

export function symptomReportView(row: SymptomReportRow): z.infer<typeof SymptomReport> {
  return {
    identifier: row.identifier,
    answeredAt: row.answered_at.toISOString(),
    grade: row.grade,
    level: levelOfGrade(row.grade) ?? null,
    findings: row.findings,
  };
}
