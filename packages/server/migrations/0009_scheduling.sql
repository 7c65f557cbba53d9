-- Scheduling: practitioners' availability, consultation types, appointments, their history, and
-- the messages (confirmations, reminders) owed to patients. Slots are never stored: they are
-- computed from availability minus appointments (packages/domain/src/scheduling).

-- Equality on the practitioner and overlap of time ranges in one exclusion constraint.
create extension if not exists btree_gist;

-- Where and when a practitioner works for one organisation: the zone its wall times are read in
-- (Europe/Paris, America/Martinique…), and the territory served (départements: '75', '2A', '971').
create table schedules (
  id uuid primary key default gen_random_uuid(),
  practitioner_account_id uuid not null references accounts (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete cascade,
  site_id uuid references sites (id) on delete set null,
  time_zone text not null default 'Europe/Paris' check (length(time_zone) between 1 and 64),
  territory text[] not null default '{}' check (cardinality(territory) <= 20),
  created_at timestamptz not null default now()
);
create unique index schedules_one_per_place on schedules (practitioner_account_id, organisation_id, coalesce(site_id, '00000000-0000-0000-0000-000000000000'));
create index schedules_territory on schedules using gin (territory);
create index schedules_organisation on schedules (organisation_id);

-- What can be booked in a schedule: modality, duration, the break after it, how long before it may
-- be booked at the latest (notice) and at the earliest (horizon), the specialty and fee announced.
create table consultation_types (
  id uuid primary key default gen_random_uuid(),
  schedule_id uuid not null references schedules (id) on delete cascade,
  modality text not null check (modality in ('video', 'phone', 'in-person')),
  specialty text not null check (length(specialty) between 1 and 64),
  duration_minutes integer not null check (duration_minutes between 5 and 240),
  buffer_minutes integer not null default 0 check (buffer_minutes between 0 and 120),
  minimum_notice_minutes integer not null default 60 check (minimum_notice_minutes between 0 and 43200),
  horizon_days integer not null default 60 check (horizon_days between 1 and 365),
  fee_cents integer check (fee_cents between 0 and 1000000),
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create index consultation_types_schedule on consultation_types (schedule_id) where active;
create index consultation_types_specialty on consultation_types (specialty, modality) where active;

-- The weekly pattern, in the schedule's wall time (ISO weekday: 1 is Monday), and the modalities
-- offered in it.
create table weekly_openings (
  id uuid primary key default gen_random_uuid(),
  schedule_id uuid not null references schedules (id) on delete cascade,
  weekday smallint not null check (weekday between 1 and 7),
  starts time not null,
  ends time not null,
  modalities text[] not null check (cardinality(modalities) between 1 and 3 and modalities <@ array['video', 'phone', 'in-person']),
  check (ends > starts)
);
create index weekly_openings_schedule on weekly_openings (schedule_id);

-- Exceptions to the pattern, as instants: 'closed' (holiday, absence) or 'open' (an extra opening).
-- Two exceptions of one schedule never overlap: which would win is not for the database to guess.
create table schedule_exceptions (
  id uuid primary key default gen_random_uuid(),
  schedule_id uuid not null references schedules (id) on delete cascade,
  kind text not null check (kind in ('closed', 'open')),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  modalities text[] not null default '{}' check (modalities <@ array['video', 'phone', 'in-person']),
  check (ends_at > starts_at),
  constraint schedule_exceptions_no_overlap exclude using gist (schedule_id with =, tstzrange(starts_at, ends_at) with &&)
);

-- An appointment. `blocked_until` is its end plus the type's buffer: what no other appointment of
-- the practitioner may overlap while it is live (the exclusion constraint decides every race).
create table appointments (
  id uuid primary key default gen_random_uuid(),
  patient_id uuid not null references patients (id) on delete cascade,
  practitioner_account_id uuid not null references accounts (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete cascade,
  schedule_id uuid not null references schedules (id) on delete cascade,
  consultation_type_id uuid not null references consultation_types (id) on delete cascade,
  modality text not null check (modality in ('video', 'phone', 'in-person')),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  blocked_until timestamptz not null,
  time_zone text not null,
  status text not null default 'booked'
    check (status in ('booked', 'checked-in', 'in-progress', 'completed', 'cancelled', 'no-show', 'reoriented')),
  booked_by_account_id uuid not null references accounts (id),
  booked_as text not null check (booked_as in ('patient', 'practitioner', 'regulator')),
  booked_at timestamptz not null default now(),
  idempotency_key text check (length(idempotency_key) between 1 and 128),
  version integer not null default 0,
  updated_at timestamptz not null default now(),
  check (ends_at > starts_at and blocked_until >= ends_at),
  constraint appointments_no_double_booking exclude using gist (
    practitioner_account_id with =, tstzrange(starts_at, blocked_until) with &&
  ) where (status in ('booked', 'checked-in', 'in-progress', 'completed'))
);
create unique index appointments_idempotency on appointments (booked_by_account_id, idempotency_key) where idempotency_key is not null;
create index appointments_patient on appointments (patient_id, starts_at);
create index appointments_practitioner on appointments (practitioner_account_id, starts_at);

-- Every change of an appointment, by whom and why: booked, rescheduled (from → to), checked in…
create table appointment_history (
  id bigint generated always as identity primary key,
  appointment_id uuid not null references appointments (id) on delete cascade,
  change text not null check (change in ('booked', 'rescheduled', 'checked-in', 'in-progress', 'completed', 'cancelled', 'no-show', 'reoriented')),
  by_account_id uuid not null references accounts (id),
  by_role text not null check (by_role in ('patient', 'practitioner', 'regulator', 'admin')),
  reason text check (length(reason) <= 500),
  previous_starts_at timestamptz,
  starts_at timestamptz not null,
  at timestamptz not null default now()
);
create index appointment_history_appointment on appointment_history (appointment_id, id);

-- What is owed to the patient about an appointment, written in the transaction of the change and
-- sent by a job: one row per (appointment, kind, start), claimed before it is sent, so it is sent
-- at most once even with several nodes.
create table appointment_messages (
  id uuid primary key default gen_random_uuid(),
  appointment_id uuid not null references appointments (id) on delete cascade,
  kind text not null check (kind in ('confirmation', 'change', 'cancellation', 'reminder-24h', 'reminder-1h')),
  starts_at timestamptz not null,
  due_at timestamptz not null,
  claimed_at timestamptz,
  sent_at timestamptz,
  outcome text check (outcome in ('sent', 'skipped', 'failed')),
  unique (appointment_id, kind, starts_at)
);
create index appointment_messages_due on appointment_messages (due_at) where claimed_at is null;

-- The mobile number an account gives for text reminders (E.164); no row, no texts.
create table reminder_contacts (
  account_id uuid primary key references accounts (id) on delete cascade,
  mobile text not null check (mobile ~ '^\+[1-9][0-9]{7,14}$'),
  updated_at timestamptz not null default now()
);
