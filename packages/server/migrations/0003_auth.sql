-- Authentication: passwords, e-mail verification, second factor, sessions, one-time tokens, throttling.

alter table accounts
  add column password_hash text,
  add column email_verified_at timestamptz,
  add column totp_secret text,
  add column totp_enrolled_at timestamptz,
  add column is_demo boolean not null default false,
  add column disabled_at timestamptz;

create table recovery_codes (
  account_id uuid not null references accounts (id) on delete cascade,
  code_hash text not null,
  used_at timestamptz,
  primary key (account_id, code_hash)
);

-- id is the SHA-256 of the cookie's token: a leaked table gives no usable session.
create table sessions (
  id text primary key,
  account_id uuid not null references accounts (id) on delete cascade,
  csrf_token text not null,
  mfa_passed boolean not null default false,
  via text not null check (via in ('password', 'oidc')),
  address text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index sessions_account on sessions (account_id) where revoked_at is null;

-- One-time links sent by e-mail; only the SHA-256 of the token is kept.
create table email_tokens (
  token_hash text primary key,
  account_id uuid not null references accounts (id) on delete cascade,
  purpose text not null check (purpose in ('verify-email', 'reset-password', 'invitation')),
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);

-- Failed log-ins per account and per address; each failure past the free ones doubles the wait.
create table login_throttle (
  key text primary key,
  failures integer not null default 0,
  locked_until timestamptz,
  updated_at timestamptz not null default now()
);

-- A professional may read a patient's clinical data only within a care relationship: an appointment,
-- a monitoring enrolment, a tele-expertise request, or a care team. Each module records its own kind.
create table care_relationships (
  id uuid primary key default gen_random_uuid(),
  patient_id uuid not null references patients (id) on delete cascade,
  practitioner_account_id uuid not null references accounts (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete cascade,
  kind text not null check (kind in ('appointment', 'monitoring', 'teleexpertise', 'care-team')),
  starts_at timestamptz not null default now(),
  ends_at timestamptz,
  check (ends_at is null or ends_at > starts_at)
);
create index care_relationships_lookup on care_relationships (practitioner_account_id, patient_id);

-- OpenID Connect log-ins in progress (Pro Santé Connect): state, nonce and PKCE verifier, kept in the
-- database so that the callback may land on any node.
create table oidc_logins (
  state text primary key,
  nonce text not null,
  code_verifier text not null,
  return_to text not null default '/',
  created_at timestamptz not null default now()
);
