/** French strings — the reference catalogue: English must have the same keys (checked by the type of en.ts). */
export const fr = {
  app: {
    title: 'Parcours — Télémédecine',
    name: 'Parcours',
    tagline: 'Télémédecine',
    skipToContent: 'Aller au contenu',
    mainNavigation: 'Navigation principale',
    openNavigation: 'Ouvrir la navigation',
    language: 'Langue',
    footer: 'Parcours — logiciel libre de télémédecine pour le système de santé français.',
  },
  nav: {
    home: 'Accueil',
    simulator: 'Simulateur de remboursement',
    apiDocs: 'Documentation de l’API',
    appointments: 'Mes rendez-vous',
    record: 'Mon dossier',
    accessHistory: 'Historique des accès',
    agenda: 'Agenda',
    waitingRoom: 'Salle d’attente',
    teleexpertise: 'Téléexpertise',
    telemonitoring: 'Télésurveillance',
    regulationQueue: 'File de régulation',
    organisation: 'Organisation',
    statistics: 'Statistiques',
  },
  home: {
    heading: 'La télémédecine, du rendez-vous au compte rendu',
    intro:
      'Téléconsultation, télésurveillance, téléexpertise, téléassistance et régulation médicale : les cinq actes de télémédecine, conformes aux règles de l’Assurance Maladie, sur une plateforme que votre centre héberge lui-même.',
    acts: 'Les cinq actes',
    teleconsultation: 'Téléconsultation',
    teleconsultationText: 'Questionnaire d’orientation, consentement, vidéo sécurisée, compte rendu partagé avec le médecin traitant.',
    telemonitoring: 'Télésurveillance',
    telemonitoringText: 'Mesures à domicile, seuils et alertes pour six indications chroniques.',
    teleexpertise: 'Téléexpertise',
    teleexpertiseText: 'L’avis d’un confrère, de façon asynchrone, à partir des données du patient.',
    teleassistance: 'Téléassistance médicale',
    teleassistanceText: 'Un professionnel en assiste un autre, en direct, pendant un acte.',
    regulation: 'Régulation médicale',
    regulationText: 'SAMU-Centre 15 et SAS : orienter le patient dans le parcours de soins.',
    status: 'État du service',
    statusReady: 'Service opérationnel ({{database}})',
    statusDown: 'Service indisponible',
    statusLoading: 'Vérification…',
  },
  notFound: { heading: 'Page introuvable', text: 'Cette page n’existe pas ou a été déplacée.' },
  language: { fr: 'Français', en: 'English' },
} as const;

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
export type Catalogue = Strings<typeof fr>;
