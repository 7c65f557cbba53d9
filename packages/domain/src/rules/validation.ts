// Validation of a rules request coming from outside (API body, CLI file, screen form): the shape
// of the contract, every field typed, no unknown field at any level, real dates and times,
// possible ages. A well-formed request comes back with the contract's defaults filled in; a
// malformed one gives issues naming the field (`patient.age`), so the API (400 problem+json) and
// the CLI (exit 2) can point at it. Written by hand: the domain package has no dependency.
import { FIRST_YEAR, LAST_YEAR, isIsoDate, isWallTime } from './calendar.js';
import {
  ASSISTANCE_SETTINGS,
  COVERAGES,
  INDICATIONS,
  MIDWIFE_ACTS,
  MONITORING_LEVELS,
  REQUESTER_PROFESSIONS,
  RESIDENCES,
  RULES_KINDS,
  SPECIALTIES,
  TREATING_DOCTOR_STATUSES,
  type ParsedRulesRequest,
  type RulesKind,
} from './types.js';

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

// ── a small schema language ─────────────────────────────────────────────────────────────────────

type Spec =
  | { type: 'boolean' }
  | { type: 'number'; min: number; max: number; integer: boolean }
  | { type: 'string'; maxLength: number }
  | { type: 'date' }
  | { type: 'time' }
  | { type: 'enum'; values: readonly (string | number)[] }
  | { type: 'array'; items: Spec; maxItems: number; unique: boolean }
  | { type: 'object'; fields: Readonly<Record<string, Field>> };

interface Field {
  spec: Spec;
  /** Absent → issue `required`. */
  required?: boolean;
  /** Absent → this value (the contract's default). */
  default?: unknown;
  /** Absent object → filled from `{}`, so that its own defaults apply. */
  fill?: boolean;
}

const boolean = (defaultValue?: boolean): Field => ({ spec: { type: 'boolean' }, default: defaultValue });
const integer = (min: number, max: number, field: Omit<Field, 'spec'> = {}): Field => ({
  spec: { type: 'number', min, max, integer: true },
  ...field,
});
const amount = (min: number, max: number, field: Omit<Field, 'spec'> = {}): Field => ({
  spec: { type: 'number', min, max, integer: false },
  ...field,
});
const oneOf = (values: readonly (string | number)[], field: Omit<Field, 'spec'> = {}): Field => ({
  spec: { type: 'enum', values },
  ...field,
});
const object = (fields: Record<string, Field>, field: Omit<Field, 'spec'> = {}): Field => ({ spec: { type: 'object', fields }, ...field });
const date = (field: Omit<Field, 'spec'> = {}): Field => ({ spec: { type: 'date' }, ...field });
const required = { required: true } as const;

/** Ages in whole years: 130 is beyond any recorded human life. */
const age = integer(0, 130, required);
/** Euro amounts the engine accepts: never negative, below any plausible bill. */
const MAX_EUROS = 100_000;
/** Sick leave: up to 3 years, the longest an IJ can run. */
const MAX_LEAVE_DAYS = 1095;
const MAX_MONTHS = 1200;

const SCHEMAS: Readonly<Record<RulesKind, Spec>> = {
  teleconsultation: {
    type: 'object',
    fields: {
      kind: oneOf(['teleconsultation'], required),
      date: date(required),
      time: { spec: { type: 'time' } },
      modality: oneOf(['video', 'phone'], required),
      completed: boolean(true),
      practitioner: object(
        {
          profession: oneOf(['doctor', 'midwife'], required),
          specialty: oneOf(SPECIALTIES, { default: 'general-practice' }),
          sector: oneOf([1, 2], { default: 1 }),
          optam: boolean(false),
          isTreatingDoctor: boolean(false),
          local: boolean(true),
          company: object({ approved: { spec: { type: 'boolean' }, required: true } }),
        },
        required,
      ),
      patient: object(
        {
          age,
          treatingDoctor: oneOf(TREATING_DOCTOR_STATUSES, { default: 'referred' }),
          residence: oneOf(RESIDENCES, { default: 'home' }),
          livesInZip: boolean(false),
          coverage: { spec: { type: 'array', items: { type: 'enum', values: COVERAGES }, maxItems: 20, unique: true }, default: [] },
          pregnancyMonth: integer(1, 9),
          participationsPaidThisYear: amount(0, MAX_EUROS, { default: 0 }),
          lastInPersonVisit: date(),
        },
        required,
      ),
      context: object(
        {
          emergency: boolean(false),
          sasReferral: boolean(false),
          midwifeAct: oneOf(MIDWIFE_ACTS),
          feeCharged: amount(0, MAX_EUROS),
        },
        { fill: true },
      ),
    },
  },
  'sick-leave': {
    type: 'object',
    fields: {
      kind: oneOf(['sick-leave'], required),
      date: date(required),
      prescriber: object({ isTreatingDoctor: boolean(false), isReferenceMidwife: boolean(false) }, { fill: true }),
      requestedDays: integer(1, MAX_LEAVE_DAYS, required),
      existingLeaveDays: integer(0, MAX_LEAVE_DAYS, { default: 0 }),
      patientJustifiesNoInPersonAccess: boolean(false),
    },
  },
  teleexpertise: {
    type: 'object',
    fields: {
      kind: oneOf(['teleexpertise'], required),
      date: date(required),
      requester: object({ profession: oneOf(REQUESTER_PROFESSIONS, required) }, required),
      expert: object({ profession: oneOf(['doctor', 'midwife'], required) }, required),
      patient: object({ teleexpertisesThisYear: integer(0, 1000, { default: 0 }) }, { fill: true }),
    },
  },
  assistance: {
    type: 'object',
    fields: {
      kind: oneOf(['assistance'], required),
      date: date(required),
      assistant: oneOf(['nurse', 'pharmacist'], required),
      setting: oneOf(ASSISTANCE_SETTINGS),
      feeChargedToPatient: amount(0, MAX_EUROS),
    },
  },
  telemonitoring: {
    type: 'object',
    fields: {
      kind: oneOf(['telemonitoring'], required),
      date: date(required),
      indication: oneOf(INDICATIONS, required),
      level: oneOf(MONITORING_LEVELS, { default: 'standard' }),
      patient: object({ age }, required),
      prescriber: object({ specialty: oneOf(SPECIALTIES), rhythmologyCompetent: boolean(false) }, { fill: true }),
      operator: object({ declaredToArs: boolean(true) }, { fill: true }),
      monthsSincePrescription: integer(1, MAX_MONTHS),
      monthsAtCurrentLevel: integer(1, MAX_MONTHS),
      adherence: object({ month: integer(1, MAX_MONTHS, required), transmissionRate: amount(0, 1, required) }),
    },
  },
  identifier: {
    type: 'object',
    fields: {
      kind: oneOf(['identifier'], required),
      system: oneOf(['nir', 'rpps', 'finess'], required),
      value: { spec: { type: 'string', maxLength: 64 }, required: true },
    },
  },
  'activity-cap': {
    type: 'object',
    fields: {
      kind: oneOf(['activity-cap'], required),
      date: date(required),
      specialty: oneOf(SPECIALTIES, required),
      teleconsultationShare: amount(0, 1, required),
    },
  },
};

const KINDS: ReadonlySet<string> = new Set(RULES_KINDS);

/** Validates `input` against the rules contract; fills the defaults of a well-formed request. */
export function parseRulesRequest(input: unknown): ParseResult {
  const issues: RulesRequestIssue[] = [];
  if (!isPlainObject(input)) {
    issues.push(issue('', 'invalid-type', expectedType({ type: 'object', fields: {} })));
    return { ok: false, issues };
  }
  const kind = input['kind'];
  if (kind === undefined) {
    issues.push(issue('kind', 'required', MESSAGES.required));
    return { ok: false, issues };
  }
  if (typeof kind !== 'string' || !KINDS.has(kind)) {
    issues.push(issue('kind', 'invalid-value', MESSAGES.oneOf(RULES_KINDS)));
    return { ok: false, issues };
  }
  const request = check(input, SCHEMAS[kind as RulesKind], '', issues);
  return issues.length === 0 ? { ok: true, request: request as ParsedRulesRequest } : { ok: false, issues };
}

function check(value: unknown, spec: Spec, path: string, issues: RulesRequestIssue[]): unknown {
  switch (spec.type) {
    case 'boolean':
      if (typeof value !== 'boolean') issues.push(issue(path, 'invalid-type', expectedType(spec)));
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        issues.push(issue(path, 'invalid-type', expectedType(spec)));
      } else if (spec.integer && !Number.isInteger(value)) {
        issues.push(issue(path, 'not-integer', MESSAGES.integer));
      } else if (value < spec.min || value > spec.max) {
        issues.push(issue(path, 'out-of-range', MESSAGES.range(spec.min, spec.max)));
      }
      return value;
    case 'string':
      if (typeof value !== 'string') issues.push(issue(path, 'invalid-type', expectedType(spec)));
      else if (value.length > spec.maxLength) issues.push(issue(path, 'out-of-range', MESSAGES.maxLength(spec.maxLength)));
      return value;
    case 'date':
      if (typeof value !== 'string') issues.push(issue(path, 'invalid-type', expectedType(spec)));
      else if (!isIsoDate(value)) issues.push(issue(path, 'invalid-date', MESSAGES.date));
      return value;
    case 'time':
      if (typeof value !== 'string') issues.push(issue(path, 'invalid-type', expectedType(spec)));
      else if (!isWallTime(value)) issues.push(issue(path, 'invalid-time', MESSAGES.time));
      return value;
    case 'enum':
      if (!spec.values.includes(value as string | number)) {
        const isWrongType = typeof value !== typeof spec.values[0];
        issues.push(issue(path, isWrongType ? 'invalid-type' : 'invalid-value', MESSAGES.oneOf(spec.values)));
      }
      return value;
    case 'array': {
      if (!Array.isArray(value)) {
        issues.push(issue(path, 'invalid-type', expectedType(spec)));
        return value;
      }
      if (value.length > spec.maxItems) {
        issues.push(issue(path, 'out-of-range', MESSAGES.maxItems(spec.maxItems)));
        return value;
      }
      const items: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const item = check(value[i], spec.items, `${path}[${i}]`, issues);
        // Repeating a coverage changes nothing: kept once.
        if (!spec.unique || !items.includes(item)) items.push(item);
      }
      return items;
    }
    case 'object': {
      if (!isPlainObject(value)) {
        issues.push(issue(path, 'invalid-type', expectedType(spec)));
        return value;
      }
      const result: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        if (!Object.hasOwn(spec.fields, key)) issues.push(issue(join(path, key), 'unknown-field', MESSAGES.unknownField));
      }
      for (const key of Object.keys(spec.fields)) {
        const field = spec.fields[key]!;
        const fieldPath = join(path, key);
        const fieldValue = Object.hasOwn(value, key) ? value[key] : undefined;
        if (fieldValue === undefined) {
          if (field.required) issues.push(issue(fieldPath, 'required', MESSAGES.required));
          else if (field.fill) result[key] = check({}, field.spec, fieldPath, issues);
          else if (field.default !== undefined) result[key] = Array.isArray(field.default) ? [...field.default] : field.default;
          continue;
        }
        result[key] = check(fieldValue, field.spec, fieldPath, issues);
      }
      return result;
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function issue(path: string, code: RulesRequestIssueCode, message: { fr: string; en: string }): RulesRequestIssue {
  const where = path === '' ? { fr: 'La requête', en: 'The request' } : { fr: `« ${path} »`, en: `"${path}"` };
  return { path, code, message: { fr: `${where.fr} ${message.fr}`, en: `${where.en} ${message.en}` } };
}

function expectedType(spec: Spec): { fr: string; en: string } {
  switch (spec.type) {
    case 'boolean':
      return { fr: 'doit être un booléen (true ou false).', en: 'must be a boolean (true or false).' };
    case 'number':
      return { fr: 'doit être un nombre.', en: 'must be a number.' };
    case 'string':
      return { fr: 'doit être une chaîne de caractères.', en: 'must be a string.' };
    case 'date':
      return { fr: 'doit être une date AAAA-MM-JJ (chaîne).', en: 'must be a date string YYYY-MM-DD.' };
    case 'time':
      return { fr: 'doit être une heure HH:MM (chaîne).', en: 'must be a time string HH:MM.' };
    case 'enum':
      return MESSAGES.oneOf(spec.values);
    case 'array':
      return { fr: 'doit être une liste.', en: 'must be an array.' };
    case 'object':
      return { fr: 'doit être un objet JSON.', en: 'must be a JSON object.' };
  }
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
  oneOf: (values: readonly (string | number)[]) => {
    const list = values.map((v) => JSON.stringify(v)).join(', ');
    return { fr: `doit valoir l’un de : ${list}.`, en: `must be one of: ${list}.` };
  },
};
