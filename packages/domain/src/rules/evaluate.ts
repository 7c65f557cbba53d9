// The rules engine's one entry point: validates a request, then judges it by the rules in force on
// its date. Pure: same request, same answer; no clock, no I/O, no randomness.
import { evaluateActivityCap } from './activity-cap.js';
import { evaluateAssistance } from './assistance.js';
import { evaluateIdentifier } from './identifier.js';
import { evaluateSickLeave } from './sick-leave.js';
import { evaluateTeleconsultation } from './teleconsultation.js';
import { evaluateTeleexpertise } from './teleexpertise.js';
import { evaluateTelemonitoring } from './telemonitoring.js';
import type { DecisionFor, EvaluateOptions, ParsedRulesRequest, RulesDecision, RulesRequest } from './types.js';
import { parseRulesRequest, RulesRequestError } from './validation.js';

/**
 * Decides, and explains, what French rules allow and what the Assurance Maladie pays for one
 * telemedicine request. Throws `RulesRequestError` (naming the fields) for a malformed request;
 * never throws for a well-formed one.
 */
export function evaluate<R extends RulesRequest>(request: R, options?: EvaluateOptions): DecisionFor<R>;
export function evaluate(request: unknown, options?: EvaluateOptions): RulesDecision;
export function evaluate(request: unknown, options: EvaluateOptions = {}): RulesDecision {
  const parsed = parseRulesRequest(request);
  if (!parsed.ok) throw new RulesRequestError(parsed.issues);
  return evaluateParsed(parsed.request, options);
}

/** Judges a request already validated by `parseRulesRequest`. */
export function evaluateParsed(request: ParsedRulesRequest, options: EvaluateOptions = {}): RulesDecision {
  switch (request.kind) {
    case 'teleconsultation':
      return evaluateTeleconsultation(request);
    case 'sick-leave':
      return evaluateSickLeave(request, options);
    case 'teleexpertise':
      return evaluateTeleexpertise(request);
    case 'assistance':
      return evaluateAssistance(request);
    case 'telemonitoring':
      return evaluateTelemonitoring(request);
    case 'identifier':
      return evaluateIdentifier(request);
    case 'activity-cap':
      return evaluateActivityCap(request);
  }
}
