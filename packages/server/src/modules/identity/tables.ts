import type { Generated } from 'kysely';
import type { SupplementaryCover, TreatingDoctorDeclaration } from '@parcours/domain';

export type MembershipRole = 'admin' | 'practitioner' | 'regulator';
export type EmailTokenPurpose = 'verify-email' | 'reset-password' | 'invitation';
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
    password_hash: string | null;
    email_verified_at: Date | null;
    totp_secret: string | null;
    totp_enrolled_at: Date | null;
    is_demo: Generated<boolean>;
    disabled_at: Date | null;
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
    treating_doctor: TreatingDoctorDeclaration | null;
    has_ald: Generated<boolean>;
    supplementary_cover: SupplementaryCover | null;
    created_at: Generated<Date>;
  };
  recovery_codes: { account_id: string; code_hash: string; used_at: Date | null };
  sessions: {
    id: string;
    account_id: string;
    csrf_token: string;
    mfa_passed: Generated<boolean>;
    via: 'password' | 'oidc';
    address: string | null;
    created_at: Generated<Date>;
    last_seen_at: Generated<Date>;
    expires_at: Date;
    revoked_at: Date | null;
  };
  email_tokens: {
    token_hash: string;
    account_id: string;
    purpose: EmailTokenPurpose;
    expires_at: Date;
    used_at: Date | null;
    created_at: Generated<Date>;
  };
  login_throttle: { key: string; failures: number; locked_until: Date | null; updated_at: Generated<Date> };
  care_relationships: {
    id: Generated<string>;
    patient_id: string;
    practitioner_account_id: string;
    organisation_id: string;
    kind: 'appointment' | 'monitoring' | 'teleexpertise' | 'care-team';
    starts_at: Generated<Date>;
    ends_at: Date | null;
  };
  oidc_logins: { state: string; nonce: string; code_verifier: string; return_to: Generated<string>; created_at: Generated<Date> };
}
