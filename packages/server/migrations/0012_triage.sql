-- Triage before a teleconsultation: the organisations' copies of the pre-teleconsultation
-- questionnaire (every version kept, never changed: past answers name theirs), the patients' answers
-- with the orientation they received, and the funnel's events for the statistics. The default
-- questionnaire lives in the code (packages/domain/src/triage), not here.

-- An organisation's copy: a FHIR R4 Questionnaire and its orientation rules, validated on the way in.
create table triage_questionnaires (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  version text not null check (length(version) between 1 and 50),
  definition jsonb not null,
  created_by uuid references accounts (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (organisation_id, version)
);
create index triage_questionnaires_latest on triage_questionnaires (organisation_id, created_at desc);

-- A patient's answers (a QuestionnaireResponse) and their orientation, kept as given: a later
-- version of the questionnaire or of its rules changes neither. `run_id` ties them to the funnel.
create table triage_responses (
  id uuid primary key default gen_random_uuid(),
  run_id uuid not null,
  patient_id uuid not null references patients (id) on delete cascade,
  organisation_id uuid references organisations (id) on delete set null,
  questionnaire_id uuid references triage_questionnaires (id) on delete restrict,
  questionnaire_url text not null check (length(questionnaire_url) between 1 and 300),
  questionnaire_version text not null check (length(questionnaire_version) between 1 and 50),
  response jsonb not null,
  outcome text not null check (outcome in ('emergency-15', 'in-person', 'teleconsultation', 'advice')),
  severity text not null check (severity in ('none', 'moderate', 'high')),
  flags text[] not null default '{}' check (cardinality(flags) <= 50),
  reasons text[] not null default '{}' check (cardinality(reasons) <= 50),
  appointment_id uuid references appointments (id) on delete set null,
  author_account_id uuid references accounts (id) on delete set null,
  created_at timestamptz not null default now()
);
create index triage_responses_patient on triage_responses (patient_id, created_at desc);
-- One questionnaire per appointment: the last one linked wins (the previous link is removed first).
create unique index triage_responses_appointment on triage_responses (appointment_id) where appointment_id is not null;

-- The funnel: started, abandoned at a step, oriented (where), booked, seen by a practitioner,
-- reoriented after the call. No answer and no patient here: a run id and the organisation.
create table triage_funnel_events (
  id bigint generated always as identity primary key,
  run_id uuid not null,
  organisation_id uuid references organisations (id) on delete cascade,
  event text not null check (event in ('started', 'abandoned', 'oriented', 'booked', 'seen', 'reoriented')),
  step text check (length(step) between 1 and 100),
  outcome text check (outcome in ('emergency-15', 'in-person', 'teleconsultation', 'advice')),
  at timestamptz not null default now()
);
create index triage_funnel_events_organisation on triage_funnel_events (organisation_id, at);
create index triage_funnel_events_run on triage_funnel_events (run_id);
