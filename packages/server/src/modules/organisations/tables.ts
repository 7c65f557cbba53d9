import type { ColumnType, Generated } from 'kysely';
import type { MembershipRole } from '../../platform/auth/actor.js';

/** The professional profile an administrator typed in an invitation. */
export interface InvitedProfile {
  profession: string;
  specialty?: string | undefined;
  rpps?: string | undefined;
  sector?: 1 | 2 | undefined;
  optam?: boolean | undefined;
}

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
  /** Pending until the invited person accepts (or declines); what the administrator typed. */
  invitations: {
    id: Generated<string>;
    organisation_id: string;
    account_id: string;
    role: MembershipRole;
    email: string;
    given_name: string;
    family_name: string;
    /** jsonb: read as an object, written as JSON text. */
    profile: ColumnType<InvitedProfile | null, string | null, string | null>;
    invited_by: string | null;
    created_at: Generated<Date>;
    answered_at: Date | null;
    accepted: boolean | null;
  };
}
