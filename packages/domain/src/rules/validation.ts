// Validation of a rules request coming from outside (API body, CLI file, screen form) against the
// contract's schema (`schema.ts`). A well-formed request comes back with the contract's defaults
// filled in; a malformed one gives issues naming the field (`patient.age`, `patient.coverage[1]`),
// so the API (400 problem+json) and the CLI (exit 2) can point at it. The messages are ours, in
// French and English, never zod's: people read them.
import { z } from 'zod';
import { FIRST_YEAR, LAST_YEAR } from './calendar.js';
import { RulesRequest, type ParsedRulesRequest } from './schema.js';
import { RULES_KINDS } from './types.js';

export type RulesRequestIssueCode =
  'invalid-type' | 'required' | 'unknown-field' | 'invalid-value' | 'not-integer' | 'out-of-range' | 'invalid-date' | 'invalid-time';

export interface RulesRequestIssue {
  /** Where, from the request's root: `patient.age`, `patient.coverage[1]`; empty for the request itself. */
  path: string;
  code: RulesRequestIssueCode;
  message: { fr: string; en: string };
}

export type ParseResult = { ok: true; request: ParsedRulesRequest } | { ok: false; issues: RulesRequestIssue[] };

/** Thrown by `evaluate` for a malformed request; carries every issue found. */
export class RulesRequestError extends Error {
  readonly issues: RulesRequestIssue[];

  constructor(issues: RulesRequestIssue[]) {
    super(`Malformed rules request: ${issues.map((issue) => `${issue.path || '(request)'}: ${issue.message.en}`).join('; ')}`);
    this.name = 'RulesRequestError';
    this.issues = issues;
  }
}

/** Validates `input` against the rules contract; fills the defaults of a well-formed request. */
export function parseRulesRequest(input: unknown): ParseResult {
  const result = RulesRequest.safeParse(input);
  if (result.success) return { ok: true, request: result.data };
  const issues: RulesRequestIssue[] = [];
  for (const found of result.error.issues.flatMap((zodIssue) => issuesOf(zodIssue, input))) {
    // One issue per field, the first found: a date both badly written and out of range is one mistake.
    if (!issues.some((known) => known.path === found.path)) issues.push(found);
  }
  return { ok: false, issues };
}

type Path = readonly PropertyKey[];
type Message = { fr: string; en: string };

/** Our issues for one of zod's: its code and path, told in our words from the schema of the field. */
function issuesOf(zodIssue: z.core.$ZodIssue, input: unknown): RulesRequestIssue[] {
  const { path } = zodIssue;
  const value = valueAt(input, path);
  const field = schemaAt(input, path);
  switch (zodIssue.code) {
    case 'unrecognized_keys':
      return zodIssue.keys.map((key) => issue([...path, key], 'unknown-field', MESSAGES.unknownField));
    case 'invalid_union':
      // Only the discriminator makes a union here: the request's kind is missing or none of the contract's.
      return [value === undefined ? issue(path, 'required', MESSAGES.required) : issue(path, 'invalid-value', MESSAGES.oneOf(RULES_KINDS))];
    case 'invalid_type':
      if (value === undefined && path.length > 0) return [issue(path, 'required', MESSAGES.required)];
      if (typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value)) {
        return [issue(path, 'not-integer', MESSAGES.integer)];
      }
      return [issue(path, 'invalid-type', expected(field))];
    case 'invalid_value': {
      const isWrongType = typeof value !== typeof zodIssue.values[0];
      return [issue(path, isWrongType ? 'invalid-type' : 'invalid-value', MESSAGES.oneOf(zodIssue.values))];
    }
    case 'invalid_format':
      if (zodIssue.format === 'date') return [issue(path, 'invalid-date', MESSAGES.date)];
      if (zodIssue.format === 'time') return [issue(path, 'invalid-time', MESSAGES.time)];
      return [issue(path, 'invalid-value', expected(field))];
    case 'custom':
      // The refinement of dates: a real day, but outside the years the engine accepts.
      if (zodIssue.params?.['issue'] === 'invalid-date') return [issue(path, 'invalid-date', MESSAGES.date)];
      return [issue(path, 'invalid-value', expected(field))];
    case 'too_small':
    case 'too_big':
      if (field instanceof z.ZodNumber && field.minValue !== null && field.maxValue !== null) {
        return [issue(path, 'out-of-range', MESSAGES.range(field.minValue, field.maxValue))];
      }
      // Lists and strings have a most, never a least.
      if (zodIssue.code === 'too_big' && zodIssue.origin === 'array') {
        return [issue(path, 'out-of-range', MESSAGES.maxItems(Number(zodIssue.maximum)))];
      }
      if (zodIssue.code === 'too_big' && zodIssue.origin === 'string') {
        return [issue(path, 'out-of-range', MESSAGES.maxLength(Number(zodIssue.maximum)))];
      }
      return [issue(path, 'out-of-range', expected(field))];
    default:
      return [issue(path, 'invalid-value', expected(field))];
  }
}

/** The value the client sent at `path`, or undefined when there is none. */
function valueAt(input: unknown, path: Path): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The schema of the field at `path`, for the request's kind, without its optional or default wrapper. */
function schemaAt(input: unknown, path: Path): z.ZodType | undefined {
  const kind = valueAt(input, ['kind']);
  let schema: z.ZodType | undefined = RulesRequest.options.find((option) => option.shape.kind.value === kind);
  for (const key of path) {
    schema = schema && unwrap(schema);
    if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, z.ZodType>)[String(key)];
    else if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else return undefined;
  }
  return schema && unwrap(schema);
}

function unwrap(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) {
    return unwrap(schema.unwrap() as z.ZodType);
  }
  return schema;
}

/** What the field expects, for a value of the wrong type. */
function expected(field: z.ZodType | undefined): Message {
  if (field instanceof z.ZodBoolean) return { fr: 'doit être un booléen (true ou false).', en: 'must be a boolean (true or false).' };
  if (field instanceof z.ZodNumber) return { fr: 'doit être un nombre.', en: 'must be a number.' };
  if (field instanceof z.ZodStringFormat && field.format === 'date') {
    return { fr: 'doit être une date AAAA-MM-JJ (chaîne).', en: 'must be a date string YYYY-MM-DD.' };
  }
  if (field instanceof z.ZodStringFormat && field.format === 'time') {
    return { fr: 'doit être une heure HH:MM (chaîne).', en: 'must be a time string HH:MM.' };
  }
  if (field instanceof z.ZodString) return { fr: 'doit être une chaîne de caractères.', en: 'must be a string.' };
  if (field instanceof z.ZodEnum) return MESSAGES.oneOf(field.options);
  if (field instanceof z.ZodLiteral) return MESSAGES.oneOf([...field.values] as (string | number)[]);
  if (field instanceof z.ZodArray) return { fr: 'doit être une liste.', en: 'must be an array.' };
  return { fr: 'doit être un objet JSON.', en: 'must be a JSON object.' };
}

function issue(path: Path, code: RulesRequestIssueCode, message: Message): RulesRequestIssue {
  const field = pathText(path);
  const where = field === '' ? { fr: 'La requête', en: 'The request' } : { fr: `« ${field} »`, en: `"${field}"` };
  return { path: field, code, message: { fr: `${where.fr} ${message.fr}`, en: `${where.en} ${message.en}` } };
}

/** `patient.coverage[1]`: keys joined by dots, array indexes in brackets. */
function pathText(path: Path): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
}

const MESSAGES = {
  required: { fr: 'est obligatoire.', en: 'is required.' },
  unknownField: { fr: 'n’est pas un champ de cette requête.', en: 'is not a field of this request.' },
  integer: { fr: 'doit être un nombre entier.', en: 'must be a whole number.' },
  date: {
    fr: `doit être un jour réel du calendrier, écrit AAAA-MM-JJ (années ${FIRST_YEAR} à ${LAST_YEAR}).`,
    en: `must be a real calendar day written YYYY-MM-DD (years ${FIRST_YEAR} to ${LAST_YEAR}).`,
  },
  time: {
    fr: 'doit être une heure de Paris écrite HH:MM (00:00 à 23:59).',
    en: 'must be a Paris wall time written HH:MM (00:00 to 23:59).',
  },
  range: (min: number, max: number) => ({ fr: `doit être compris entre ${min} et ${max}.`, en: `must be between ${min} and ${max}.` }),
  maxLength: (max: number) => ({ fr: `doit faire au plus ${max} caractères.`, en: `must be at most ${max} characters long.` }),
  maxItems: (max: number) => ({ fr: `ne peut pas avoir plus de ${max} éléments.`, en: `cannot have more than ${max} items.` }),
  oneOf: (values: readonly unknown[]) => {
    const list = values.map((v) => JSON.stringify(v)).join(', ');
    return { fr: `doit valoir l’un de : ${list}.`, en: `must be one of: ${list}.` };
  },
};
