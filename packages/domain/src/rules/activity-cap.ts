// Cap on a doctor's remote activity (factsheet §1.8): avenant 9, 20 % of conventioned activity,
// tele-expertise included; 2024 convention, 20 % of teleconsultations (40 % for psychiatrists), the
// treating doctor's own patients and tele-expertise excluded.
import { rowInForce } from './dated.js';
import { Findings } from './findings.js';
import { ACTIVITY_CAP } from './tariffs.js';
import type { ActivityCapDecision, ParsedActivityCapRequest } from './types.js';

/** Shares are compared with a little slack, so that a share computed as 0.1 + 0.1 is not over a 0.2 cap. */
const SHARE_TOLERANCE = 1e-9;

export function evaluateActivityCap(request: ParsedActivityCapRequest): ActivityCapDecision {
  const findings = new Findings();
  const row = rowInForce(ACTIVITY_CAP, request.date);
  if (!row) {
    findings.warn('no-activity-cap-on-date');
    return { withinCap: true, cap: 1, ...findings.explained() };
  }
  const caps = findings.use(row);
  const cap = request.specialty === 'psychiatry' ? caps.psychiatry : caps.default;
  // The 40 % names psychiatrists only; neuropsychiatrists keep 20 % (prudent).
  if (request.specialty === 'neuropsychiatry' && caps.psychiatry !== caps.default) findings.warn('neuropsychiatry-cap-uncertain');
  if (caps.includesTeleexpertise) findings.warn('teleexpertise-counted-in-cap');
  return { withinCap: request.teleconsultationShare <= cap + SHARE_TOLERANCE, cap, ...findings.explained() };
}
