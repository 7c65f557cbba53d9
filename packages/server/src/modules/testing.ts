import { scoped, type Db } from '../platform/database/database.js';
import type { PlatformTables } from '../platform/database/tables.js';
import type { AllTables } from './index.js';

/** Tests arrange and inspect across contexts: every module's tables, and the platform's, at once. Never for module code. */
export const everyTable = (db: Db) => scoped<AllTables & PlatformTables>(db);
