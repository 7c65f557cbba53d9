import type { Generated } from 'kysely';
import type { AuditTables } from '../audit/tables.js';

/**
 * The tables the platform itself owns: the migration ledger and the audit trail. A module's store
 * adds its own with `db.withTables<ItsTables>()`, so no module sees another's tables.
 */
export interface PlatformTables extends AuditTables {
  parcours_migrations: { name: string; checksum: string; applied_at: Generated<Date> };
}
