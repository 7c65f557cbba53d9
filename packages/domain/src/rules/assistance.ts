// A nurse or a pharmacist assisting a teleconsultation on the patient's side.
// Factsheet §2.3 (nurses: TLS, TLL, TLD) and §2.4 (pharmacists: TLM, no fee to the patient).
import { rowInForce } from './dated.js';
import { Findings } from './findings.js';
import { ASSISTANCE_START_CERTAIN_FROM, NURSE_ASSISTANCE_CODES, NURSE_ASSISTANCE_FEES, PHARMACIST_ASSISTANCE_FEE } from './tariffs.js';
import type { AssistanceDecision, ParsedAssistanceRequest } from './types.js';

export function evaluateAssistance(request: ParsedAssistanceRequest): AssistanceDecision {
  const findings = new Findings();
  const { date } = request;
  if (date < ASSISTANCE_START_CERTAIN_FROM) findings.warn('assistance-start-date-uncertain');

  if (request.assistant === 'pharmacist') {
    const row = rowInForce(PHARMACIST_ASSISTANCE_FEE, date);
    if (!row) {
      findings.warn('no-tariff-on-date');
      return { billable: false, code: null, fee: null, ...findings.explained() };
    }
    // Pharmacists may charge the patient nothing for an assisted teleconsultation (ameli).
    if (request.feeChargedToPatient !== undefined && request.feeChargedToPatient > 0) {
      findings.reason('no-patient-fee-allowed');
      return { billable: false, code: null, fee: null, ...findings.explained() };
    }
    const fee = findings.use(row);
    findings.warn('tlm-amount-uncertain');
    return { billable: true, code: 'TLM', fee, ...findings.explained() };
  }

  const row = rowInForce(NURSE_ASSISTANCE_FEES, date);
  if (!row) {
    findings.warn('no-tariff-on-date');
    return { billable: false, code: null, fee: null, ...findings.explained() };
  }
  // Without a setting the cheapest code is the prudent one.
  const setting = request.setting ?? 'planned-care';
  if (request.setting === undefined) findings.warn('nurse-setting-assumed');
  const fees = findings.use(row);
  return { billable: true, code: NURSE_ASSISTANCE_CODES[setting], fee: fees[setting], ...findings.explained() };
}
