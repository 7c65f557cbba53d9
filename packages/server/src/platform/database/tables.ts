import type { Generated } from 'kysely';
import type { AuditTables } from '../audit/tables.js';
import type { ConsentTables } from '../../modules/consent/tables.js';
import type { IdentityTables } from '../../modules/identity/tables.js';

/** Every table Kysely may query, assembled from each module's own table types. */
export interface Tables extends IdentityTables, ConsentTables, AuditTables {
  parcours_migrations: { name: string; checksum: string; applied_at: Generated<Date> };
}
