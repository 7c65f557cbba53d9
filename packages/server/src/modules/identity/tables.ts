import type { Generated } from 'kysely';

export type MembershipRole = 'admin' | 'practitioner' | 'regulator';
export type IdentityStatus = 'provisoire' | 'recuperee' | 'validee' | 'qualifiee';

export interface IdentityTables {
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
  accounts: {
    id: Generated<string>;
    email: string;
    given_name: string;
    family_name: string;
    locale: Generated<'fr' | 'en'>;
    created_at: Generated<Date>;
  };
  practitioners: {
    account_id: string;
    profession: string;
    specialty: string | null;
    rpps: string | null;
    sector: number | null;
    optam: Generated<boolean>;
  };
  memberships: { account_id: string; organisation_id: string; role: MembershipRole; created_at: Generated<Date> };
  patients: {
    id: Generated<string>;
    account_id: string | null;
    is_self: Generated<boolean>;
    birth_name: string;
    first_names: string;
    used_name: string | null;
    sex: 'F' | 'M' | 'I';
    birth_date: string;
    birth_place_insee: string | null;
    nir: string | null;
    identity_status: Generated<IdentityStatus>;
    created_at: Generated<Date>;
  };
}
