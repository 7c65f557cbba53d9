import { scoped, type Db } from '../platform/database/database.js';
import type { AllTables } from './index.js';

/** Tests arrange and inspect across contexts: every module's tables at once. Never for module code. */
export const everyTable = (db: Db) => scoped<AllTables>(db);
