// Sick leave (arrêt de travail) prescribed during a telemedicine act. Factsheet §3: CSP L.6316-1
// (LFSS 2024 art. 28) caps it at 3 days from 1 Jan 2024, with two exceptions only. The LFSS 2023
// "seen within 12 months" exception was struck down (décision 2022-845 DC) and is not encoded.
import { rowInForce } from './dated.js';
import { Findings } from './findings.js';
import { SICK_LEAVE_RENEWAL_BAN, SICK_LEAVE_TELEMEDICINE_CAP } from './tariffs.js';
import type { EvaluateOptions, ParsedSickLeaveRequest, SickLeaveDecision } from './types.js';

export function evaluateSickLeave(request: ParsedSickLeaveRequest, options: EvaluateOptions = {}): SickLeaveDecision {
  const findings = new Findings();
  const { date, prescriber, requestedDays, existingLeaveDays } = request;
  const capRow = rowInForce(SICK_LEAVE_TELEMEDICINE_CAP, date);
  const cap = capRow ? findings.use(capRow) : null;
  if (cap === null) {
    findings.reason('no-cap-before-2024');
    return { allowed: true, maxDays: null, ...findings.explained() };
  }

  const isRenewal = existingLeaveDays > 0;
  const banRow = isRenewal ? rowInForce(SICK_LEAVE_RENEWAL_BAN, date) : undefined;
  if (banRow) {
    findings.warn('plfss-2026-renewal-ban');
    if (options.pendingRules?.sickLeaveRenewalBan) {
      // Turned on by the deployment: no renewal by telemedicine at all, whoever prescribes.
      findings.cite(banRow.source);
      findings.reason('telemedicine-3-day-cap');
      return { allowed: false, maxDays: 0, ...findings.explained() };
    }
  }

  // L.6316-1 al. 3: the only two exceptions.
  let exempt = false;
  if (prescriber.isTreatingDoctor) {
    findings.reason('treating-doctor-exception');
    exempt = true;
  }
  if (prescriber.isReferenceMidwife) {
    findings.reason('reference-midwife-exception');
    exempt = true;
  }
  if (request.patientJustifiesNoInPersonAccess) {
    findings.reason('justified-impossibility');
    exempt = true;
  }
  if (exempt) return { allowed: true, maxDays: null, ...findings.explained() };

  // Neither more than 3 days, nor bringing a running leave beyond 3 days.
  findings.reason('telemedicine-3-day-cap');
  const maxDays = Math.max(0, cap - existingLeaveDays);
  return { allowed: requestedDays <= maxDays, maxDays, ...findings.explained() };
}
