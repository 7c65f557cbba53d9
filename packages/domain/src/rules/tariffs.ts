// Tariffs and dated rules of French telemedicine, as rows keyed by the day they take effect
// (factsheet, shared/rules/factsheet.md). To add an avenant: add a row with its date and source.
import { datedTable } from './dated.js';
import { SOURCES } from './sources.js';
import type { Indication } from './types.js';

// ── teleconsultation ────────────────────────────────────────────────────────────────────────────

/** Teleconsultation by doctors is reimbursable from 15 Sep 2018 (avenant 6, arrêté of 1 Aug 2018). */
export const DOCTOR_TELECONSULTATION_START = datedTable([{ from: '2018-09-15', value: true, source: SOURCES.ameliTarification2018 }]);

/** Midwives' teleconsultation (TCG) is billable from 5 Sep 2022 (avenant 5 of the midwives' convention). */
export const MIDWIFE_TELECONSULTATION_START = datedTable([{ from: '2022-09-05', value: true, source: SOURCES.ameliMidwife }]);

/** TCG for a general practitioner: 25 €, kept for the 5 years of the 2024 convention even though
 *  the in-person G rose to 30 € on 22 Dec 2024. */
export const GP_TELECONSULTATION_FEE = datedTable([
  { from: '2018-09-15', value: 25, source: SOURCES.ameliTarification2018 },
  { from: '2024-12-22', value: 25, source: SOURCES.ameliTariffs2024 },
]);

/** Specialists bill the tariff of the matching in-person consultation. */
export type SpecialistTariffClass =
  'gynecology' | 'psychiatry' | 'geriatrics' | 'pediatrics-under-2' | 'pediatrics-2-to-6' | 'other-specialist';

export const SPECIALIST_TELECONSULTATION_FEE = datedTable<Readonly<Record<SpecialistTariffClass, number>>>([
  // 2018 ameli rule: CS 23 € + MPC 2 € + MCS 5 € = 30 € (coordinated, sector 1 or OPTAM); the
  // factsheet gives no per-specialty figure before the 2024 increases.
  {
    from: '2018-09-15',
    value: {
      gynecology: 30,
      psychiatry: 30,
      geriatrics: 30,
      'pediatrics-under-2': 30,
      'pediatrics-2-to-6': 30,
      'other-specialist': 30,
    },
    source: SOURCES.ameliTarification2018,
  },
  // In-person increases of the 2024 convention, first step.
  {
    from: '2024-12-22',
    value: {
      gynecology: 37,
      psychiatry: 55,
      geriatrics: 37,
      'pediatrics-under-2': 39,
      'pediatrics-2-to-6': 35,
      'other-specialist': 31.5,
    },
    source: SOURCES.klesiaTariffs2024,
  },
  // Second step (nothing new for pediatrics 2–6 and other specialists).
  {
    from: '2025-07-01',
    value: {
      gynecology: 40,
      psychiatry: 57,
      geriatrics: 42,
      'pediatrics-under-2': 40,
      'pediatrics-2-to-6': 35,
      'other-specialist': 31.5,
    },
    source: SOURCES.klesiaTariffs2024,
  },
]);

/** TCG billed by a midwife: 25 € historically (avenant 5); the later amount is UNCERTAIN. */
export const MIDWIFE_TELECONSULTATION_FEE = datedTable([{ from: '2022-09-05', value: 25, source: SOURCES.ameliMidwife }]);

/** Avenant 6's 12-month prior-knowledge rule (patient seen in person in the previous 12 months),
 *  removed by avenant 9 from 1 Apr 2022. */
export const PRIOR_KNOWLEDGE_RULE = datedTable([
  { from: '2018-09-15', value: true, source: SOURCES.banqueDesTerritoiresAvenant9 },
  { from: '2022-04-01', value: false, source: SOURCES.banqueDesTerritoiresAvenant9 },
]);

/** Covid derogations could waive the prior-knowledge rule (contract: acts 2020-03-10 to 2022-03-31). */
export const COVID_DEROGATION_PERIOD = datedTable([
  { from: '2020-03-10', value: true, source: SOURCES.banqueDesTerritoiresAvenant9 },
  { from: '2022-04-01', value: false, source: SOURCES.banqueDesTerritoiresAvenant9 },
]);

/** Covid phone derogation (Covid, ALD, over-70s, white zones without video): ended in June 2021.
 *  Start taken as the contract's Covid start. */
export const COVID_PHONE_DEROGATION = datedTable([
  { from: '2020-03-10', value: true, source: SOURCES.fmfAvenant9 },
  { from: '2021-07-01', value: false, source: SOURCES.fmfAvenant9 },
]);

/** 100 % Covid coverage of teleconsultations, ended 30 Sep 2022. Start taken as the contract's Covid start. */
export const COVID_FULL_COVERAGE = datedTable([
  { from: '2020-03-10', value: true, source: SOURCES.covidCoverageEnd },
  { from: '2022-10-01', value: false, source: SOURCES.covidCoverageEnd },
]);

/** Sociétés de téléconsultation (teleconsultation companies) need a ministerial agrément and bill
 *  at sector-1 tariffs only: décret 2024-164 of 29 Feb 2024, JO 1 Mar 2024 (LFSS 2023 art. 53). */
export const COMPANY_AGREMENT_RULE = datedTable([{ from: '2024-03-01', value: true, source: SOURCES.delsolCompanyDecree }]);

/** 2024 convention (arrêté of 20 Jun 2024, JO 21 Jun 2024): ZIP waiver of territoriality, +5 € evening
 *  majoration, 40 % activity cap for psychiatrists. */
export const CONVENTION_2024 = '2024-06-21';

/** Evening, night and Sunday: the in-person PDSA majorations do not apply; only +5 € is possible
 *  (2024 convention), its code and start date UNCERTAIN, so the engine never adds it. */
export const AFTER_HOURS_MAJORATION = datedTable([{ from: CONVENTION_2024, value: 5, source: SOURCES.telesanteBretagneConvention2024 }]);
/** Hours treated as evening/night for the warning: 20:00 to 08:00 (PDSA hours). */
export const AFTER_HOURS_FROM_MINUTE = 20 * 60;
export const AFTER_HOURS_UNTIL_MINUTE = 8 * 60;

/** SNP majoration (+15 €, NGAP art. 14.1.3, JO May 2023 — exact day not in the factsheet, first of
 *  the month taken); whether it applies to TCG/TC is UNCERTAIN, so it is never added. */
export const SAS_SNP_MAJORATION = datedTable([{ from: '2023-05-01', value: 15, source: SOURCES.snpMajoration }]);

/** AMO share: 70 % of the base tariff; 100 % for an ALD-related act, maternity, AT/MP. */
export const AMO_RATE = datedTable([{ from: '2018-09-15', value: { standard: 0.7, full: 1 }, source: SOURCES.ymanciReimbursement }]);

/** Participation forfaitaire (fixed patient contribution, taken off the AMO share): 1 €, 2 € from 15 May 2024. */
export const PARTICIPATION_FORFAITAIRE = datedTable([
  { from: '2005-01-01', value: 1, source: SOURCES.ameliParticipation2016 },
  { from: '2024-05-15', value: 2, source: SOURCES.ucrParticipation },
]);

/** At most 50 € of participation forfaitaire per person per calendar year. */
export const PARTICIPATION_ANNUAL_CAP = datedTable([{ from: '2005-01-01', value: 50, source: SOURCES.ucrParticipation }]);

/** Participation forfaitaire is not due under 18, nor from the 6th month of pregnancy. */
export const PARTICIPATION_EXEMPT_UNDER_AGE = 18;
export const PARTICIPATION_EXEMPT_FROM_PREGNANCY_MONTH = 6;

/** Parcours de soins exceptions: under 16 (ameli teleconsultation page). */
export const PATHWAY_EXEMPT_UNDER_AGE = 16;

/** Prior knowledge (doctors, 2018–2022) and midwives' in-person visit: within the previous 12 months. */
export const IN_PERSON_LOOKBACK_MONTHS = 12;

// ── sick leave (arrêt de travail) ───────────────────────────────────────────────────────────────

/** CSP L.6316-1 (LFSS 2024 art. 28): at most 3 days by telemedicine from 1 Jan 2024; no cap before. */
export const SICK_LEAVE_TELEMEDICINE_CAP = datedTable<number | null>([
  { from: '1900-01-01', value: null, source: SOURCES.previssimaCensure },
  { from: '2024-01-01', value: 3, source: SOURCES.csp6316_1 },
]);

/** PLFSS 2026 amendment AN n°1907 (no renewal by telemedicine): voted in committee, adoption unconfirmed. */
export const SICK_LEAVE_RENEWAL_BAN = datedTable([{ from: '2026-01-01', value: true, source: SOURCES.plfss2026Amendment }]);

// ── tele-expertise ──────────────────────────────────────────────────────────────────────────────

/** Expert's fee: TE2 20 € (from 10 Feb 2019; single level from 1 Apr 2022), 23 € from 1 Jan 2026. */
export const TE2_FEE = datedTable([
  { from: '2019-02-10', value: 20, source: SOURCES.urpsTeleexpertise2019 },
  { from: '2022-04-01', value: 20, source: SOURCES.omnipratTeleexpertise },
  { from: '2026-01-01', value: 23, source: SOURCES.vidalTeleexpertise },
]);

/** Requester's fee: RQD 10 €. */
export const RQD_FEE = datedTable([
  { from: '2019-02-10', value: 10, source: SOURCES.urpsTeleexpertise2019 },
  { from: '2022-04-01', value: 10, source: SOURCES.omnipratTeleexpertise },
]);

/** Before avenant 9 two levels existed (TE1 12 €/5 €, TE2 20 €/10 €); from 1 Apr 2022, one level. */
export const TELEEXPERTISE_SINGLE_LEVEL = datedTable([
  { from: '2019-02-10', value: false, source: SOURCES.urpsTeleexpertise2019 },
  { from: '2022-04-01', value: true, source: SOURCES.vidalTeleexpertise },
]);

type Requester = 'doctor' | 'midwife' | 'nurse' | 'speech-therapist' | 'physiotherapist' | 'podiatrist';

/** Requesters who may bill RQD. Doctors from 2019; from avenant 9 (1 Apr 2022) also midwives, nurses,
 *  speech therapists, physiotherapists and podiatrists. Midwives' own avenant 5 dates from 5 Sep 2022. */
export const BILLABLE_REQUESTERS = datedTable<readonly Requester[]>([
  { from: '2019-02-10', value: ['doctor'], source: SOURCES.urpsTeleexpertise2019 },
  {
    from: '2022-04-01',
    value: ['doctor', 'nurse', 'speech-therapist', 'physiotherapist', 'podiatrist'],
    source: SOURCES.telesanteBretagneTeleexpertise,
  },
  {
    from: '2022-09-05',
    value: ['doctor', 'midwife', 'nurse', 'speech-therapist', 'physiotherapist', 'podiatrist'],
    source: SOURCES.ameliMidwife,
  },
]);

/** Experts who may bill TE2: doctors; midwives from avenant 5 (5 Sep 2022). */
export const BILLABLE_EXPERTS = datedTable<readonly ('doctor' | 'midwife')[]>([
  { from: '2019-02-10', value: ['doctor'], source: SOURCES.urpsTeleexpertise2019 },
  { from: '2022-09-05', value: ['doctor', 'midwife'], source: SOURCES.ameliMidwife },
]);

/** §5.1 dates midwives' requests from 1 Apr 2022, §2.5 (avenant 5) from 5 Sep 2022: the later is used. */
export const MIDWIFE_TELEEXPERTISE_DISPUTED = { from: '2022-04-01', until: '2022-09-04' } as const;

/** At most 4 tele-expertises a year for the same patient; 2 when a midwife is involved. */
export const TELEEXPERTISE_ANNUAL_LIMIT = datedTable([
  { from: '2019-02-10', value: { default: 4, midwife: 2 }, source: SOURCES.vidalTeleexpertise },
]);

// ── assisted teleconsultation ───────────────────────────────────────────────────────────────────

/** Nurse assisting a teleconsultation (avenant 6 of the nurses' convention, "2019–2020": the later
 *  bound is taken as the start). */
export const NURSE_ASSISTANCE_FEES = datedTable([
  { from: '2020-01-01', value: { 'planned-care': 10, 'dedicated-place': 12, 'home-visit': 15 }, source: SOURCES.nursesAssistance },
]);
export const NURSE_ASSISTANCE_CODES = { 'planned-care': 'TLS', 'dedicated-place': 'TLL', 'home-visit': 'TLD' } as const;

/** Pharmacist: tracer code TLM, 1 € an act per the trade press (UNCERTAIN); start taken as the nurses'. */
export const PHARMACIST_ASSISTANCE_FEE = datedTable([{ from: '2020-01-01', value: 1, source: SOURCES.moniteurPharmacistFee }]);

/** Start dates of assistance are known only as "2019–2020": acts before this day carry a warning. */
export const ASSISTANCE_START_CERTAIN_FROM = '2021-01-01';

// ── telemonitoring (télésurveillance médicale) ──────────────────────────────────────────────────

/** Ordinary-law reimbursement from 1 Jul 2023 (décrets 2022-1767 and 2022-1769). Cardiac implants
 *  (PCI) listed from 31 Mar 2024. Oncology: brand-listed, listing date not in the factsheet. */
export const TELEMONITORING_LISTING = datedTable<Readonly<Record<Indication, boolean>>>([
  {
    from: '2023-07-01',
    value: {
      'heart-failure': true,
      'renal-failure': true,
      'respiratory-failure': true,
      diabetes: true,
      oncology: true,
      'cardiac-implant': false,
    },
    source: SOURCES.ameliTelesurveillance,
  },
  {
    from: '2024-03-31',
    value: {
      'heart-failure': true,
      'renal-failure': true,
      'respiratory-failure': true,
      diabetes: true,
      oncology: true,
      'cardiac-implant': true,
    },
    source: SOURCES.implantListing,
  },
]);

/** Operator forfait per patient per month (arrêté of 16 May 2023): level 1 (PCI) 11 €, level 2 28 €. */
export const OPERATOR_FORFAIT = datedTable([{ from: '2023-07-01', value: { level1: 11, level2: 28 }, source: SOURCES.operatorForfaits }]);

/** Enhanced forfaits for complex heart-failure or diabetes patients (arrêté of 21 Dec 2023, JO 7 Jan 2024). */
export const ENHANCED_OPERATOR_FORFAIT = datedTable([
  { from: '2024-01-07', value: { 'enhanced-1': 56, 'enhanced-2': 70 }, source: SOURCES.operatorForfaits },
]);

/** DGOS note of 20 Jun 2025 re-evaluating the enhanced forfaits. */
export const ENHANCED_FORFAIT_REVIEW = datedTable([{ from: '2025-06-20', value: true, source: SOURCES.enhancedForfaitsReview }]);

/** Enhanced forfaits last at most 6 months renewable once (heart failure), 3 months renewable once (diabetes). */
export const ENHANCED_MAX_MONTHS = { 'heart-failure': 12, diabetes: 6 } as const;

/** Technical forfait, generic lines (arrêté of 28 Jul 2023): 50 € per patient per month. */
export const TECHNICAL_FORFAIT = datedTable([{ from: '2023-07-01', value: 50, source: SOURCES.technicalForfaits }]);

/** A prescription lasts at most one year (CSS R.162-100). */
export const PRESCRIPTION_MAX_MONTHS = 12;

/** Adherence is checked at months 1 and 2: more than 50 % of the expected data, or stop. */
export const ADHERENCE_CHECK_MONTHS = [1, 2] as const;
export const ADHERENCE_MIN_SHARE = 0.5;

/** Respiratory failure and oncology are listed for adults only. */
export const TELEMONITORING_ADULT_ONLY = ['respiratory-failure', 'oncology'] as const;
export const ADULT_AGE = 18;

// ── activity cap ────────────────────────────────────────────────────────────────────────────────

/** Share of conventioned activity a doctor may do remotely. Avenant 9 (arrêté of 22 Sep 2021):
 *  20 %, tele-expertise included; 2024 convention: 20 % of teleconsultations, 40 % for psychiatrists. */
export const ACTIVITY_CAP = datedTable<{ default: number; psychiatry: number; includesTeleexpertise: boolean }>([
  { from: '2021-09-22', value: { default: 0.2, psychiatry: 0.2, includesTeleexpertise: true }, source: SOURCES.hanffouCap },
  {
    from: CONVENTION_2024,
    value: { default: 0.2, psychiatry: 0.4, includesTeleexpertise: false },
    source: SOURCES.telesanteBretagneConvention2024,
  },
]);
