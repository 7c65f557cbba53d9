// A plain sentence in French and in English for every reason and warning code, with the public
// source it rests on; the screens show these beside a decision. Typed as a Record over the closed
// code lists, so a code cannot be added without its explanation.
import type { ReasonCode, WarningCode } from './codes.js';
import { SOURCES } from './sources.js';

export interface Explanation {
  fr: string;
  en: string;
  source: string;
}

export type RulesCode = ReasonCode | WarningCode;

export const REASON_EXPLANATIONS: Readonly<Record<ReasonCode, Explanation>> = {
  'treating-doctor': {
    fr: 'Le médecin qui téléconsulte est le médecin traitant du patient : le parcours de soins est respecté.',
    en: "The teleconsulting doctor is the patient's treating doctor: the care pathway is respected.",
    source: SOURCES.ameliTeleconsultation,
  },
  'referred-by-treating-doctor': {
    fr: 'Le patient a été orienté par son médecin traitant : le parcours de soins est respecté.',
    en: 'The patient was referred by their treating doctor: the care pathway is respected.',
    source: SOURCES.ameliTeleconsultation,
  },
  'direct-access-specialty': {
    fr: 'Spécialité en accès direct (gynécologie, ophtalmologie, stomatologie, chirurgie orale ou maxillo-faciale, psychiatrie, neuropsychiatrie, pédiatrie) : pas d’orientation préalable requise.',
    en: 'Direct-access specialty (gynecology, ophthalmology, stomatology, oral or maxillofacial surgery, psychiatry, neuropsychiatry, pediatrics): no prior referral needed.',
    source: SOURCES.ameliTeleconsultation,
  },
  'under-16': {
    fr: 'Patient de moins de 16 ans : l’orientation par le médecin traitant n’est pas requise.',
    en: 'Patient under 16: referral by the treating doctor is not required.',
    source: SOURCES.ameliTeleconsultation,
  },
  emergency: {
    fr: 'Situation d’urgence (art. R.160-6 CSS) : l’orientation par le médecin traitant n’est pas requise.',
    en: 'Emergency (CSS art. R.160-6): referral by the treating doctor is not required.',
    source: SOURCES.ameliTeleconsultation,
  },
  'no-treating-doctor': {
    fr: 'Le patient n’a pas de médecin traitant, ou celui-ci n’est pas disponible dans un délai compatible avec son état : exception au parcours de soins.',
    en: 'The patient has no treating doctor, or theirs is not available in time for their condition: exception to the care pathway.',
    source: SOURCES.ameliTeleconsultation,
  },
  inmate: {
    fr: 'Patient détenu (art. L.381-30 CSS) : exception au parcours de soins.',
    en: 'The patient is an inmate (CSS art. L.381-30): exception to the care pathway.',
    source: SOURCES.ameliTeleconsultation,
  },
  'care-home-resident': {
    fr: 'Patient résidant en EHPAD ou en établissement pour adultes handicapés : exception au parcours de soins.',
    en: 'The patient lives in a care home (EHPAD) or a facility for disabled adults: exception to the care pathway.',
    source: SOURCES.ameliTeleconsultation,
  },
  'pathway-not-respected': {
    fr: 'Parcours de soins non respecté : le médecin traitant était disponible, n’a pas orienté le patient et aucune exception ne s’applique. La téléconsultation n’est pas remboursée.',
    en: 'Care pathway not respected: the treating doctor was available, did not refer the patient and no exception applies. The teleconsultation is not reimbursed.',
    source: SOURCES.ameliTeleconsultation,
  },
  local: {
    fr: 'Le médecin exerce sur le territoire du patient : la territorialité est respectée.',
    en: "The doctor practises in the patient's territory: territoriality is respected.",
    source: SOURCES.ameliTeleconsultation,
  },
  'sas-referral': {
    fr: 'Téléconsultation organisée par le médecin régulateur du SAS faute de rendez-vous local : territorialité et alternance levées.',
    en: 'Teleconsultation arranged by the SAS regulating doctor after no local appointment could be found: territoriality and alternation waived.',
    source: SOURCES.vidalTeleconsultation,
  },
  'zip-resident': {
    fr: 'Le patient réside en zone d’intervention prioritaire (ZIP) : la territorialité est levée.',
    en: 'The patient lives in a priority intervention zone (ZIP): territoriality is waived.',
    source: SOURCES.snorlAvenant9,
  },
  'territoriality-not-respected': {
    fr: 'Le médecin n’exerce pas sur le territoire du patient, sans orientation par le SAS ni résidence en ZIP : la téléconsultation n’est pas remboursée.',
    en: "The doctor does not practise in the patient's territory, with neither SAS referral nor residence in a ZIP: the teleconsultation is not reimbursed.",
    source: SOURCES.snorlAvenant9,
  },
  'audio-only-not-billable': {
    fr: 'La téléconsultation doit se faire en vidéo : un échange par téléphone seul ne peut pas être facturé en TCG/TC.',
    en: 'A teleconsultation must be done by video: a telephone-only call cannot be billed as TCG/TC.',
    source: SOURCES.vidalTeleconsultation,
  },
  'prior-knowledge-missing': {
    fr: 'Règle des 12 mois (avenant 6, du 15/09/2018 au 31/03/2022) : le patient n’a pas été vu en présentiel dans les 12 mois précédents et aucune exception ne s’applique.',
    en: 'The 12-month rule (avenant 6, 2018-09-15 to 2022-03-31): the patient was not seen in person in the previous 12 months and no exception applies.',
    source: SOURCES.banqueDesTerritoiresAvenant9,
  },
  'act-not-completed': {
    fr: 'L’acte n’a pas été réalisé (coupure ou réorientation) : rien n’est facturé ; consigner l’incident technique au dossier.',
    en: 'The act was not performed (cut off or re-oriented): nothing is billed; record the technical incident in the file.',
    source: SOURCES.hasGuide2019,
  },
  'company-not-approved': {
    fr: 'Société de téléconsultation sans agrément ministériel : les actes de ses médecins salariés ne sont pas pris en charge.',
    en: 'Teleconsultation company without ministerial approval (agrément): its salaried doctors’ acts are not covered.',
    source: SOURCES.delsolCompanyDecree,
  },
  'fee-above-sector-1-tariff': {
    fr: 'Le montant facturé dépasse le tarif conventionnel de secteur 1, seul autorisé ici (médecin de secteur 1 ou société de téléconsultation).',
    en: 'The fee charged exceeds the sector-1 conventional tariff, the only one allowed here (sector-1 doctor or teleconsultation company).',
    source: SOURCES.delsolCompanyDecree,
  },
  'midwife-in-person-12-months-missing': {
    fr: 'Sage-femme : la patiente doit avoir eu au moins un acte en présentiel dans les 12 mois précédents (avec elle ou une sage-femme du même cabinet).',
    en: 'Midwife: the patient must have had at least one in-person act in the previous 12 months (with her or a midwife of the same practice).',
    source: SOURCES.ameliMidwife,
  },
  'midwife-exempt-act': {
    fr: 'IVG médicamenteuse, contraception d’urgence ou renouvellement de contraception : dispensés de l’acte présentiel des 12 derniers mois.',
    en: 'Medical abortion, emergency contraception or contraception renewal: exempt from the in-person act of the last 12 months.',
    source: SOURCES.ameliMidwife,
  },
  'pf-exempt-minor': {
    fr: 'Patient de moins de 18 ans : pas de participation forfaitaire.',
    en: 'Patient under 18: no participation forfaitaire (fixed patient contribution).',
    source: SOURCES.ameliParticipation2016,
  },
  'pf-exempt-pregnancy': {
    fr: 'Grossesse à partir du 6e mois : pas de participation forfaitaire.',
    en: 'Pregnancy from the 6th month: no participation forfaitaire.',
    source: SOURCES.ameliParticipation2016,
  },
  'pf-exempt-css-ame': {
    fr: 'Bénéficiaire de la complémentaire santé solidaire ou de l’AME : pas de participation forfaitaire, tiers payant intégral.',
    en: 'Beneficiary of the complémentaire santé solidaire or AME: no participation forfaitaire, full tiers payant.',
    source: SOURCES.ameliParticipation2016,
  },
  'pf-annual-cap-reached': {
    fr: 'Plafond annuel de 50 € de participations forfaitaires atteint : plus rien (ou seulement le reliquat) n’est déduit.',
    en: 'The 50 € annual cap on participations forfaitaires is reached: nothing more (or only the remainder) is deducted.',
    source: SOURCES.ucrParticipation,
  },
  'rate-100-ald': {
    fr: 'Acte en rapport avec l’affection de longue durée (ALD) : remboursé à 100 % du tarif.',
    en: 'Act related to the long-term condition (ALD): reimbursed at 100 % of the tariff.',
    source: SOURCES.ymanciReimbursement,
  },
  'rate-100-maternity': {
    fr: 'Assurance maternité : remboursé à 100 % du tarif.',
    en: 'Maternity insurance: reimbursed at 100 % of the tariff.',
    source: SOURCES.ymanciReimbursement,
  },
  'rate-100-at-mp': {
    fr: 'Accident du travail ou maladie professionnelle : remboursé à 100 % du tarif.',
    en: 'Occupational injury or disease (AT/MP): reimbursed at 100 % of the tariff.',
    source: SOURCES.ymanciReimbursement,
  },
  'telemedicine-3-day-cap': {
    fr: 'Art. L.6316-1 CSP : par télémédecine, un arrêt de travail ne peut dépasser 3 jours, ni porter un arrêt en cours au-delà de 3 jours.',
    en: 'CSP art. L.6316-1: by telemedicine, a sick leave may not exceed 3 days, nor bring a running leave beyond 3 days.',
    source: SOURCES.csp6316_1,
  },
  'treating-doctor-exception': {
    fr: 'Prescrit par le médecin traitant : le plafond de 3 jours ne s’applique pas.',
    en: 'Prescribed by the treating doctor: the 3-day cap does not apply.',
    source: SOURCES.csp6316_1,
  },
  'reference-midwife-exception': {
    fr: 'Prescrit par la sage-femme référente (art. L.162-8-2 CSS) : le plafond de 3 jours ne s’applique pas.',
    en: 'Prescribed by the reference midwife (CSS art. L.162-8-2): the 3-day cap does not apply.',
    source: SOURCES.csp6316_1,
  },
  'justified-impossibility': {
    fr: 'Le patient justifie ne pas pouvoir consulter en présentiel un professionnel compétent : le plafond de 3 jours ne s’applique pas.',
    en: 'The patient duly justifies being unable to see a competent professional in person: the 3-day cap does not apply.',
    source: SOURCES.csp6316_1,
  },
  'no-cap-before-2024': {
    fr: 'Avant le 1er janvier 2024, aucun plafond ne limitait les arrêts prescrits par télémédecine (la règle de la LFSS 2023 a été censurée).',
    en: 'Before 1 January 2024 no cap limited sick leave prescribed by telemedicine (the LFSS 2023 rule was struck down).',
    source: SOURCES.previssimaCensure,
  },
  'annual-limit-reached': {
    fr: 'Limite annuelle de téléexpertises atteinte pour ce patient (4 par an, 2 avec une sage-femme).',
    en: 'Annual tele-expertise limit reached for this patient (4 a year, 2 with a midwife).',
    source: SOURCES.vidalTeleexpertise,
  },
  'requester-not-billable': {
    fr: 'Cette profession ne peut pas facturer la demande de téléexpertise (RQD) à cette date.',
    en: 'This profession cannot bill the tele-expertise request (RQD) on this date.',
    source: SOURCES.telesanteBretagneTeleexpertise,
  },
  'no-patient-fee-allowed': {
    fr: 'Téléconsultation assistée par un pharmacien : aucun frais ne peut être demandé au patient.',
    en: 'Pharmacist-assisted teleconsultation: no fee may be charged to the patient.',
    source: SOURCES.ameliPharmacist,
  },
  'not-eligible-age': {
    fr: 'Activité de télésurveillance réservée aux adultes : le patient n’est pas éligible.',
    en: 'This telemonitoring activity is for adults only: the patient is not eligible.',
    source: SOURCES.respiratoryEligibility,
  },
  'prescriber-not-qualified': {
    fr: 'Télésurveillance des prothèses cardiaques implantables : la prescription doit venir d’un cardiologue compétent en rythmologie et stimulation.',
    en: 'Telemonitoring of implantable cardiac devices must be prescribed by a cardiologist competent in rhythmology and pacing.',
    source: SOURCES.telesurveillancePriseEnCharge,
  },
  'operator-not-declared': {
    fr: 'L’opérateur n’a pas déclaré son activité de télésurveillance à l’ARS : il ne peut pas facturer.',
    en: 'The operator has not declared its telemonitoring activity to the ARS: it cannot bill.',
    source: SOURCES.arsDeclaration,
  },
  'prescription-expired': {
    fr: 'Une prescription de télésurveillance vaut au plus un an (art. R.162-100 CSS) : une nouvelle prescription est nécessaire.',
    en: 'A telemonitoring prescription lasts at most one year (CSS art. R.162-100): a new prescription is needed.',
    source: SOURCES.telesurveillancePriseEnCharge,
  },
  'enhanced-duration-exceeded': {
    fr: 'Durée maximale du forfait majoré dépassée (insuffisance cardiaque : 6 mois renouvelables une fois ; diabète : 3 mois renouvelables une fois).',
    en: 'Maximum duration of the enhanced forfait exceeded (heart failure: 6 months renewable once; diabetes: 3 months renewable once).',
    source: SOURCES.operatorForfaits,
  },
  'low-adherence-stop': {
    fr: 'Moins de 50 % des données attendues transmises au contrôle des mois 1 ou 2 : la télésurveillance et sa facturation s’arrêtent.',
    en: 'Less than 50 % of the expected data transmitted at the month-1 or month-2 check: telemonitoring and its billing stop.',
    source: SOURCES.telesurveillancePriseEnCharge,
  },
  'bad-length': {
    fr: 'Longueur incorrecte pour cet identifiant (NIR : 15 caractères clé comprise ; RPPS : 11 chiffres ; FINESS : 9 caractères).',
    en: 'Wrong length for this identifier (NIR: 15 characters with the key; RPPS: 11 digits; FINESS: 9 characters).',
    source: SOURCES.identitoNir,
  },
  'bad-characters': {
    fr: 'Caractères non autorisés pour cet identifiant (chiffres seulement, 2A/2B pour la Corse ; NIR : premier chiffre 1, 2, 3, 7 ou 8 ; FINESS : un département en tête).',
    en: 'Characters not allowed in this identifier (digits only, 2A/2B for Corsica; NIR: first digit 1, 2, 3, 7 or 8; FINESS: a département first).',
    source: SOURCES.identitoNir,
  },
  'bad-key': {
    fr: 'La clé de contrôle du NIR ne correspond pas (clé = 97 − les 13 premiers chiffres modulo 97).',
    en: 'The NIR check key does not match (key = 97 − the first 13 digits modulo 97).',
    source: SOURCES.nirKeyExample,
  },
};

export const WARNING_EXPLANATIONS: Readonly<Record<WarningCode, Explanation>> = {
  'no-tariff-on-date': {
    fr: 'Les sources ne donnent aucun tarif ni aucune prise en charge de cet acte à cette date (avant son entrée dans le droit commun) : non facturable par prudence.',
    en: 'The sources give no tariff or coverage for this act on this date (before it entered ordinary law): not billable, to be prudent.',
    source: SOURCES.ameliTarification2018,
  },
  'covid-derogation-period': {
    fr: 'Acte de la période Covid (10/03/2020 – 31/03/2022) : des dérogations ont pu lever la règle des 12 mois ; la règle est appliquée par prudence.',
    en: 'Act of the Covid period (2020-03-10 to 2022-03-31): derogations may have waived the 12-month rule; the rule is applied, to be prudent.',
    source: SOURCES.banqueDesTerritoiresAvenant9,
  },
  'pathway-penalty-uncertain': {
    fr: 'Les sources divergent : hors parcours, la téléconsultation est soit non remboursée, soit remboursée au taux réduit de 30 %. Par prudence : non remboursée.',
    en: 'Sources conflict: outside the pathway a teleconsultation is either not reimbursed or reimbursed at the reduced 30 % rate. To be prudent: not reimbursed.',
    source: SOURCES.ymanciReimbursement,
  },
  'zip-conditions-uncertain': {
    fr: 'Les conditions exactes de la dérogation ZIP (convention 2024) sont incertaines : par prudence, elle n’est retenue que pour un généraliste et un patient sans médecin traitant disponible.',
    en: 'The exact conditions of the ZIP waiver (2024 convention) are uncertain: to be prudent, it is granted only to a GP seeing a patient with no available treating doctor.',
    source: SOURCES.fmfAvenant9,
  },
  'audio-only-reimbursement-uncertain': {
    fr: 'Aucun texte postérieur créant un acte remboursable par téléphone seul n’a été trouvé ; à vérifier.',
    en: 'No later text creating a reimbursable telephone-only act was found; to be checked.',
    source: SOURCES.fmfAvenant9,
  },
  'covid-phone-derogation': {
    fr: 'Jusqu’en juin 2021, une dérogation Covid admettait le téléphone pour certains patients (Covid, ALD, plus de 70 ans, zones blanches sans vidéo) ; non appliquée par prudence.',
    en: 'Until June 2021 a Covid derogation allowed telephone calls for some patients (Covid, ALD, over-70s, white zones without video); not applied, to be prudent.',
    source: SOURCES.fmfAvenant9,
  },
  'incomplete-act-billing-uncertain': {
    fr: 'Aucun texte n’interdit explicitement de facturer une téléconsultation interrompue ; par prudence, seul un acte réalisé est facturé.',
    en: 'No text explicitly forbids billing an interrupted teleconsultation; to be prudent, only a performed act is billed.',
    source: SOURCES.hasGuide2019,
  },
  'specialist-tariff-equivalence': {
    fr: 'Tarif du spécialiste repris de la consultation présentielle équivalente ; l’application des hausses du 22/12/2024 à la téléconsultation est incertaine.',
    en: 'Specialist tariff taken from the matching in-person consultation; whether the 2024-12-22 increases apply to teleconsultation is uncertain.',
    source: SOURCES.ameliTariffs2024,
  },
  'after-hours-majoration-not-applied': {
    fr: 'Soir, nuit ou dimanche : les majorations de PDSA ne s’appliquent pas ; seule une majoration de 5 € est possible, dont le code et la date d’effet sont incertains : non ajoutée.',
    en: 'Evening, night or Sunday: out-of-hours (PDSA) majorations do not apply; only a 5 € majoration is possible, its code and start date uncertain: not added.',
    source: SOURCES.telesanteBretagneConvention2024,
  },
  'midwife-tcg-amount': {
    fr: 'Montant du TCG des sages-femmes après les derniers avenants incertain : 25 € retenus (montant historique).',
    en: "Amount of the midwives' TCG after the latest avenants uncertain: 25 € used (the historical amount).",
    source: SOURCES.ameliMidwife,
  },
  'pf-at-mp-exemption-uncertain': {
    fr: 'Les sources divergent sur l’exonération de participation forfaitaire en AT/MP : par prudence, elle est déduite.',
    en: 'Sources disagree on whether AT/MP is exempt from the participation forfaitaire: to be prudent, it is deducted.',
    source: SOURCES.ameliParticipation2016,
  },
  'covid-full-coverage-period': {
    fr: 'Période Covid : les téléconsultations ont pu être prises en charge à 100 % (fin le 30/09/2022) ; par prudence, le taux ordinaire est appliqué.',
    en: 'Covid period: teleconsultations may have been covered at 100 % (ended 2022-09-30); to be prudent, the ordinary rate is applied.',
    source: SOURCES.covidCoverageEnd,
  },
  'sas-snp-majoration-not-applied': {
    fr: 'La majoration SNP (+15 €) pour un patient adressé par le SAS n’est pas ajoutée : son cumul avec une téléconsultation est incertain.',
    en: 'The SNP majoration (+15 €) for a patient referred by the SAS is not added: whether it applies to a teleconsultation is uncertain.',
    source: SOURCES.snpMajoration,
  },
  'company-agrement-not-yet-required': {
    fr: 'Acte antérieur au décret du 29/02/2024 sur l’agrément des sociétés de téléconsultation : la règle n’est pas appliquée, sa date d’effet exacte est à vérifier.',
    en: 'Act before the decree of 2024-02-29 on teleconsultation companies’ approval: the rule is not applied; its exact start date is to be checked.',
    source: SOURCES.delsolCompanyDecree,
  },
  'plfss-2026-renewal-ban': {
    fr: 'Un amendement au PLFSS 2026 interdirait tout renouvellement d’arrêt de travail par télémédecine ; son adoption définitive n’est pas confirmée.',
    en: 'A PLFSS 2026 amendment would forbid any renewal of sick leave by telemedicine; its final adoption is not confirmed.',
    source: SOURCES.plfss2026Amendment,
  },
  'teleexpertise-limit-scope': {
    fr: 'On ignore si la limite annuelle se compte par expert ou pour le patient, et si elle vaut aussi pour la RQD : par prudence, pour le patient, RQD comprise.',
    en: 'Whether the annual limit counts per expert or per patient, and whether it binds RQD, is uncertain: to be prudent, per patient, RQD included.',
    source: SOURCES.vidalTeleexpertise,
  },
  'teleexpertise-level-assumed': {
    fr: 'Avant le 01/04/2022, deux niveaux existaient (TE1 12 €/5 €, TE2 20 €/10 €) : le niveau 2 est retenu, à vérifier.',
    en: 'Before 2022-04-01 two levels existed (TE1 12 €/5 €, TE2 20 €/10 €): level 2 is assumed, to be checked.',
    source: SOURCES.urpsTeleexpertise2019,
  },
  'midwife-teleexpertise-start-date': {
    fr: 'Les sources datent la téléexpertise des sages-femmes du 01/04/2022 ou du 05/09/2022 (avenant 5) : la date la plus tardive est retenue.',
    en: "Sources date midwives' tele-expertise from 2022-04-01 or 2022-09-05 (avenant 5): the later date is used.",
    source: SOURCES.ameliMidwife,
  },
  'tlm-amount-uncertain': {
    fr: 'Le montant de 1 € par acte TLM vient de la presse professionnelle, pas d’ameli.',
    en: 'The 1 € per TLM act comes from the trade press, not from ameli.',
    source: SOURCES.moniteurPharmacistFee,
  },
  'nurse-setting-assumed': {
    fr: 'Cadre de l’assistance infirmière non précisé : le code le moins coté (TLS, 10 €) est retenu par prudence.',
    en: 'Setting of the nurse assistance not given: the lowest code (TLS, 10 €) is used, to be prudent.',
    source: SOURCES.nursesAssistance,
  },
  'assistance-start-date-uncertain': {
    fr: 'La date d’entrée en vigueur des actes d’assistance (2019–2020) est incertaine : le 01/01/2020 est retenu.',
    en: 'The start date of the assistance acts (2019–2020) is uncertain: 2020-01-01 is used.',
    source: SOURCES.nursesAssistance,
  },
  'oncology-forfait-uncertain': {
    fr: 'Télésurveillance en oncologie : niveau du forfait et date d’inscription incertains ; montants non donnés.',
    en: 'Oncology telemonitoring: forfait level and listing date uncertain; amounts not given.',
    source: SOURCES.oncologyListing,
  },
  'implant-technical-forfait-uncertain': {
    fr: 'Prothèses cardiaques implantables : le montant du forfait technique propre (arrêté du 23/02/2024) n’est pas connu.',
    en: 'Implantable cardiac devices: the amount of their own technical forfait (arrêté of 2024-02-23) is not known.',
    source: SOURCES.implantForfait,
  },
  'enhanced-forfait-under-review': {
    fr: 'Les forfaits majorés sont en réévaluation (note DGOS du 20/06/2025) : montants à vérifier.',
    en: 'The enhanced forfaits are being re-evaluated (DGOS note of 2025-06-20): amounts to be checked.',
    source: SOURCES.enhancedForfaitsReview,
  },
  'enhanced-level-not-applicable': {
    fr: 'Forfait majoré non prévu pour cette indication ou cette date (réservé à l’insuffisance cardiaque et au diabète, depuis janvier 2024) : forfait standard retenu.',
    en: 'No enhanced forfait for this indication or date (heart failure and diabetes only, since January 2024): the standard forfait is used.',
    source: SOURCES.operatorForfaits,
  },
  'no-activity-cap-on-date': {
    fr: 'Aucun plafond d’activité à distance n’a été trouvé dans les sources avant l’avenant 9 (arrêté du 22/09/2021).',
    en: 'No cap on remote activity was found in the sources before avenant 9 (arrêté of 2021-09-22).',
    source: SOURCES.hanffouCap,
  },
  'teleexpertise-counted-in-cap': {
    fr: 'Sous l’avenant 9, le plafond de 20 % compte téléconsultations et téléexpertises ensemble : la part indiquée doit les inclure.',
    en: 'Under avenant 9 the 20 % cap counts teleconsultations and tele-expertises together: the share given must include both.',
    source: SOURCES.hanffouCap,
  },
  'neuropsychiatry-cap-uncertain': {
    fr: 'Le plafond de 40 % vise les psychiatres ; son extension aux neuropsychiatres n’est pas établie : 20 % retenus.',
    en: 'The 40 % cap is for psychiatrists; whether it extends to neuropsychiatrists is not established: 20 % used.',
    source: SOURCES.telesanteBretagneConvention2024,
  },
  'rpps-check-digit': {
    fr: 'Le dernier chiffre du RPPS ne vérifie pas l’algorithme de Luhn (supposé, non officiel) : numéro accepté, à vérifier dans l’annuaire santé.',
    en: 'The last RPPS digit fails the Luhn check (assumed, not official): number accepted, to be checked in the Annuaire Santé.',
    source: SOURCES.ansRpps,
  },
  'nir-corsica-key-convention': {
    fr: 'NIR corse : la clé est calculée en remplaçant 2A par 19 et 2B par 18, convention courante sans source officielle.',
    en: 'Corsican NIR: the key is computed replacing 2A with 19 and 2B with 18, a common convention without an official source.',
    source: SOURCES.identitoNir,
  },
  'finess-check-key-not-verified': {
    fr: 'La clé de contrôle du FINESS n’est pas documentée dans les sources : seul le format est vérifié.',
    en: 'The FINESS check key is not documented in the sources: only the format is checked.',
    source: SOURCES.finessIdentifierTypes,
  },
};

export const EXPLANATIONS: Readonly<Record<RulesCode, Explanation>> = { ...REASON_EXPLANATIONS, ...WARNING_EXPLANATIONS };

/** The explanation of a reason or warning code, for the screens. */
export function explain(code: RulesCode): Explanation {
  return EXPLANATIONS[code];
}
