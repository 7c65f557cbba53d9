import type { Translation } from '../../i18n/translation.js';

/** The home feature's strings, under `home.` in the catalogue: French, the reference… */
export const fr = {
  nav: {
    home: 'Accueil',
  },
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
  notFound: {
    heading: 'Page introuvable',
    text: 'Cette page n’existe pas ou a été déplacée.',
  },
  mine: {
    title: 'Bonjour {{name}}',
    intro: 'Votre espace Parcours : ce qui attend votre réponse, et ce que vous pouvez faire.',
    next: 'Que souhaitez-vous faire ?',
    invitations: 'Invitations à rejoindre une structure',
    invitation: '{{organisation}} vous invite à la rejoindre (rôle : {{role}}).',
    accept: 'Accepter',
    decline: 'Refuser',
    accepted: 'Vous êtes désormais membre de {{organisation}}.',
    declined: 'Vous avez refusé l’invitation de {{organisation}}.',
    secondFactor: 'Protégez votre compte : activez la double authentification.',
    secondFactorLink: 'Activer la double authentification',
  },
} as const;

/** …and English, with the same keys. */
export const en: Translation<typeof fr> = {
  nav: {
    home: 'Home',
  },
  heading: 'Telemedicine, from booking to report',
  intro:
    'Teleconsultation, telemonitoring, tele-expertise, tele-assistance and medical regulation: the five telemedicine acts, following the Assurance Maladie’s rules, on a platform your centre hosts itself.',
  acts: 'The five acts',
  teleconsultation: 'Teleconsultation',
  teleconsultationText: 'Triage questionnaire, consent, secure video, a report shared with the treating doctor.',
  telemonitoring: 'Telemonitoring',
  telemonitoringText: 'Home readings, thresholds and alerts for six chronic indications.',
  teleexpertise: 'Tele-expertise',
  teleexpertiseText: 'A colleague’s opinion, asynchronously, from the patient’s data.',
  teleassistance: 'Medical tele-assistance',
  teleassistanceText: 'One professional assists another, live, during an act.',
  regulation: 'Medical regulation',
  regulationText: 'SAMU-Centre 15 and SAS: orient the patient in the care pathway.',
  status: 'Service status',
  statusReady: 'Service up ({{database}})',
  statusDown: 'Service unavailable',
  statusLoading: 'Checking…',
  notFound: {
    heading: 'Page not found',
    text: 'This page does not exist or has moved.',
  },
  mine: {
    title: 'Hello {{name}}',
    intro: 'Your Parcours space: what waits for your answer, and what you can do.',
    next: 'What would you like to do?',
    invitations: 'Invitations to join an organisation',
    invitation: '{{organisation}} invites you to join it (role: {{role}}).',
    accept: 'Accept',
    decline: 'Decline',
    accepted: 'You are now a member of {{organisation}}.',
    declined: 'You declined the invitation of {{organisation}}.',
    secondFactor: 'Protect your account: turn on two-factor authentication.',
    secondFactorLink: 'Turn on two-factor authentication',
  },
};
