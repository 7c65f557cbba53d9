import type { Generated } from 'kysely';

export type EmailTokenPurpose = 'verify-email' | 'reset-password' | 'invitation';

/** Accounts and what signs them in: passwords, second factor, sessions, one-time links, OIDC log-ins. */
export interface AccountsTables {
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
  /** A professional's profile: profession, specialty, RPPS, convention sector. */
  practitioners: {
    account_id: string;
    profession: string;
    specialty: string | null;
    rpps: string | null;
    sector: number | null;
    optam: Generated<boolean>;
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
  oidc_logins: { state: string; nonce: string; code_verifier: string; return_to: Generated<string>; created_at: Generated<Date> };
}
