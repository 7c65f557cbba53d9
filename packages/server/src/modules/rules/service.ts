import { evaluate, RulesRequestError, type RulesDecision } from '@parcours/domain';
import { negotiateLanguage } from '../../platform/http/language.js';
import { problem } from '../../platform/http/problem.js';

/**
 * Evaluates one request or an array of them. A malformed request is a 400 naming the field
 * (`[2].patient.age` for the third of an array); nothing is stored, so there is nothing to audit.
 */
export function evaluateRules(body: unknown, acceptLanguage: string | undefined): RulesDecision | RulesDecision[] {
  const language = negotiateLanguage(acceptLanguage);
  const one = (request: unknown, prefix: string): RulesDecision => {
    try {
      return evaluate(request as Parameters<typeof evaluate>[0]);
    } catch (error) {
      if (!(error instanceof RulesRequestError)) throw error;
      throw problem.validation(
        error.issues.map((issue) => ({
          field: prefix + issue.path,
          code: issue.code,
          message: issue.message[language],
        })),
      );
    }
  };
  return Array.isArray(body) ? body.map((request, i) => one(request, `[${i}].`)) : one(body, '');
}
