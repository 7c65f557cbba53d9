// The triage contract's vocabulary (shared/triage/contract.md): what a case holds, what an
// orientation says, and the orientation rules kept as data beside each questionnaire.
import type { Questionnaire } from '@medplum/fhirtypes';

/** An answer in the contract's flat form: a boolean, a number, or a string (a choice's code, a text, a date). */
export type AnswerValue = boolean | number | string;
/** Answers by linkId; an item not given is not reported. */
export type Answers = Readonly<Record<string, AnswerValue>>;

export const SEXES = ['F', 'M'] as const;
export type Sex = (typeof SEXES)[number];

/** Who answers: age in whole years; for infants, `ageMonths` takes precedence when given. */
export interface TriagePatient {
  age: number;
  ageMonths?: number;
  sex?: Sex;
}

/** From the least to the most strict: the strictest outcome any rule reaches wins. */
export const OUTCOMES = ['advice', 'teleconsultation', 'in-person', 'emergency-15'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const SEVERITIES = ['none', 'moderate', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Orientation {
  outcome: Outcome;
  severity: Severity;
  /** For the practitioner: "fever", "pregnancy", "interpreter-needed"… */
  flags: string[];
  /** Reason codes; each has a French and an English sentence (and, for the 15, the numbers) in the rules. */
  reasons: string[];
}

/** One case of the contract: the patient and the answers, as the API and the CLI take it. */
export interface TriageCase {
  patient: { age: number; sex?: Sex };
  ageMonths?: number;
  answers: Answers;
}

/**
 * When a rule applies: over the answers (after hidden items are dropped) and the patient. An
 * unreported answer matches no comparison; `answered` tells whether one was given.
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { answer: string; equals: AnswerValue }
  | { answer: string; atLeast: number }
  | { answer: string; below: number }
  | { answer: string; answered: boolean }
  | { ageMonths: { atLeast?: number; below?: number } }
  | { sex: Sex };

export interface OrientationRule {
  /** Stable within a questionnaire; the reasons it gives come from `reason`. */
  id: string;
  when: Condition;
  outcome: Outcome;
  severity: Severity;
  flags?: string[];
  /** A code of the rules' `reasons`; a flag-only rule may give none. */
  reason?: string;
}

/** A reason's sentence for the patient, in French and English; for the 15, the numbers to call. */
export interface ReasonText {
  fr: string;
  en: string;
  /** e.g. ["15", "112", "114"], or ["3114", "15", "112", "114"] for suicidal thoughts. */
  numbers?: string[];
}

export interface OrientationRules {
  rules: OrientationRule[];
  reasons: Record<string, ReasonText>;
}

/**
 * A triage questionnaire: the FHIR R4 Questionnaire the patient answers (its `url` and `version`
 * name it; a new version is a new object, so past answers keep the version they were given to) and
 * the orientation rules beside it.
 */
export interface TriageQuestionnaire {
  questionnaire: Questionnaire;
  orientation: OrientationRules;
}

/** A message a person reads, in both languages. */
export interface Message {
  fr: string;
  en: string;
}

/** A problem found in a questionnaire, its rules, a case or its answers: where, what, and in words. */
export interface TriageIssue {
  /** `answers.chest-pain-minutes`, `patient.age`, `item[2].item[0].type`, `orientation.rules[3].when`… */
  path: string;
  code: string;
  message: Message;
  /** The message without the field's name, for a reply that names the field beside it. */
  detail?: Message;
}
