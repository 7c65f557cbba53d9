// Telemonitoring (télésurveillance médicale) under ordinary law since 1 Jul 2023: eligibility and
// the monthly operator and technical forfaits. Factsheet §4.
import { rowInForce } from './dated.js';
import { Findings } from './findings.js';
import {
  ADHERENCE_CHECK_MONTHS,
  ADHERENCE_MIN_SHARE,
  ADULT_AGE,
  ENHANCED_FORFAIT_REVIEW,
  ENHANCED_MAX_MONTHS,
  ENHANCED_OPERATOR_FORFAIT,
  OPERATOR_FORFAIT,
  PRESCRIPTION_MAX_MONTHS,
  TECHNICAL_FORFAIT,
  TELEMONITORING_ADULT_ONLY,
  TELEMONITORING_LISTING,
} from './tariffs.js';
import type { Indication, ParsedTelemonitoringRequest, TelemonitoringDecision } from './types.js';

const ADULT_ONLY: ReadonlySet<Indication> = new Set<Indication>(TELEMONITORING_ADULT_ONLY);

export function evaluateTelemonitoring(request: ParsedTelemonitoringRequest): TelemonitoringDecision {
  const findings = new Findings();
  const { date, indication, patient, prescriber } = request;
  let eligible = true;
  let billable = true;

  if (indication === 'oncology') findings.warn('oncology-forfait-uncertain');
  const listing = rowInForce(TELEMONITORING_LISTING, date);
  if (!listing || !listing.value[indication]) {
    eligible = false;
    findings.warn('no-tariff-on-date');
  } else {
    findings.cite(listing.source);
  }

  // Respiratory failure and oncology: adults only (LATM listing).
  if (ADULT_ONLY.has(indication) && patient.age < ADULT_AGE) {
    eligible = false;
    findings.reason('not-eligible-age');
  }
  // Implantable cardiac devices: a cardiologist competent in rhythmology and pacing prescribes.
  if (indication === 'cardiac-implant' && !(prescriber.specialty === 'cardiology' && prescriber.rhythmologyCompetent)) {
    billable = false;
    findings.reason('prescriber-not-qualified');
  }
  // The ARS declaration opens the right to bill.
  if (!request.operator.declaredToArs) {
    billable = false;
    findings.reason('operator-not-declared');
  }
  // CSS R.162-100: a prescription lasts at most one year.
  if (request.monthsSincePrescription !== undefined && request.monthsSincePrescription > PRESCRIPTION_MAX_MONTHS) {
    billable = false;
    findings.reason('prescription-expired');
  }
  // Adherence checked at months 1 and 2: more than 50 % of the expected data, or stop.
  const adherence = request.adherence;
  if (
    adherence !== undefined &&
    (ADHERENCE_CHECK_MONTHS as readonly number[]).includes(adherence.month) &&
    adherence.transmissionRate <= ADHERENCE_MIN_SHARE
  ) {
    billable = false;
    findings.reason('low-adherence-stop');
  }

  const enhanced = enhancedForfait(request, findings);
  if (enhanced === 'exceeded') billable = false;
  billable = billable && eligible;
  if (!billable) return { eligible, billable: false, operatorFee: null, technicalFee: null, ...findings.explained() };

  return {
    eligible,
    billable: true,
    operatorFee: typeof enhanced === 'number' ? enhanced : operatorForfait(request, findings),
    technicalFee: technicalForfait(request, findings),
    ...findings.explained(),
  };
}

/** The enhanced forfait's amount; undefined when the standard one applies; 'exceeded' past its duration. */
function enhancedForfait(request: ParsedTelemonitoringRequest, findings: Findings): number | 'exceeded' | undefined {
  const { date, indication, level } = request;
  if (level === 'standard') return undefined;
  const row = rowInForce(ENHANCED_OPERATOR_FORFAIT, date);
  if (!row || (indication !== 'heart-failure' && indication !== 'diabetes')) {
    findings.warn('enhanced-level-not-applicable');
    return undefined;
  }
  if (rowInForce(ENHANCED_FORFAIT_REVIEW, date)?.value) findings.warn('enhanced-forfait-under-review');
  // Heart failure: 6 months renewable once; diabetes: 3 months renewable once.
  if (request.monthsAtCurrentLevel !== undefined && request.monthsAtCurrentLevel > ENHANCED_MAX_MONTHS[indication]) {
    findings.reason('enhanced-duration-exceeded');
    return 'exceeded';
  }
  return findings.use(row)[level];
}

/** Level 1 (11 €) for cardiac implants, level 2 (28 €) for the generic lines; oncology UNCERTAIN. */
function operatorForfait(request: ParsedTelemonitoringRequest, findings: Findings): number | null {
  if (request.indication === 'oncology') return null;
  const row = rowInForce(OPERATOR_FORFAIT, request.date);
  if (!row) return null;
  const forfaits = findings.use(row);
  return request.indication === 'cardiac-implant' ? forfaits.level1 : forfaits.level2;
}

/** 50 € for the generic lines; the implants' own forfait and oncology's are UNCERTAIN. */
function technicalForfait(request: ParsedTelemonitoringRequest, findings: Findings): number | null {
  if (request.indication === 'oncology') return null;
  if (request.indication === 'cardiac-implant') {
    findings.warn('implant-technical-forfait-uncertain');
    return null;
  }
  const row = rowInForce(TECHNICAL_FORFAIT, request.date);
  return row ? findings.use(row) : null;
}
