import { evaluateParsed, parseRulesRequest, type RulesDecision } from '@parcours/domain';
import { negotiateLanguage } from '../../platform/http/language.js';
import { problem } from '../../platform/http/problem.js';

/** Requests one call may carry: a year of a large practice's acts, well under the body limit. */
/** Requests in one call: enough for a billing batch, few enough that one call costs tens of milliseconds. */
export const MAX_REQUESTS = 1_000;

const TOO_MANY = {
  fr: `Le corps ne peut pas contenir plus de ${MAX_REQUESTS} requêtes.`,
  en: `The body cannot hold more than ${MAX_REQUESTS} requests.`,
};

/**
 * Evaluates one request or an array of them. A malformed request is a 400 naming the field with
 * the domain's messages in the user's language (`[2].patient.age` for the third of an array;
 * `(body)` for the body itself); nothing is stored, so there is nothing to audit.
 */
export function evaluateRules(body: unknown, acceptLanguage: string | undefined): RulesDecision | RulesDecision[] {
  const language = negotiateLanguage(acceptLanguage);
  const one = (request: unknown, index?: number): RulesDecision => {
    const parsed = parseRulesRequest(request);
    if (parsed.ok) return evaluateParsed(parsed.request);
    throw problem.validation(
      parsed.issues.map((issue) => ({ field: fieldOf(issue.path, index), code: issue.code, message: issue.message[language] })),
    );
  };
  if (!Array.isArray(body)) return one(body);
  if (body.length > MAX_REQUESTS) {
    throw problem.validation([{ field: '(body)', code: 'out-of-range', message: TOO_MANY[language] }]);
  }
  return body.map((request, index) => one(request, index));
}

function fieldOf(path: string, index: number | undefined): string {
  if (index === undefined) return path || '(body)';
  return path ? `[${index}].${path}` : `[${index}]`;
}
