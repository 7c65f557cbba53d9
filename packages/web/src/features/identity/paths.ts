/** The identity pages' addresses; the mailed links (composed by the server) use the same ones. */
export const PATHS = {
  login: '/connexion',
  secondFactor: '/connexion/second-facteur',
  enrolment: '/connexion/activer-second-facteur',
  register: '/inscription',
  verifyEmail: '/verifier-email',
  forgotPassword: '/mot-de-passe-oublie',
  resetPassword: '/nouveau-mot-de-passe',
  invitation: '/invitation',
  profile: '/profil',
  organisation: '/organisation',
  accessHistory: '/acces',
} as const;
