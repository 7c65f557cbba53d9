// Orientation: which of the 15, an in-person visit, a teleconsultation or advice, with a severity,
// flags for the practitioner and reason codes. Pure: the same input always gives the same output.
import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import { parseTriageCase, TriageCaseError } from './answers.js';
import { DEFAULT_TRIAGE } from './default-questionnaire.js';
import { answersOf, dropHiddenAnswers, responseOf, withImpliedAnswers } from './engine.js';
import { SAFETY_REASONS, SAFETY_RULES } from './safety.js';
import {
  OUTCOMES,
  SEVERITIES,
  type Answers,
  type Condition,
  type Orientation,
  type OrientationRule,
  type Outcome,
  type ReasonText,
  type Severity,
  type TriagePatient,
  type TriageQuestionnaire,
} from './types.js';

export const DEFAULT_REASON = 'teleconsultation-suitable';

/** The patient's age in months: `ageMonths` when given, else whole years × 12 (age 0 alone: a newborn, the safer reading). */
export function ageInMonths(patient: TriagePatient): number {
  return patient.ageMonths ?? patient.age * 12;
}

export function outcomeRank(outcome: Outcome): number {
  return OUTCOMES.indexOf(outcome);
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function holds(condition: Condition, answers: Answers, months: number, patient: TriagePatient): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, answers, months, patient));
  if ('any' in condition) return condition.any.some((c) => holds(c, answers, months, patient));
  if ('not' in condition) return !holds(condition.not, answers, months, patient);
  if ('ageMonths' in condition) {
    const { atLeast, below } = condition.ageMonths;
    return (atLeast === undefined || months >= atLeast) && (below === undefined || months < below);
  }
  if ('sex' in condition) return patient.sex === condition.sex;
  const value = answers[condition.answer];
  if ('answered' in condition) return (value !== undefined) === condition.answered;
  if (value === undefined) return false;
  if ('equals' in condition) return value === condition.equals;
  if ('atLeast' in condition) return typeof value === 'number' && value >= condition.atLeast;
  return typeof value === 'number' && value < condition.below;
}

/**
 * The rules that apply to a questionnaire: the contract's safety rules always, whatever a copy
 * says, then the questionnaire's own (a rule reusing a safety rule's id is the safety rule).
 */
export function rulesOf(triage: TriageQuestionnaire): OrientationRule[] {
  const safetyIds = new Set(SAFETY_RULES.map((rule) => rule.id));
  return [...SAFETY_RULES, ...triage.orientation.rules.filter((rule) => !safetyIds.has(rule.id))];
}

/** A reason code's sentences: the safety rules' own, else the questionnaire's. */
export function reasonText(triage: TriageQuestionnaire, code: string): ReasonText | undefined {
  return SAFETY_REASONS[code] ?? triage.orientation.reasons[code];
}

/** Orients flat answers (already those of shown items). */
export function orientAnswers(triage: TriageQuestionnaire, answers: Answers, patient: TriagePatient): Orientation {
  const months = ageInMonths(patient);
  const matched = rulesOf(triage).filter((rule) => holds(rule.when, answers, months, patient));
  // With no rule reached, a teleconsultation suits; a rule reaching advice makes it advice, any
  // stricter rule wins over both.
  const outcome = matched.reduce<Outcome | undefined>(
    (strictest, rule) => (strictest === undefined || outcomeRank(rule.outcome) > outcomeRank(strictest) ? rule.outcome : strictest),
    undefined,
  );
  const severity = matched.reduce<Severity>((s, rule) => (severityRank(rule.severity) > severityRank(s) ? rule.severity : s), 'none');
  const flags = unique(matched.flatMap((rule) => rule.flags ?? []));
  const reasons = unique(matched.filter((rule) => rule.outcome === outcome && rule.reason).map((rule) => rule.reason!));
  return {
    outcome: outcome ?? 'teleconsultation',
    severity,
    flags,
    reasons: reasons.length ? reasons : [DEFAULT_REASON],
  };
}

/**
 * `orient(questionnaire, response, patient)`: the orientation of a QuestionnaireResponse given to
 * the questionnaire. Answers to items hidden by `enableWhen` are dropped before any rule reads them.
 */
export function orient(triage: TriageQuestionnaire, response: QuestionnaireResponse, patient: TriagePatient): Orientation {
  const answers = dropHiddenAnswers(triage.questionnaire, answersOf(triage.questionnaire, response));
  return orientAnswers(triage, answers, patient);
}

/**
 * One case of the contract (`{ patient, ageMonths?, answers }`) oriented with a questionnaire (the
 * default one unless named): throws `TriageCaseError` naming the fields of a malformed case.
 */
export function orientCase(input: unknown, triage: TriageQuestionnaire = DEFAULT_TRIAGE): Orientation {
  const parsed = parseTriageCase(input, triage.questionnaire);
  if (!parsed.ok) throw new TriageCaseError(parsed.issues);
  const answers = withImpliedAnswers(triage.questionnaire, parsed.answers);
  return orient(triage, responseOf(triage.questionnaire, answers), parsed.patient);
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
