// Writes packages/web/src/api/schema.d.ts from the server's OpenAPI document (npm run gen:api).
import fs from 'node:fs/promises';
import { apiTypes, API_TYPES_FILE } from '../packages/server/src/openapi-types.js';

await fs.writeFile(API_TYPES_FILE, await apiTypes());
process.stdout.write(`wrote ${API_TYPES_FILE}\n`);
