import type { Language } from './language.js';

/** Titles of every problem type, in each language. Adding a slug here is how a module adds an error. */
const TITLES = {
  validation: { fr: 'La requête contient des champs invalides', en: 'The request has invalid fields' },
  'malformed-json': { fr: 'Le corps de la requête n’est pas du JSON valide', en: 'The request body is not valid JSON' },
  'empty-body': { fr: 'Le corps de la requête est vide', en: 'The request body is empty' },
  'unsupported-media-type': { fr: 'Type de contenu non pris en charge', en: 'Unsupported content type' },
  'payload-too-large': { fr: 'Le corps de la requête est trop volumineux', en: 'The request body is too large' },
  'bad-request': { fr: 'Requête invalide', en: 'Bad request' },
  'not-found': { fr: 'Ressource introuvable', en: 'Resource not found' },
  'method-not-allowed': { fr: 'Méthode non autorisée', en: 'Method not allowed' },
  unauthenticated: { fr: 'Authentification requise', en: 'Authentication required' },
  forbidden: { fr: 'Accès refusé', en: 'Access denied' },
  'too-many-requests': { fr: 'Trop de requêtes, réessayez plus tard', en: 'Too many requests, try again later' },
  unavailable: { fr: 'Service momentanément indisponible', en: 'Service temporarily unavailable' },
  internal: { fr: 'Erreur interne du serveur', en: 'Internal server error' },
  'csrf-token-invalid': { fr: 'Jeton anti-CSRF absent ou invalide', en: 'Missing or invalid CSRF token' },
  'second-factor-required': { fr: 'Second facteur d’authentification requis', en: 'Second authentication factor required' },
  'invalid-credentials': { fr: 'Adresse e-mail ou mot de passe incorrect', en: 'Wrong e-mail address or password' },
  'email-not-verified': {
    fr: 'Adresse e-mail non vérifiée : suivez le lien reçu par e-mail',
    en: 'E-mail address not verified: follow the link you received',
  },
  'login-throttled': { fr: 'Trop de tentatives : réessayez dans quelques instants', en: 'Too many attempts: try again shortly' },
  'token-invalid': { fr: 'Ce lien est invalide ou a expiré', en: 'This link is invalid or has expired' },
  'totp-invalid': { fr: 'Code de vérification incorrect', en: 'Wrong verification code' },
  'totp-not-started': { fr: 'Commencez par générer un secret de second facteur', en: 'Start by generating a second-factor secret' },
  'totp-already-enrolled': { fr: 'Le second facteur est déjà activé', en: 'The second factor is already enabled' },
  'demo-refused': { fr: 'Les comptes de démonstration sont refusés en production', en: 'Demo accounts are refused in production' },
  'oidc-not-configured': { fr: 'La connexion Pro Santé Connect n’est pas configurée', en: 'Pro Santé Connect login is not configured' },
  'oidc-failed': { fr: 'La connexion par le fournisseur d’identité a échoué', en: 'Login through the identity provider failed' },
  'rpps-unknown': { fr: 'Aucun professionnel n’est inscrit avec ce RPPS', en: 'No professional is registered with this RPPS' },
  'site-exists': { fr: 'Un site porte déjà ce nom', en: 'A site already has this name' },
  'rpps-taken': { fr: 'Ce RPPS est déjà celui d’un autre compte', en: 'This RPPS already belongs to another account' },
  'consent-information-outdated': {
    fr: 'Le texte d’information a changé : relisez-le avant de consentir',
    en: 'The information text changed: read it again before consenting',
  },
  'not-a-teleconsulting-profession': {
    fr: 'Seuls les médecins et les sages-femmes facturent une téléconsultation',
    en: 'Only doctors and midwives bill a teleconsultation',
  },
  'rules-request-invalid': { fr: 'La demande d’évaluation est invalide', en: 'The evaluation request is invalid' },
} satisfies Record<string, Record<Language, string>>;

export type ProblemSlug = keyof typeof TITLES;

export function problemTitle(slug: ProblemSlug, language: Language): string {
  return TITLES[slug][language];
}
