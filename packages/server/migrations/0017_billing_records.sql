-- Billing after a teleconsultation (issue 14): the billing record of each act, made once when the
-- act ends from the rules engine's decision, and what was paid for it — by cheque or transfer as
-- the practitioner records it, or by card online through the payment provider (Stripe).

-- One record per act (appointment): ending it twice never makes a second one. Amounts in cents.
create table billing_records (
  id uuid primary key default gen_random_uuid(),
  appointment_id uuid not null unique references appointments (id) on delete restrict,
  patient_id uuid not null references patients (id) on delete restrict,
  practitioner_account_id uuid not null references accounts (id) on delete restrict,
  organisation_id uuid not null references organisations (id) on delete restrict,
  -- The day and Europe/Paris wall time of the act: the rules of that day applied.
  act_date text not null check (act_date ~ '^\d{4}-\d{2}-\d{2}$'),
  act_time text check (act_time ~ '^\d{2}:\d{2}$'),
  outcome text not null check (outcome in ('completed', 'reoriented', 'interrupted')),
  billable boolean not null,
  code text check (code in ('TCG', 'TC')),
  fee_cents integer check (fee_cents >= 0),
  charged_cents integer check (charged_cents >= 0),
  amo_cents integer not null check (amo_cents >= 0),
  participation_cents integer not null check (participation_cents >= 0),
  ticket_moderateur_cents integer not null check (ticket_moderateur_cents >= 0),
  tiers_payant text not null check (tiers_payant in ('full', 'amo', 'optional')),
  -- What the patient pays the practitioner for the act (on the day, under the tiers payant granted).
  due_cents integer not null check (due_cents >= 0),
  -- The assisting professional's own act (TLS, TLL, TLD, TLM), when one took part.
  assistant_profession text check (assistant_profession in ('nurse', 'pharmacist')),
  assistant_code text check (assistant_code in ('TLS', 'TLL', 'TLD', 'TLM')),
  assistant_fee_cents integer check (assistant_fee_cents >= 0),
  -- The rules contract's request and decisions in full (reasons, warnings, sources), and the split.
  request jsonb not null,
  decision jsonb not null,
  share jsonb not null,
  assistance jsonb,
  -- Facts nobody stated, taken at the rules contract's default (the treating doctor's referral…).
  assumed text[] not null default '{}',
  created_at timestamptz not null default now(),
  check (billable or (code is null and due_cents = 0)),
  check ((assistant_profession is null) = (assistance is null))
);
create index billing_records_practitioner on billing_records (practitioner_account_id, act_date);
create index billing_records_patient on billing_records (patient_id, act_date);

-- What was paid for an act. One payment per online checkout session, whatever the webhooks say.
create table billing_payments (
  id uuid primary key default gen_random_uuid(),
  record_id uuid not null references billing_records (id) on delete restrict,
  means text not null check (means in ('cheque', 'transfer', 'card')),
  amount_cents integer not null check (amount_cents > 0),
  reference text check (length(reference) between 1 and 100),
  checkout_session_id text unique check (length(checkout_session_id) between 1 and 255),
  recorded_by_account_id uuid references accounts (id) on delete restrict,
  paid_at timestamptz not null default now(),
  check ((means = 'card') = (checkout_session_id is not null))
);
create index billing_payments_record on billing_payments (record_id);

-- The checkout sessions opened with the provider for an act: the webhook's session must be one of ours.
create table billing_checkouts (
  session_id text primary key check (length(session_id) between 1 and 255),
  record_id uuid not null references billing_records (id) on delete restrict,
  amount_cents integer not null check (amount_cents > 0),
  opened_by_account_id uuid not null references accounts (id) on delete restrict,
  created_at timestamptz not null default now()
);
create index billing_checkouts_record on billing_checkouts (record_id);

-- Every provider event handled, by its id: a replayed webhook changes nothing.
create table billing_provider_events (
  event_id text primary key check (length(event_id) between 1 and 255),
  type text not null check (length(type) between 1 and 100),
  received_at timestamptz not null default now()
);
