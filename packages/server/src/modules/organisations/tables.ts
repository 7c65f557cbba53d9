import type { Generated } from 'kysely';
import type { MembershipRole } from '../../platform/auth/actor.js';

/** Organisations (health centres, services), their sites, and who works there in which role. */
export interface OrganisationsTables {
  organisations: { id: Generated<string>; name: string; finess: string | null; created_at: Generated<Date> };
  sites: {
    id: Generated<string>;
    organisation_id: string;
    name: string;
    address: string | null;
    postal_code: string | null;
    city: string | null;
    finess: string | null;
    created_at: Generated<Date>;
  };
  memberships: { account_id: string; organisation_id: string; role: MembershipRole; created_at: Generated<Date> };
}
