import type { Language } from './language.js';
import { problemTitle, type ProblemSlug } from './problem-titles.js';

/** One offending field of a request: a dotted path as the client sent it (`patient.age`). */
export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

/** The RFC 9457 body we send. `type` is stable: clients and tests match on it. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldIssue[];
  [extension: string]: unknown;
}

export const PROBLEM_TYPE_PREFIX = 'urn:parcours:problem:';

/**
 * The one error type of Parcours. Throw it from anywhere; the HTTP layer renders it as
 * application/problem+json with the title in the user's language.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly slug: ProblemSlug,
    readonly extensions: { detail?: string; errors?: FieldIssue[]; [key: string]: unknown } = {},
  ) {
    super(slug);
    this.name = 'Problem';
  }

  toDocument(language: Language, instance?: string): ProblemDocument {
    return {
      type: PROBLEM_TYPE_PREFIX + this.slug,
      title: problemTitle(this.slug, language),
      status: this.status,
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

export const problem = {
  badRequest: (slug: ProblemSlug, extensions?: Problem['extensions']) => new Problem(400, slug, extensions),
  validation: (errors: FieldIssue[]) => new Problem(400, 'validation', { errors }),
  unauthorized: (slug: ProblemSlug = 'unauthenticated') => new Problem(401, slug),
  forbidden: (slug: ProblemSlug = 'forbidden') => new Problem(403, slug),
  notFound: (slug: ProblemSlug = 'not-found') => new Problem(404, slug),
  conflict: (slug: ProblemSlug, extensions?: Problem['extensions']) => new Problem(409, slug, extensions),
  unavailable: (slug: ProblemSlug = 'unavailable') => new Problem(503, slug),
};
