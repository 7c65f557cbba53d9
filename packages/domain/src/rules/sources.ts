// Public sources of the rules, as listed in the factsheet (shared/rules/factsheet.md). Every dated
// row and every reason or warning carries one of these, so a screen can always show where a rule
// comes from. Check amounts against the current ameli.fr, Légifrance and NGAP texts before relying on them.

export const SOURCES = {
  // §1 teleconsultation conditions
  ameliTeleconsultation: 'https://www.ameli.fr/exercice-coordonne/exercice-professionnel/telemedecine/teleconsultation-0',
  vidalTeleconsultation: 'https://vidal.fr/infos-pratiques/telesante-teleconsultation-medecins-liberaux-id16626.html',
  ameliTerritorialOrganisations:
    'https://www.ameli.fr/medecin/exercice-liberal/telemedecine/teleconsultation/organisations-coordonnees-territoriales',
  banqueDesTerritoiresAvenant9:
    'https://banquedesterritoires.fr/nouveaux-assouplissements-pour-favoriser-le-developpement-de-la-teleconsultation',
  snorlAvenant9: 'https://snorl.org/?p=32018',
  hanffouCap: 'https://www.hanffou-avocat.com/teleconsultation-depassement-du-seuil-de-20/',
  fmfAvenant9: 'https://www.fmfpro.org/avenant-no9-et-telemedecine/',
  delsolConvention2024: 'https://delsolavocats.com/La-nouvelle-convention-medicale-pour-les-plateformes-de-teleconsultation',
  telesanteBretagneConvention2024: 'https://telesante-bretagne.fr/convention-medicale-quels-changements-cote-telesante',
  delsolCompanyDecree:
    'https://www.delsolavocats.com/Publication-le-1er-mars-2024-du-decret-sur-la-procedure-d-agrement-des-societes-de-teleconsultation',
  hasGuide2019:
    'https://www.lejournaldumedecin.com/magazine/teleconsultation-un-guide-de-bonnes-pratiques-made-in-france/article-normal-43235.html',
  // §2 tariffs and patient cost
  ameliTarification2018: 'https://www.ameli.fr/medecin/actualites/teleconsultation-tarification-et-facturation',
  ameliTariffs2024:
    'https://www.ameli.fr/assure/actualites/tarifs-des-medecins-generalistes-et-specialistes-ce-qui-change-le-22-decembre-2024',
  klesiaTariffs2024:
    'https://www.klesiaprosocial.fr/you-go/i/84826486/consultation-medicale-les-hausses-de-tarifs-en-vigueur-le-22-decembre-2024',
  nursesAssistance: 'http://www.laboiteaidel.fr/la-teleconsultation/',
  ameliPharmacist: 'https://www.ameli.fr/pharmacien/exercice-professionnel/facturation-remuneration/telemedecine/telemedecine',
  moniteurPharmacistFee:
    'https://lemoniteurdespharmacies-wp.1hpp.fr/profession/socio-professionnel/teleconsultation-luspo-met-en-garde-contre-la-surfacturation',
  ameliMidwife:
    'https://www.ameli.fr/sage-femme/actualites/teleconsultation-teleexpertise-et-actes-distance-conditions-de-realisation-et-de-facturation',
  covidCoverageEnd:
    'https://www.lecomparateurassurance.com/103386-actualites-assurance-sante/prise-charge-100-teleconsultations-assurance-maladie-pris-fin-30-septembre-dernier',
  ymanciReimbursement: 'https://ymanci.fr/assurance-sante/guide/remboursement-teleconsultation',
  ameliParticipation2016:
    'http://www.ameli.fr/assures/soins-et-remboursements/ce-qui-est-a-votre-charge/la-participation-forfaitaire-de-1-euro.php',
  ucrParticipation: 'https://ucr.fr/cest-quoi-la-participation-forfaitaire',
  tiersPayant: 'https://bo.viasante.fr/node/64',
  // §3 sick leave
  csp6316_1:
    'https://juriblio.fr/codes/code-de-la-sante-publique/partie-legislative/sixieme-partie/livre-iii/titre-ier/chapitre-vi/section-1/article-l6316-1',
  acociaLfss2024:
    'https://www.acocia-agaps.com/index.php/2023/12/29/lfss-2024-limitation-de-la-duree-de-larret-e-travail-prescrit-en-teleconsultation',
  previssimaCensure:
    'https://www.previssima.fr/actualite/lfss-2023-le-conseil-constitutionnel-censure-la-mesure-relative-a-la-delivrance-dun-arret-de-travail-par-teleconsultation.html',
  plfss2026Amendment: 'https://www.assemblee-nationale.fr/dyn/17/amendements/1907/AN/1715',
  // §4 telemonitoring
  ameliTelesurveillance: 'https://www.ameli.fr/medecin/exercice-liberal/telemedecine/telesurveillance',
  ameliTelesurveillanceIndications:
    'https://www.ameli.fr/professionnel-de-la-lpplatm/exercice-professionnel/telesurveillance/telesurveillance-definition',
  operatorForfaits: 'https://legal.tricoteuses.fr/articles/JORFARTI000048866487',
  enhancedForfaitsReview:
    'https://bulletins-officiels.social.gouv.fr/note-dinformation-ndeg-dgosnum202559-du-20-juin-2025-relative-la-reevaluation-des-forfaits-majores-de-telesurveillance-medicale-pour-linsuffisance-cardiaque-et-le-diabete',
  technicalForfaits:
    'https://ma-veille-juridique.com/arrete-du-28-juillet-2023-fixant-les-forfaits-techniques-des-activites-de-telesurveillance-inscrites-sur-la-liste-des-activites-de-telesurveillance-medicale-prevue-a-larticle-l-162-52-d/',
  implantForfait: 'https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000049205200',
  implantListing:
    'https://telesante-bretagne.fr/telesurveillance-la-telesurveillance-des-porteurs-de-protheses-cardiaques-implantables-inscrite-au-remboursement-les-tarifs-publies-2',
  respiratoryEligibility:
    'https://juriblio.fr/arretes/arrete-du-22-juin-2023/181937807/annexe/chapitre-2/section-1/sous-section-1/316155568',
  oncologyListing: 'https://legal.tricoteuses.fr/articles/JORFARTI000051427361',
  telesurveillancePriseEnCharge:
    'https://www.ameli.fr/professionnel-de-la-lpplatm/exercice-professionnel/telesurveillance/telesurveillance-prise-en-charge',
  arsDeclaration:
    'https://www.auvergne-rhone-alpes.ars.sante.fr/index.php/declarer-une-activite-de-telesurveillance-lars-auvergne-rhone-alpes',
  // §5 tele-expertise
  vidalTeleexpertise: 'https://vidal.fr/infos-pratiques/telesante-teleexpertise-medecins-liberaux-id16635.html',
  omnipratTeleexpertise: 'https://omniprat.org/fiches-pratiques/teleexpertise/',
  telesanteBretagneTeleexpertise: 'https://telesante-bretagne.fr/la-telesante/la-telemedecine/la-teleexpertise',
  urpsTeleexpertise2019:
    'http://urpsml-centre.org/index.php/nos-actualites/401-actes-de-tele-expertise-rembourses-et-remuneres-sous-conditions',
  // §6 SAS
  snpMajoration: 'https://www.legifrance.gouv.fr/jorf/texte_jo/JORFTEXT000047542123',
  // §7 identifiers
  identitoNir: 'https://www.identito-na.fr/NIR-et-NIA',
  nirKeyExample: 'https://www.maths-forum.com/lycee/congruence-t179375.html',
  ansRpps: 'https://build.fhir.org/ig/ansforge/IG-fhir-annuaire/Practitioner-334081.html',
  finessDirectory: 'https://industriels.esante.gouv.fr/en/products-and-services/finess-directory',
  finessIdentifierTypes: 'https://interop.esante.gouv.fr/terminologies/1.0.0/CodeSystem-TRE-G07-TypeIdentifiantStructure.html',
} as const;
