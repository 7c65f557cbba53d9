// Validation of what comes from outside: a contract case (API body, CLI file) and a patient's
// answers. A malformed one gives issues naming the field (`answers.chest-pain-minutes`,
// `patient.age`) in our words, French and English, so the API (400) and the CLI (exit 2) can say it.
import type { Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import { boundOf, indexItems, isAnswerable, visibleLinkIds } from './engine.js';
import { SEXES, type AnswerValue, type Answers, type Message, type TriageIssue, type TriagePatient } from './types.js';

export const MAX_AGE = 130;
export const MAX_AGE_MONTHS = MAX_AGE * 12;
/** The longest free text an answer may hold. */
export const MAX_TEXT = 2_000;

const MESSAGES = {
  object: { fr: 'doit être un objet JSON.', en: 'must be a JSON object.' },
  required: { fr: 'est obligatoire.', en: 'is required.' },
  unknownField: { fr: 'n’est pas un champ d’un cas.', en: 'is not a field of a case.' },
  unknownItem: { fr: 'n’est pas une question de ce questionnaire.', en: 'is not a question of this questionnaire.' },
  boolean: { fr: 'doit être un booléen (true ou false).', en: 'must be a boolean (true or false).' },
  integer: { fr: 'doit être un nombre entier.', en: 'must be a whole number.' },
  number: { fr: 'doit être un nombre.', en: 'must be a number.' },
  string: { fr: 'doit être une chaîne de caractères.', en: 'must be a string.' },
  date: { fr: 'doit être une date AAAA-MM-JJ.', en: 'must be a date YYYY-MM-DD.' },
  control: { fr: 'ne doit pas contenir de caractère de contrôle.', en: 'must not contain a control character.' },
  range: (min: number, max: number): Message => ({
    fr: `doit être compris entre ${min} et ${max}.`,
    en: `must be between ${min} and ${max}.`,
  }),
  maxLength: (max: number): Message => ({ fr: `doit faire au plus ${max} caractères.`, en: `must be at most ${max} characters long.` }),
  oneOf: (values: readonly string[]): Message => {
    const list = values.map((v) => JSON.stringify(v)).join(', ');
    return { fr: `doit valoir l’un de : ${list}.`, en: `must be one of: ${list}.` };
  },
  unanswered: { fr: 'attend une réponse.', en: 'needs an answer.' },
};

function issue(path: string, code: string, message: Message): TriageIssue {
  const where = path === '' ? { fr: 'Le cas', en: 'The case' } : { fr: `« ${path} »`, en: `"${path}"` };
  const detail = { fr: capitalised(message.fr), en: capitalised(message.en) };
  return { path, code, message: { fr: `${where.fr} ${message.fr}`, en: `${where.en} ${message.en}` }, detail };
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year <= 2199 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The codes a choice offers. */
export function optionCodes(item: QuestionnaireItem): string[] {
  return (item.answerOption ?? [])
    .map((option) => option.valueCoding?.code ?? option.valueString)
    .filter((c): c is string => c !== undefined);
}

/** Whether `value` fits the item; the issue's message when it does not. */
export function checkAnswer(item: QuestionnaireItem, value: unknown): Message | undefined {
  const min = boundOf(item, 'minValue');
  const max = boundOf(item, 'maxValue');
  const inRange = (n: number) => (min === undefined || n >= min) && (max === undefined || n <= max);
  const range = () => MESSAGES.range(min ?? -Infinity, max ?? Infinity);
  switch (item.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : MESSAGES.boolean;
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return MESSAGES.integer;
      if (!Number.isInteger(value)) return MESSAGES.integer;
      return inRange(value) ? undefined : range();
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) return MESSAGES.number;
      return inRange(value) ? undefined : range();
    case 'choice': {
      const codes = optionCodes(item);
      return typeof value === 'string' && codes.includes(value) ? undefined : MESSAGES.oneOf(codes);
    }
    case 'date':
      return typeof value === 'string' && isRealDate(value) ? undefined : MESSAGES.date;
    default: {
      // open-choice, string, text
      if (typeof value !== 'string') return MESSAGES.string;
      const limit = Math.min(item.maxLength ?? MAX_TEXT, MAX_TEXT);
      if (value.length > limit) return MESSAGES.maxLength(limit);
      if (CONTROL.test(value)) return MESSAGES.control;
      return undefined;
    }
  }
}

/** The issues of answers given to a questionnaire: each must name one of its questions and fit it. */
export function checkAnswers(questionnaire: Questionnaire, answers: unknown, path = 'answers'): TriageIssue[] {
  if (!isObject(answers)) return [issue(path, 'invalid-type', MESSAGES.object)];
  const { byLinkId } = indexItems(questionnaire);
  const issues: TriageIssue[] = [];
  for (const [linkId, value] of Object.entries(answers)) {
    const item = byLinkId.get(linkId);
    const where = `${path}.${linkId}`;
    if (!item || !isAnswerable(item)) {
      issues.push(issue(where, 'unknown-field', MESSAGES.unknownItem));
      continue;
    }
    const problem = checkAnswer(item, value);
    if (problem) issues.push(issue(where, value === undefined || value === null ? 'required' : 'invalid-value', problem));
  }
  return issues;
}

/** The issues of complete answers: every shown question marked `required` answered. */
export function checkRequiredAnswers(questionnaire: Questionnaire, answers: Answers, path = 'answers'): TriageIssue[] {
  const visible = visibleLinkIds(questionnaire, answers);
  const issues: TriageIssue[] = [];
  for (const [linkId, item] of indexItems(questionnaire).byLinkId) {
    if (item.required && isAnswerable(item) && visible.has(linkId) && answers[linkId] === undefined) {
      issues.push(issue(`${path}.${linkId}`, 'required', MESSAGES.unanswered));
    }
  }
  return issues;
}

function checkWholeNumber(value: unknown, path: string, max: number, issues: TriageIssue[]): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) issues.push(issue(path, 'invalid-type', MESSAGES.integer));
  else if (!Number.isInteger(value)) issues.push(issue(path, 'not-integer', MESSAGES.integer));
  else if (value < 0 || value > max) issues.push(issue(path, 'out-of-range', MESSAGES.range(0, max)));
}

export type CaseParse = { ok: true; patient: TriagePatient; answers: Record<string, AnswerValue> } | { ok: false; issues: TriageIssue[] };

/** Validates one case of the contract against the questionnaire it is answered to. */
export function parseTriageCase(input: unknown, questionnaire: Questionnaire): CaseParse {
  if (!isObject(input)) return { ok: false, issues: [issue('', 'invalid-type', MESSAGES.object)] };
  const issues: TriageIssue[] = [];
  for (const key of Object.keys(input)) {
    if (!['patient', 'ageMonths', 'answers'].includes(key)) issues.push(issue(key, 'unknown-field', MESSAGES.unknownField));
  }
  const patient = input['patient'];
  if (patient === undefined) issues.push(issue('patient', 'required', MESSAGES.required));
  else if (!isObject(patient)) issues.push(issue('patient', 'invalid-type', MESSAGES.object));
  else {
    for (const key of Object.keys(patient)) {
      if (!['age', 'sex'].includes(key)) issues.push(issue(`patient.${key}`, 'unknown-field', MESSAGES.unknownField));
    }
    if (patient['age'] === undefined) issues.push(issue('patient.age', 'required', MESSAGES.required));
    else checkWholeNumber(patient['age'], 'patient.age', MAX_AGE, issues);
    const sex = patient['sex'];
    if (sex !== undefined && !(SEXES as readonly unknown[]).includes(sex)) {
      issues.push(issue('patient.sex', 'invalid-value', MESSAGES.oneOf(SEXES)));
    }
  }
  if (input['ageMonths'] !== undefined) checkWholeNumber(input['ageMonths'], 'ageMonths', MAX_AGE_MONTHS, issues);
  if (input['answers'] === undefined) issues.push(issue('answers', 'required', MESSAGES.required));
  else issues.push(...checkAnswers(questionnaire, input['answers']));
  if (issues.length) return { ok: false, issues };
  const { age, sex } = patient as { age: number; sex?: TriagePatient['sex'] };
  const ageMonths = input['ageMonths'] as number | undefined;
  return {
    ok: true,
    patient: { age, ...(sex ? { sex } : {}), ...(ageMonths !== undefined ? { ageMonths } : {}) },
    answers: { ...(input['answers'] as Record<string, AnswerValue>) },
  };
}

/** Thrown for a malformed case; carries every issue found. */
export class TriageCaseError extends Error {
  readonly issues: TriageIssue[];

  constructor(issues: TriageIssue[]) {
    super(`Malformed triage case: ${issues.map((i) => `${i.path || '(case)'}: ${i.message.en}`).join('; ')}`);
    this.name = 'TriageCaseError';
    this.issues = issues;
  }
}
