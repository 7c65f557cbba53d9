import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import type { Language } from './language.js';
import type { FieldIssue } from './problem.js';

const LOCALE_ERRORS = { fr: z.locales.fr().localeError, en: z.locales.en().localeError };
const UNKNOWN_FIELD = { fr: 'Champ inconnu', en: 'Unknown field' };

/** A request part (body, query, params) that failed its zod schema; rendered by the error handler. */
export class RequestValidationError extends Error {
  validationContext?: string;
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super('request validation failed');
    this.name = 'RequestValidationError';
  }
}

/** Validates every route part with its zod schema; the input is kept on issues so messages can name what was received. */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    return result.success ? { value: result.data } : { error: new RequestValidationError(result.error.issues) };
  };

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(body)';
}

/** Zod issues as field issues in the user's language; an unknown key names the key itself. */
export function fieldIssues(issues: readonly z.core.$ZodIssue[], language: Language, prefix: PropertyKey[] = []): FieldIssue[] {
  return issues.flatMap((issue): FieldIssue[] => {
    // A value matching none of a union's forms: report against the first form (the documented one).
    if (issue.code === 'invalid_union' && issue.errors[0]?.length) {
      return fieldIssues(issue.errors[0], language, [...prefix, ...issue.path]);
    }
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: fieldPath([...prefix, ...issue.path, key]),
        code: 'unknown-field',
        message: UNKNOWN_FIELD[language],
      }));
    }
    const localized = LOCALE_ERRORS[language](issue as never);
    const message = typeof localized === 'string' ? localized : (localized?.message ?? issue.message);
    return [{ field: fieldPath([...prefix, ...issue.path]), code: issue.code.replace(/_/g, '-'), message }];
  });
}
