import fs from 'node:fs/promises';
import { expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypes } from './openapi-types.js';

it('keeps the web app’s API types in step with the routes (run `npm run gen:api` after changing a route)', async () => {
  expect(await fs.readFile(API_TYPES_FILE, 'utf8')).toBe(await apiTypes());
});
