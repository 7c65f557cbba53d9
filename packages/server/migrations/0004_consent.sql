-- Consent to a telemedicine act, with the version of the information text shown, and its withdrawal.
create table consents (
  id uuid primary key default gen_random_uuid(),
  patient_id uuid not null references patients (id) on delete cascade,
  act text not null check (act in ('teleconsultation', 'telemonitoring', 'teleexpertise')),
  information_version text not null,
  given_at timestamptz not null default now(),
  given_by_account_id uuid not null references accounts (id),
  withdrawn_at timestamptz,
  withdrawn_by_account_id uuid references accounts (id),
  check ((withdrawn_at is null) = (withdrawn_by_account_id is null))
);
-- At most one live consent per patient and act: giving it again while it stands changes nothing.
create unique index consents_live on consents (patient_id, act) where withdrawn_at is null;
