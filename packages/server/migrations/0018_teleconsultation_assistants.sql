-- Assisted teleconsultations (issue 13): an assisting professional (nurse, pharmacist…), a relative
-- or an interpreter joins a patient's teleconsultation by a single-use, time-limited link, and the
-- measurements they share in the call are stored as FHIR Observations in the patient's record.

create table teleconsultation_assistants (
  id uuid primary key default gen_random_uuid(),
  appointment_id uuid not null references appointments (id) on delete cascade,
  patient_id uuid not null references patients (id) on delete cascade,
  invited_by_account_id uuid not null references accounts (id) on delete cascade,
  -- Who invited: the patient's side or the practitioner.
  invited_as text not null check (invited_as in ('patient', 'practitioner')),
  kind text not null check (kind in ('professional', 'relative', 'interpreter')),
  -- SHA-256 of the link's token: a leaked table opens nothing. The link works once, until expires_at.
  token_hash text not null unique check (length(token_hash) = 64),
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  -- What the assistant said of themself on opening the link (once), for the assistance rules and billing.
  redeemed_at timestamptz,
  name text check (length(name) between 1 and 200),
  profession text check (profession in ('nurse', 'pharmacist', 'physician', 'midwife', 'physiotherapist', 'other')),
  rpps text check (rpps ~ '^[0-9]{11}$'),
  place text check (place in ('pharmacy', 'home', 'nursing-home', 'health-centre', 'teleconsultation-booth', 'other')),
  -- A nurse's setting, as the nurses' convention bills it: TLS (planned care), TLL (dedicated place), TLD (home visit).
  setting text check (setting in ('planned-care', 'dedicated-place', 'home-visit')),
  -- The version of the information the assistant accepted before joining.
  information_version text check (length(information_version) between 1 and 20),
  -- SHA-256 of the credential the assistant's browser holds once the link is used.
  credential_hash text unique check (length(credential_hash) = 64),
  check (expires_at > created_at),
  check ((redeemed_at is null) = (name is null)),
  check ((redeemed_at is null) = (credential_hash is null)),
  check ((redeemed_at is null) = (information_version is null)),
  check (kind = 'professional' or (profession is null and rpps is null and setting is null)),
  check (kind <> 'professional' or redeemed_at is null or profession is not null),
  check (profession = 'nurse' or setting is null)
);
create index teleconsultation_assistants_appointment on teleconsultation_assistants (appointment_id, created_at);

-- A value an assistant shared in the call, typed in or read from a Bluetooth device: the normalised
-- reading (canonical unit) and the FHIR Observation written to the patient's record.
create table teleconsultation_measurements (
  id uuid primary key default gen_random_uuid(),
  appointment_id uuid not null references appointments (id) on delete cascade,
  patient_id uuid not null references patients (id) on delete cascade,
  assistant_id uuid not null references teleconsultation_assistants (id) on delete cascade,
  -- Chosen by the assistant's page: a retry is the same measurement, never a second one.
  identifier text not null check (length(identifier) between 1 and 300),
  kind text not null check (kind in ('bodyTemperature', 'bloodPressure', 'heartRate', 'spo2', 'bodyWeight', 'glucose')),
  value double precision,
  systolic double precision,
  diastolic double precision,
  unit text not null check (length(unit) between 1 and 20),
  source text not null check (source in ('typed', 'bluetooth')),
  effective_at timestamptz not null,
  observation jsonb not null,
  created_at timestamptz not null default now(),
  unique (assistant_id, identifier),
  check ((kind = 'bloodPressure') = (systolic is not null and diastolic is not null and value is null))
);
create index teleconsultation_measurements_appointment on teleconsultation_measurements (appointment_id, created_at);
create index teleconsultation_measurements_patient on teleconsultation_measurements (patient_id, effective_at);
