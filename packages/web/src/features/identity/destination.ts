/**
 * Where to go after logging in: the page the user came from (kept in the router state), if it is
 * a path of this app and not the log-in pages themselves.
 */
export function destinationOf(state: unknown): string {
  const from = typeof state === 'object' && state !== null ? (state as { from?: unknown }).from : undefined;
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/connexion')) return '/';
  return from;
}
