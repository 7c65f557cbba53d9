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
  'rules-request-invalid': { fr: 'La demande d’évaluation est invalide', en: 'The evaluation request is invalid' },
} satisfies Record<string, Record<Language, string>>;

export type ProblemSlug = keyof typeof TITLES;

export function problemTitle(slug: ProblemSlug, language: Language): string {
  return TITLES[slug][language];
}
