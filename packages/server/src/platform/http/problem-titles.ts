import type { Language } from './language.js';

/** A problem type's title in each language. */
export type ProblemTitle = Record<Language, string>;
export type ProblemTitles = Record<string, ProblemTitle>;

/** The platform's own problem types: HTTP, validation and access. Modules bring theirs in their manifest. */
export const PLATFORM_PROBLEMS = {
  validation: { fr: 'La requête contient des champs invalides', en: 'The request has invalid fields' },
  'malformed-json': { fr: 'Le corps de la requête n’est pas du JSON valide', en: 'The request body is not valid JSON' },
  'empty-body': { fr: 'Le corps de la requête est vide', en: 'The request body is empty' },
  'unsupported-media-type': { fr: 'Type de contenu non pris en charge', en: 'Unsupported content type' },
  'payload-too-large': { fr: 'Le corps de la requête est trop volumineux', en: 'The request body is too large' },
  'bad-request': { fr: 'Requête invalide', en: 'Bad request' },
  'uri-too-long': { fr: 'Adresse de la requête trop longue', en: 'Request address too long' },
  'not-found': { fr: 'Ressource introuvable', en: 'Resource not found' },
  'method-not-allowed': { fr: 'Méthode non autorisée', en: 'Method not allowed' },
  unauthenticated: { fr: 'Authentification requise', en: 'Authentication required' },
  forbidden: { fr: 'Accès refusé', en: 'Access denied' },
  'too-many-requests': { fr: 'Trop de requêtes, réessayez plus tard', en: 'Too many requests, try again later' },
  unavailable: { fr: 'Service momentanément indisponible', en: 'Service temporarily unavailable' },
  internal: { fr: 'Erreur interne du serveur', en: 'Internal server error' },
  'csrf-token-invalid': { fr: 'Jeton anti-CSRF absent ou invalide', en: 'Missing or invalid CSRF token' },
  'second-factor-required': { fr: 'Second facteur d’authentification requis', en: 'Second authentication factor required' },
} satisfies ProblemTitles;

/**
 * Every problem slug a `Problem` may carry. Modules add theirs by declaration merging, next to the
 * titles they register in their manifest:
 *   declare module '../../platform/http/problem-titles.js' { interface ProblemCatalogue extends Slugs<typeof PROBLEMS> {} }
 */
export interface ProblemCatalogue extends Slugs<typeof PLATFORM_PROBLEMS> {}

/** The slugs of a titles object, as catalogue entries. */
export type Slugs<T extends ProblemTitles> = { [slug in keyof T]: true };

export type ProblemSlug = keyof ProblemCatalogue & string;

const titles = new Map<string, ProblemTitle>(Object.entries(PLATFORM_PROBLEMS));

/** A module's titles, registered when the platform loads its manifest; a slug has one owner. */
export function registerProblemTitles(owner: string, moduleTitles: ProblemTitles): void {
  for (const [slug, title] of Object.entries(moduleTitles)) {
    const known = titles.get(slug);
    if (known && known !== title) throw new Error(`Problem type "${slug}" of ${owner} is already declared`);
    titles.set(slug, title);
  }
}

export function problemTitle(slug: ProblemSlug, language: Language): string {
  // A slug without a title is a bug, but the client still gets a readable, generic title.
  return (titles.get(slug) ?? PLATFORM_PROBLEMS['bad-request'])[language];
}
