// The closed lists of codes a decision may carry (rules contract, shared/rules/contract.md).
// Reasons say why a decision came out so; warnings say what the sources leave uncertain for the
// case, each naming the prudent reading the engine took. Both lists are stable: clients match on them.

export const REASON_CODES = [
  // teleconsultation: parcours de soins coordonné (coordinated care pathway) and its exceptions
  'treating-doctor',
  'referred-by-treating-doctor',
  'direct-access-specialty',
  'under-16',
  'emergency',
  'no-treating-doctor',
  'inmate',
  'care-home-resident',
  'pathway-not-respected',
  // teleconsultation: territoriality
  'local',
  'sas-referral',
  'zip-resident',
  'territoriality-not-respected',
  // teleconsultation: the act itself
  'audio-only-not-billable',
  'prior-knowledge-missing',
  'act-not-completed',
  'company-not-approved',
  'fee-above-sector-1-tariff',
  'midwife-in-person-12-months-missing',
  'midwife-exempt-act',
  // teleconsultation: patient cost
  'pf-exempt-minor',
  'pf-exempt-pregnancy',
  'pf-exempt-css-ame',
  'pf-annual-cap-reached',
  'rate-100-ald',
  'rate-100-maternity',
  'rate-100-at-mp',
  // sick leave (arrêt de travail)
  'telemedicine-3-day-cap',
  'treating-doctor-exception',
  'reference-midwife-exception',
  'justified-impossibility',
  'no-cap-before-2024',
  // tele-expertise
  'annual-limit-reached',
  'requester-not-billable',
  // assisted teleconsultation
  'no-patient-fee-allowed',
  // telemonitoring (télésurveillance)
  'not-eligible-age',
  'prescriber-not-qualified',
  'operator-not-declared',
  'prescription-expired',
  'enhanced-duration-exceeded',
  'low-adherence-stop',
  // identifiers
  'bad-length',
  'bad-characters',
  'bad-key',
] as const;

export const WARNING_CODES = [
  // any kind
  'no-tariff-on-date',
  // teleconsultation
  'covid-derogation-period',
  'pathway-penalty-uncertain',
  'zip-conditions-uncertain',
  'audio-only-reimbursement-uncertain',
  'covid-phone-derogation',
  'incomplete-act-billing-uncertain',
  'specialist-tariff-equivalence',
  'after-hours-majoration-not-applied',
  'midwife-tcg-amount',
  'pf-at-mp-exemption-uncertain',
  'covid-full-coverage-period',
  'sas-snp-majoration-not-applied',
  'company-agrement-not-yet-required',
  // sick leave
  'plfss-2026-renewal-ban',
  // tele-expertise
  'teleexpertise-limit-scope',
  'teleexpertise-level-assumed',
  'midwife-teleexpertise-start-date',
  // assisted teleconsultation
  'tlm-amount-uncertain',
  'nurse-setting-assumed',
  'assistance-start-date-uncertain',
  // telemonitoring
  'oncology-forfait-uncertain',
  'implant-technical-forfait-uncertain',
  'enhanced-forfait-under-review',
  'enhanced-level-not-applicable',
  // activity cap
  'no-activity-cap-on-date',
  'teleexpertise-counted-in-cap',
  'neuropsychiatry-cap-uncertain',
  // identifiers
  'rpps-check-digit',
  'nir-corsica-key-convention',
  'finess-check-key-not-verified',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];
export type WarningCode = (typeof WARNING_CODES)[number];
