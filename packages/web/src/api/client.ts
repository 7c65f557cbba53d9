import createClient from 'openapi-fetch';
import i18n from '../i18n/index.js';
import type { paths } from './schema.js';

/** The typed API client: paths and bodies come from the server's OpenAPI document (npm run gen:api). */
export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' });

// Problems come back in the user's language.
api.use({
  onRequest({ request }) {
    request.headers.set('accept-language', i18n.language);
    return request;
  },
});
