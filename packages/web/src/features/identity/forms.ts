import type { ShownProblem } from '../../components/ProblemAlert.js';

/** A problem as forms show it: the API's, or one the form found before sending. */
export type FormProblem = Omit<ShownProblem, 'errors'> & { errors: readonly { field: string; code?: string; message: string }[] };

/**
 * The messages for one field (the server's dotted path, `identity.birthDate`), joined. `byCode`
 * words some error codes for people: the server's generic message for a pattern quotes the pattern.
 */
export function fieldError(
  problem: FormProblem | null | undefined,
  field: string,
  byCode: Record<string, string> = {},
): string | undefined {
  const messages = (problem?.errors ?? [])
    .filter((error) => error.field === field)
    .map((error) => (error.code && byCode[error.code]) || error.message);
  return messages.length > 0 ? [...new Set(messages)].join(' ') : undefined;
}

/** An optional text field: trimmed, and left out of the body when empty (bodies are strict). */
export function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export const PASSWORD_MIN_LENGTH = 12;

/**
 * Where to go after logging in: the page the user came from (kept in the router state), if it is
 * a path of this app and not the log-in pages themselves.
 */
export function destinationOf(state: unknown): string {
  const from = typeof state === 'object' && state !== null ? (state as { from?: unknown }).from : undefined;
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/connexion')) return '/';
  return from;
}

/** The error of a call as a form shows it; anything that is not a problem gets the fallback title. */
export function formProblemOf(error: unknown, fallbackTitle: string): FormProblem | null {
  if (!error) return null;
  if (typeof error === 'object' && 'title' in error && typeof error.title === 'string') {
    const errors = 'errors' in error && Array.isArray(error.errors) ? (error.errors as FormProblem['errors']) : [];
    return { title: error.title, errors };
  }
  return { title: fallbackTitle, errors: [] };
}
