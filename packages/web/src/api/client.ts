import createClient, { type Middleware } from 'openapi-fetch';
import i18n from 'i18next';
import { ApiProblem } from './problem.js';
import type { paths } from './schema.js';

/**
 * The one API client: paths, parameters, bodies and replies are typed by the server's OpenAPI
 * document (`npm run gen:api` writes schema.d.ts). Its middleware makes every call speak the user's
 * language, carry the session's anti-CSRF token, and throw an ApiProblem for anything but a 2xx.
 */
export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' });

// The session's anti-CSRF token, from the last log-in or /me answer; every write sends it back.
let csrfToken: string | null = null;

export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const problemMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('accept', 'application/json, application/problem+json');
    // Problems come back in the user's language.
    request.headers.set('accept-language', i18n.language);
    if (WRITES.has(request.method) && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  async onResponse({ response }) {
    if (!response.ok) throw await ApiProblem.of(response);
    return undefined;
  },
  onError({ error }) {
    return error instanceof ApiProblem ? error : ApiProblem.network();
  },
};

api.use(problemMiddleware);

/**
 * The body of a call's answer. The middleware has already thrown every answer but a 2xx, so what
 * is left is the documented reply (nothing for a 204).
 */
export async function answer<Data>(call: Promise<{ data?: Data; response: Response }>): Promise<Data> {
  const { data } = await call;
  return data as Data;
}
