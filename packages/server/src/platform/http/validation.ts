import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import type { Language } from './language.js';
import type { FieldIssue } from './problem.js';

/** A message in each language. */
type Message = Record<Language, string>;

/** A request part (body, query, params) that failed its zod schema; rendered by the error handler. */
export class RequestValidationError extends Error {
  validationContext?: string;
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super('request validation failed');
    this.name = 'RequestValidationError';
  }
}

/** Validates every route part with its zod schema; the input is kept on issues so messages can tell a missing field. */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    return result.success ? { value: result.data } : { error: new RequestValidationError(result.error.issues) };
  };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which parts of a request the route declares no schema for, and so takes none of. */
    undeclaredInput?: { query: boolean; body: boolean };
  }
}

/**
 * Unknown fields are refused, also where a route declares no query string or no body: such a route
 * takes none, and anything sent there is named as an unknown field rather than silently ignored.
 * Checked after the access checks and the declared schemas, like any validation. A WebSocket route
 * is left to its protocol, which reads its own query on upgrade (a resource token).
 */
export function refuseUndeclaredInput(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/') || (route as { wsHandler?: unknown }).wsHandler) return;
    route.config = { ...route.config, undeclaredInput: { query: !route.schema?.querystring, body: !route.schema?.body } };
  });
  app.addHook('preHandler', async (request) => {
    const undeclaredInput = request.routeOptions.config.undeclaredInput;
    if (!undeclaredInput) return;
    if (undeclaredInput.query) {
      const keys = Object.keys((request.query ?? {}) as object);
      if (keys.length > 0) throw undeclared('querystring', [{ code: 'unrecognized_keys', keys, path: [], message: '' }]);
    }
    if (undeclaredInput.body && request.body !== undefined) {
      const body = request.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw undeclared('body', [{ code: 'invalid_type', expected: 'object', path: [], message: '', input: body }]);
      }
      const keys = Object.keys(body);
      if (keys.length > 0) throw undeclared('body', [{ code: 'unrecognized_keys', keys, path: [], message: '' }]);
    }
  });
}

function undeclared(context: string, issues: z.core.$ZodIssue[]): RequestValidationError {
  const error = new RequestValidationError(issues);
  error.validationContext = context;
  return error;
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(body)';
}

/**
 * Zod issues as field issues in the user's language: the field's path, a stable code (zod's, with
 * hyphens, or the one a schema gave in `params.code`) and our own message, which names neither the
 * field (the screen shows it beside the field) nor the values of a list nor zod's wording. One issue
 * per field, the first found: a name both too long and with a control character is one mistake.
 */
export function fieldIssues(issues: readonly z.core.$ZodIssue[], language: Language, prefix: PropertyKey[] = []): FieldIssue[] {
  const found: FieldIssue[] = [];
  for (const issue of issues.flatMap((i) => flatten(i, language, prefix))) {
    if (!found.some((known) => known.field === issue.field)) found.push(issue);
  }
  return found;
}

function flatten(issue: z.core.$ZodIssue, language: Language, prefix: PropertyKey[]): FieldIssue[] {
  // A value matching none of a union's forms: report against the first form (the documented one).
  if (issue.code === 'invalid_union' && issue.errors[0]?.length) {
    return issue.errors[0].flatMap((inner) => flatten(inner, language, [...prefix, ...issue.path]));
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      field: fieldPath([...prefix, ...issue.path, key]),
      code: 'unknown-field',
      message: MESSAGES.unknownField[language],
    }));
  }
  const { code, message } = describe(issue);
  return [{ field: fieldPath([...prefix, ...issue.path]), code, message: message[language] }];
}

/** Our code and words for one of zod's issues. */
function describe(issue: z.core.$ZodIssue): { code: string; message: Message } {
  const code = issue.code.replace(/_/g, '-');
  switch (issue.code) {
    case 'invalid_type':
      // A field left out: said as such, whatever it should have been.
      if (issue.input === undefined) return { code, message: MESSAGES.required };
      return { code, message: EXPECTED[issue.expected] ?? MESSAGES.invalidType };
    case 'too_small':
      return { code, message: tooSmall(issue) };
    case 'too_big':
      return { code, message: tooBig(issue) };
    case 'invalid_format':
      return { code, message: FORMATS[issue.format] ?? MESSAGES.format };
    case 'invalid_value':
      return { code, message: MESSAGES.oneOf };
    case 'custom': {
      // A schema's own rule: its code, and its message when it brings one in both languages.
      const params = (issue.params ?? {}) as { code?: unknown; message?: unknown; min?: unknown; max?: unknown };
      const own = typeof params.code === 'string' ? params.code : code;
      if (isMessage(params.message)) return { code: own, message: params.message };
      if (own === 'control-character') return { code: own, message: MESSAGES.controlCharacter };
      if (own === 'out-of-range' && typeof params.min === 'string' && typeof params.max === 'string') {
        return { code: own, message: MESSAGES.dateBetween(params.min, params.max) };
      }
      if (own === 'required') return { code: own, message: MESSAGES.required };
      return { code: own, message: MESSAGES.invalid };
    }
    default:
      return { code, message: MESSAGES.invalid };
  }
}

function tooSmall(issue: z.core.$ZodIssueTooSmall): Message {
  const n = Number(issue.minimum);
  switch (issue.origin) {
    case 'string':
      return n <= 1 ? MESSAGES.required : { fr: `Au moins ${n} caractères.`, en: `At least ${n} characters.` };
    case 'array':
    case 'set':
      return { fr: `Au moins ${n} élément${n > 1 ? 's' : ''}.`, en: `At least ${n} item${n > 1 ? 's' : ''}.` };
    case 'number':
    case 'int':
    case 'bigint':
      return issue.inclusive ? { fr: `Au moins ${n}.`, en: `At least ${n}.` } : { fr: `Plus de ${n}.`, en: `More than ${n}.` };
    default:
      return MESSAGES.invalid;
  }
}

function tooBig(issue: z.core.$ZodIssueTooBig): Message {
  const n = Number(issue.maximum);
  switch (issue.origin) {
    case 'string':
      return { fr: `Au plus ${n} caractères.`, en: `At most ${n} characters.` };
    case 'array':
    case 'set':
      return { fr: `Au plus ${n} éléments.`, en: `At most ${n} items.` };
    case 'number':
    case 'int':
    case 'bigint':
      return issue.inclusive ? { fr: `Au plus ${n}.`, en: `At most ${n}.` } : { fr: `Moins de ${n}.`, en: `Less than ${n}.` };
    default:
      return MESSAGES.invalid;
  }
}

function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' && value !== null && typeof (value as Message).fr === 'string' && typeof (value as Message).en === 'string'
  );
}

/** 2026-03-29 as the French write it, 29/03/2026. */
const frenchDay = (day: string) => day.split('-').reverse().join('/');

const MESSAGES = {
  required: { fr: 'Renseignez ce champ.', en: 'Fill in this field.' },
  unknownField: { fr: 'Information non attendue.', en: 'Unexpected information.' },
  invalid: { fr: 'Valeur invalide.', en: 'Invalid value.' },
  invalidType: { fr: 'Type de valeur inattendu.', en: 'Unexpected kind of value.' },
  format: { fr: 'Format invalide.', en: 'Invalid format.' },
  oneOf: { fr: 'Choisissez l’une des valeurs proposées.', en: 'Choose one of the values offered.' },
  controlCharacter: {
    fr: 'Contient un caractère non autorisé (caractère de contrôle ou de mise en forme invisible).',
    en: 'Contains a character that is not allowed (an invisible control or formatting character).',
  },
  dateBetween: (min: string, max: string): Message => ({
    fr: `Doit être comprise entre le ${frenchDay(min)} et le ${frenchDay(max)}.`,
    en: `Must be between ${min} and ${max}.`,
  }),
} satisfies Record<string, Message | ((...args: string[]) => Message)>;

/** What a value of the wrong type should have been. */
const EXPECTED: Partial<Record<string, Message>> = {
  string: { fr: 'Doit être du texte.', en: 'Must be text.' },
  number: { fr: 'Doit être un nombre.', en: 'Must be a number.' },
  int: { fr: 'Doit être un nombre entier.', en: 'Must be a whole number.' },
  boolean: { fr: 'Doit valoir vrai ou faux.', en: 'Must be true or false.' },
  object: { fr: 'Doit être un objet JSON.', en: 'Must be a JSON object.' },
  array: { fr: 'Doit être une liste.', en: 'Must be a list.' },
};

const FORMATS: Partial<Record<string, Message>> = {
  email: { fr: 'Adresse e-mail invalide, par exemple nom@exemple.fr.', en: 'Invalid e-mail address, for example name@example.org.' },
  uuid: { fr: 'Identifiant invalide.', en: 'Invalid identifier.' },
  guid: { fr: 'Identifiant invalide.', en: 'Invalid identifier.' },
  date: { fr: 'Date invalide : un jour réel, écrit AAAA-MM-JJ.', en: 'Invalid date: a real day written YYYY-MM-DD.' },
  datetime: {
    fr: 'Date et heure invalides : AAAA-MM-JJTHH:MM:SS suivi du fuseau (Z ou +01:00).',
    en: 'Invalid date and time: YYYY-MM-DDTHH:MM:SS followed by the offset (Z or +01:00).',
  },
};
