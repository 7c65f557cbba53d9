-- Telemonitoring (télésurveillance médicale): patients enrolled in a programme by a practitioner,
-- the credentials their devices send readings with, the readings themselves and the alerts the
-- rules of packages/domain/src/telemonitoring raise on them. The programmes and their default
-- rules live in the code; an enrolment keeps only the operator's per-patient adjustments.

-- An enrolment: the prescription (programme, prescriber, start, at most one year) and who operates it.
create table telemonitoring_enrolments (
  id uuid primary key default gen_random_uuid(),
  patient_id uuid not null references patients (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete cascade,
  programme text not null check (
    programme in ('heart-failure', 'renal-failure', 'respiratory-failure', 'diabetes', 'cardiac-implant', 'oncology')
  ),
  prescriber_account_id uuid not null references accounts (id) on delete restrict,
  operator_account_id uuid not null references accounts (id) on delete restrict,
  starts_at timestamptz not null,
  -- CSP / LFSS 2022 art. 36: a telemonitoring prescription lasts one year at most (renewable).
  ends_at timestamptz not null check (ends_at > starts_at and ends_at <= starts_at + interval '366 days'),
  overrides jsonb not null default '{}',
  ended_at timestamptz,
  created_at timestamptz not null default now()
);
-- One live enrolment per patient and programme: a second is refused by the database, not by a check first.
create unique index telemonitoring_enrolments_live on telemonitoring_enrolments (patient_id, programme) where ended_at is null;
create index telemonitoring_enrolments_organisation on telemonitoring_enrolments (organisation_id) where ended_at is null;

-- A device's (or gateway's) credential: it writes the readings of its enrolment's patient, nothing
-- else. Only the token's SHA-256 is kept; the token is shown once, when created.
create table telemonitoring_devices (
  id uuid primary key default gen_random_uuid(),
  enrolment_id uuid not null references telemonitoring_enrolments (id) on delete cascade,
  patient_id uuid not null references patients (id) on delete cascade,
  label text not null check (length(label) between 1 and 100),
  token_hash text not null unique check (length(token_hash) = 64),
  created_by_account_id uuid not null references accounts (id) on delete restrict,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);
create index telemonitoring_devices_enrolment on telemonitoring_devices (enrolment_id);

-- A reading, normalised to its kind's canonical unit. `identifier` is Observation.identifier
-- (`system|value`): the unique key makes a retried sending change nothing, whoever races.
create table telemonitoring_readings (
  id bigint generated always as identity primary key,
  patient_id uuid not null references patients (id) on delete cascade,
  identifier text not null check (length(identifier) between 1 and 300),
  kind text not null check (
    kind in ('bodyWeight', 'spo2', 'heartRate', 'bloodPressure', 'glucose', 'bodyTemperature', 'oxygenUseHours', 'symptomGrade')
  ),
  value double precision,
  systolic double precision,
  diastolic double precision,
  unit text not null check (length(unit) between 1 and 20),
  -- As given (with its offset) and as an instant: the rules compute on the instant.
  effective text not null check (length(effective) between 1 and 40),
  effective_at timestamptz not null,
  source text not null check (source in ('device', 'patient', 'practitioner')),
  device_id uuid references telemonitoring_devices (id) on delete set null,
  -- v3-ObservationInterpretation code of the alert level the reading was evidence for (N, H, HH…).
  interpretation text check (interpretation in ('N', 'H', 'L', 'A', 'HH', 'LL', 'AA')),
  received_at timestamptz not null default now(),
  unique (patient_id, identifier),
  check ((kind = 'bloodPressure') = (systolic is not null and diastolic is not null and value is null)),
  check (kind = 'bloodPressure' or value is not null)
);
create index telemonitoring_readings_patient_time on telemonitoring_readings (patient_id, kind, effective_at desc);

-- An alert: at most one live (not resolved) per enrolment and rule, updated as evidence comes,
-- never repeated. Its message is kept in French and English as the engine worded it.
create table telemonitoring_alerts (
  id uuid primary key default gen_random_uuid(),
  enrolment_id uuid not null references telemonitoring_enrolments (id) on delete cascade,
  patient_id uuid not null references patients (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete cascade,
  rule_id text not null check (length(rule_id) between 1 and 100),
  rule_type text not null check (rule_type in ('threshold', 'change', 'rate', 'timeInRange', 'reference', 'missingData')),
  reason text not null check (length(reason) between 1 and 100),
  level text not null check (level in ('info', 'warning', 'urgent')),
  direction text check (direction in ('high', 'low')),
  status text not null default 'open' check (status in ('open', 'acknowledged', 'resolved')),
  since timestamptz not null,
  last_evidence_at timestamptz not null,
  -- When it reached its current level: escalation counts from there.
  level_since timestamptz not null,
  observed double precision,
  message jsonb not null,
  evidence text[] not null default '{}' check (cardinality(evidence) <= 20),
  snooze jsonb,
  acknowledged_at timestamptz,
  acknowledged_by_account_id uuid references accounts (id) on delete set null,
  resolved_at timestamptz,
  resolved_by_account_id uuid references accounts (id) on delete set null,
  resolution_note text check (length(resolution_note) <= 1000),
  escalated_at timestamptz,
  notified_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'resolved') = (resolved_at is not null))
);
create unique index telemonitoring_alerts_live on telemonitoring_alerts (enrolment_id, rule_id) where status <> 'resolved';
create index telemonitoring_alerts_organisation on telemonitoring_alerts (organisation_id, status) where status <> 'resolved';
create index telemonitoring_alerts_patient on telemonitoring_alerts (patient_id, created_at desc);
