// Teleconsultation (TCG/TC): may it be billed, does the Assurance Maladie pay, and how much each
// party pays. Factsheet §1 (conditions) and §2 (tariffs, participation forfaitaire, tiers payant).
import { dayOfWeek, isWithinMonthsBefore, minutesOfDay } from './calendar.js';
import { rowInForce, type DatedRow } from './dated.js';
import { Findings } from './findings.js';
import { toCents, toEuros } from './money.js';
import {
  AFTER_HOURS_FROM_MINUTE,
  AFTER_HOURS_MAJORATION,
  AFTER_HOURS_UNTIL_MINUTE,
  AMO_RATE,
  COMPANY_AGREMENT_RULE,
  COVID_DEROGATION_PERIOD,
  COVID_FULL_COVERAGE,
  COVID_PHONE_DEROGATION,
  DOCTOR_TELECONSULTATION_START,
  GP_TELECONSULTATION_FEE,
  IN_PERSON_LOOKBACK_MONTHS,
  MIDWIFE_TELECONSULTATION_FEE,
  MIDWIFE_TELECONSULTATION_START,
  PARTICIPATION_ANNUAL_CAP,
  PARTICIPATION_EXEMPT_FROM_PREGNANCY_MONTH,
  PARTICIPATION_EXEMPT_UNDER_AGE,
  PARTICIPATION_FORFAITAIRE,
  PATHWAY_EXEMPT_UNDER_AGE,
  PRIOR_KNOWLEDGE_RULE,
  SAS_SNP_MAJORATION,
  SPECIALIST_TELECONSULTATION_FEE,
  type SpecialistTariffClass,
} from './tariffs.js';
import type { MidwifeAct, ParsedTeleconsultationRequest, Specialty, TeleconsultationDecision } from './types.js';

/** Specialists the patient may see without referral (ameli teleconsultation page, §1.2). */
const DIRECT_ACCESS_SPECIALTIES: ReadonlySet<Specialty> = new Set<Specialty>([
  'gynecology',
  'ophthalmology',
  'stomatology',
  'oral-surgery',
  'maxillofacial-surgery',
  'psychiatry',
  'neuropsychiatry',
  'pediatrics',
]);

/** Midwives' acts exempt from the in-person act of the last 12 months (avenant 5, §2.5). */
const MIDWIFE_EXEMPT_ACTS: ReadonlySet<MidwifeAct> = new Set<MidwifeAct>([
  'medical-abortion',
  'emergency-contraception',
  'contraception-renewal',
]);

export function evaluateTeleconsultation(request: ParsedTeleconsultationRequest): TeleconsultationDecision {
  const findings = new Findings();
  const { date, practitioner, context } = request;
  const isMidwife = practitioner.profession === 'midwife';
  let billable = true;
  let reimbursable = true;

  const start = rowInForce(isMidwife ? MIDWIFE_TELECONSULTATION_START : DOCTOR_TELECONSULTATION_START, date);
  const tariff = start ? conventionalTariff(request) : undefined;
  if (!start || !tariff) {
    billable = false;
    findings.warn('no-tariff-on-date');
  } else {
    findings.cite(start.source);
  }

  // Video is mandatory; the Covid phone derogation ended in June 2021 (§1.6).
  if (request.modality === 'phone') {
    billable = false;
    findings.reason('audio-only-not-billable');
    findings.warn('audio-only-reimbursement-uncertain');
    if (rowInForce(COVID_PHONE_DEROGATION, date)?.value) findings.warn('covid-phone-derogation');
  }

  // Only an act actually performed can be billed (§1.10, UNCERTAIN: the prudent reading).
  if (!request.completed) {
    billable = false;
    findings.reason('act-not-completed');
    findings.warn('incomplete-act-billing-uncertain');
  }

  // Teleconsultation companies: agrément, and sector-1 tariffs only (§1.9).
  const companyRule = practitioner.company ? rowInForce(COMPANY_AGREMENT_RULE, date) : undefined;
  const companyRuleApplies = companyRule?.value === true;
  if (practitioner.company) {
    if (companyRule && companyRuleApplies) {
      findings.cite(companyRule.source);
      if (!practitioner.company.approved) {
        billable = false;
        findings.reason('company-not-approved');
      }
    } else {
      findings.warn('company-agrement-not-yet-required');
    }
  }
  const feeCharged = context.feeCharged;
  const chargesAboveTariff = tariff !== undefined && feeCharged !== undefined && toCents(feeCharged) > toCents(tariff.fee);
  if (chargesAboveTariff && (companyRuleApplies || practitioner.sector === 1)) {
    billable = false;
    findings.reason('fee-above-sector-1-tariff');
  }

  if (isMidwife) {
    // Avenant 5: an in-person act in the previous 12 months, except three kinds of act (§2.5).
    if (context.midwifeAct !== undefined && MIDWIFE_EXEMPT_ACTS.has(context.midwifeAct)) {
      findings.reason('midwife-exempt-act');
    } else if (!seenInPersonWithin12Months(request)) {
      billable = false;
      findings.reason('midwife-in-person-12-months-missing');
    }
  } else {
    if (!respectsCarePathway(request, findings)) reimbursable = false;
    if (!respectsPriorKnowledge(request, findings)) reimbursable = false;
    if (!respectsTerritoriality(request, findings)) reimbursable = false;
    warnAboutMajorationsNotAdded(request, findings);
  }

  reimbursable = reimbursable && billable;
  if (!billable || !tariff) return unpaid(findings, null);

  findings.cite(tariff.row.source);
  if (tariff.isSpecialistEquivalent) findings.warn('specialist-tariff-equivalence');
  if (isMidwife) findings.warn('midwife-tcg-amount');
  // TC: sector 2 outside OPTAM billing above the tariff; every other case is TCG (§2.1).
  const code = !isMidwife && practitioner.sector === 2 && !practitioner.optam && chargesAboveTariff ? 'TC' : 'TCG';
  if (!reimbursable) return unpaid(findings, { code, fee: tariff.fee });

  const amoRate = reimbursementRate(request, findings);
  const participationDue = participationForfaitaire(request, findings);
  // In cents, so that AMO + participation + ticket modérateur === fee exactly.
  const feeCents = toCents(tariff.fee);
  const amoGrossCents = Math.round(feeCents * amoRate);
  const participationCents = Math.min(toCents(participationDue), amoGrossCents);
  return {
    billable: true,
    reimbursable: true,
    code,
    fee: tariff.fee,
    amoRate,
    amoAmount: toEuros(amoGrossCents - participationCents),
    participationForfaitaire: toEuros(participationCents),
    ticketModerateur: toEuros(feeCents - amoGrossCents),
    tiersPayant: tiersPayant(request),
    ...findings.explained(),
  };
}

/** A decision where the AMO pays nothing: the act may not be billed (`billed` null), or is billed outside reimbursement. */
function unpaid(findings: Findings, billed: { code: 'TCG' | 'TC'; fee: number } | null): TeleconsultationDecision {
  return {
    billable: billed !== null,
    reimbursable: false,
    code: billed?.code ?? null,
    fee: billed?.fee ?? null,
    amoRate: 0,
    amoAmount: 0,
    participationForfaitaire: 0,
    ticketModerateur: 0,
    tiersPayant: 'optional',
    ...findings.explained(),
  };
}

/** The conventional tariff of the act on its date: TCG for GPs and midwives, the in-person consultation for specialists. */
interface ConventionalTariff {
  fee: number;
  row: DatedRow<unknown>;
  /** Taken from the matching in-person consultation (UNCERTAIN after the 2024-12-22 increases). */
  isSpecialistEquivalent: boolean;
}

function conventionalTariff(request: ParsedTeleconsultationRequest): ConventionalTariff | undefined {
  const { date, practitioner, patient } = request;
  if (practitioner.profession === 'midwife') {
    const row = rowInForce(MIDWIFE_TELECONSULTATION_FEE, date);
    return row && { fee: row.value, row, isSpecialistEquivalent: false };
  }
  if (practitioner.specialty === 'general-practice') {
    const row = rowInForce(GP_TELECONSULTATION_FEE, date);
    return row && { fee: row.value, row, isSpecialistEquivalent: false };
  }
  const row = rowInForce(SPECIALIST_TELECONSULTATION_FEE, date);
  return row && { fee: row.value[specialistTariffClass(practitioner.specialty, patient.age)], row, isSpecialistEquivalent: true };
}

function specialistTariffClass(specialty: Specialty, age: number): SpecialistTariffClass {
  switch (specialty) {
    case 'gynecology':
      return 'gynecology';
    case 'psychiatry':
    case 'neuropsychiatry':
    case 'neurology':
      return 'psychiatry';
    case 'geriatrics':
      return 'geriatrics';
    case 'pediatrics':
      return age < 2 ? 'pediatrics-under-2' : age < 6 ? 'pediatrics-2-to-6' : 'other-specialist';
    default:
      return 'other-specialist';
  }
}

/** Parcours de soins coordonné (coordinated care pathway): referral by the treating doctor, or one of the exceptions of §1.2. */
function respectsCarePathway(request: ParsedTeleconsultationRequest, findings: Findings): boolean {
  const { practitioner, patient } = request;
  let respected = false;
  if (practitioner.isTreatingDoctor) {
    findings.reason('treating-doctor');
    respected = true;
  } else if (patient.treatingDoctor === 'referred') {
    findings.reason('referred-by-treating-doctor');
    respected = true;
  }
  if (pathwayExceptions(request, findings)) respected = true;
  if (!respected) {
    findings.reason('pathway-not-respected');
    findings.warn('pathway-penalty-uncertain');
  }
  return respected;
}

/** Records every exception of §1.2 that holds; true when at least one does. */
function pathwayExceptions(request: ParsedTeleconsultationRequest, findings: Findings): boolean {
  const { practitioner, patient, context } = request;
  const before = findings.reasons.length;
  if (DIRECT_ACCESS_SPECIALTIES.has(practitioner.specialty)) findings.reason('direct-access-specialty');
  if (patient.age < PATHWAY_EXEMPT_UNDER_AGE) findings.reason('under-16');
  if (context.emergency) findings.reason('emergency');
  if (!practitioner.isTreatingDoctor && (patient.treatingDoctor === 'none' || patient.treatingDoctor === 'unavailable')) {
    findings.reason('no-treating-doctor');
  }
  if (patient.residence === 'prison') findings.reason('inmate');
  if (patient.residence === 'ehpad' || patient.residence === 'disability-facility') findings.reason('care-home-resident');
  return findings.reasons.length > before;
}

/** Avenant 6's 12-month prior knowledge, 2018-09-15 to 2022-03-31 only; the §1.2 exceptions waived it. */
function respectsPriorKnowledge(request: ParsedTeleconsultationRequest, findings: Findings): boolean {
  const rule = rowInForce(PRIOR_KNOWLEDGE_RULE, request.date);
  if (!rule?.value) return true;
  findings.cite(rule.source);
  const waived =
    DIRECT_ACCESS_SPECIALTIES.has(request.practitioner.specialty) ||
    findings.has('under-16') ||
    findings.has('emergency') ||
    findings.has('no-treating-doctor') ||
    findings.has('inmate') ||
    findings.has('care-home-resident');
  if (waived || seenInPersonWithin12Months(request)) return true;
  findings.reason('prior-knowledge-missing');
  // Covid derogations could waive the rule; the engine keeps it (prudent) and says so.
  if (rowInForce(COVID_DEROGATION_PERIOD, request.date)?.value) findings.warn('covid-derogation-period');
  return false;
}

function seenInPersonWithin12Months(request: ParsedTeleconsultationRequest): boolean {
  const last = request.patient.lastInPersonVisit;
  return last !== undefined && isWithinMonthsBefore(last, request.date, IN_PERSON_LOOKBACK_MONTHS);
}

/** Territorial anchoring (§1.5): a local doctor, or SAS referral, or a patient living in a ZIP. */
function respectsTerritoriality(request: ParsedTeleconsultationRequest, findings: Findings): boolean {
  const { practitioner, patient, context } = request;
  if (practitioner.local) findings.reason('local');
  if (context.sasReferral) findings.reason('sas-referral');
  if (practitioner.local || context.sasReferral) return true;
  if (patient.livesInZip) {
    // UNCERTAIN extra conditions of the ZIP waiver: granted only to a GP seeing a patient without an
    // available treating doctor (FMF's reading of avenant 9, narrowed to be prudent).
    findings.warn('zip-conditions-uncertain');
    const hasNoAvailableTreatingDoctor =
      !practitioner.isTreatingDoctor && (patient.treatingDoctor === 'none' || patient.treatingDoctor === 'unavailable');
    if (practitioner.specialty === 'general-practice' && hasNoAvailableTreatingDoctor) {
      findings.reason('zip-resident');
      return true;
    }
  }
  findings.reason('territoriality-not-respected');
  return false;
}

/** Majorations the sources leave uncertain for teleconsultation are never added; the decision says so. */
function warnAboutMajorationsNotAdded(request: ParsedTeleconsultationRequest, findings: Findings): void {
  const { date, time, practitioner, context } = request;
  if (rowInForce(AFTER_HOURS_MAJORATION, date)) {
    const minutes = time === undefined ? undefined : minutesOfDay(time);
    const isAfterHours = minutes !== undefined && (minutes >= AFTER_HOURS_FROM_MINUTE || minutes < AFTER_HOURS_UNTIL_MINUTE);
    if (isAfterHours || dayOfWeek(date) === 0) findings.warn('after-hours-majoration-not-applied');
  }
  // SNP: not for psychiatrists, nor for the treating doctor's own patients (NGAP 14.1.3).
  if (
    context.sasReferral &&
    !practitioner.isTreatingDoctor &&
    practitioner.specialty !== 'psychiatry' &&
    rowInForce(SAS_SNP_MAJORATION, date)
  ) {
    findings.warn('sas-snp-majoration-not-applied');
  }
}

/** 70 %, or 100 % for an ALD-related act, maternity or AT/MP (§2.6). */
function reimbursementRate(request: ParsedTeleconsultationRequest, findings: Findings): number {
  const rates = findings.use(rowInForce(AMO_RATE, request.date) ?? AMO_RATE[0]!);
  const coverage = request.patient.coverage;
  let full = false;
  if (coverage.includes('ald')) {
    findings.reason('rate-100-ald');
    full = true;
  }
  if (coverage.includes('maternity')) {
    findings.reason('rate-100-maternity');
    full = true;
  }
  if (coverage.includes('at-mp')) {
    findings.reason('rate-100-at-mp');
    full = true;
  }
  if (!full && rowInForce(COVID_FULL_COVERAGE, request.date)?.value) findings.warn('covid-full-coverage-period');
  return full ? rates.full : rates.standard;
}

/** Participation forfaitaire due on this act (§2.7): none for midwives' acts, the exempt, or past the annual cap. */
function participationForfaitaire(request: ParsedTeleconsultationRequest, findings: Findings): number {
  const { date, practitioner, patient } = request;
  if (practitioner.profession === 'midwife') return 0;
  let exempt = false;
  if (patient.age < PARTICIPATION_EXEMPT_UNDER_AGE) {
    findings.reason('pf-exempt-minor');
    exempt = true;
  }
  if (patient.pregnancyMonth !== undefined && patient.pregnancyMonth >= PARTICIPATION_EXEMPT_FROM_PREGNANCY_MONTH) {
    findings.reason('pf-exempt-pregnancy');
    exempt = true;
  }
  if (patient.coverage.includes('css') || patient.coverage.includes('ame')) {
    findings.reason('pf-exempt-css-ame');
    exempt = true;
  }
  if (exempt) return 0;
  const amountRow = rowInForce(PARTICIPATION_FORFAITAIRE, date);
  const capRow = rowInForce(PARTICIPATION_ANNUAL_CAP, date);
  if (!amountRow || !capRow) return 0;
  const amount = findings.use(amountRow);
  const remainingCents = Math.max(0, toCents(findings.use(capRow)) - toCents(patient.participationsPaidThisYear));
  const dueCents = Math.min(toCents(amount), remainingCents);
  if (dueCents < toCents(amount)) findings.reason('pf-annual-cap-reached');
  // Sources disagree on an AT/MP exemption: deducting it is the prudent reading.
  if (dueCents > 0 && patient.coverage.includes('at-mp')) findings.warn('pf-at-mp-exemption-uncertain');
  return toEuros(dueCents);
}

/** Full for CSS and AME; the AMO share for ALD, maternity and AT/MP; otherwise the doctor's choice (§2.8). */
function tiersPayant(request: ParsedTeleconsultationRequest): TeleconsultationDecision['tiersPayant'] {
  const coverage = request.patient.coverage;
  if (coverage.includes('css') || coverage.includes('ame')) return 'full';
  if (coverage.includes('ald') || coverage.includes('maternity') || coverage.includes('at-mp')) return 'amo';
  return 'optional';
}
