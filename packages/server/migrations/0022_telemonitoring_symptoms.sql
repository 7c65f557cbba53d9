-- The oncology programme's symptom questionnaires (issue 15): the answers as the patient gave them,
-- to the questionnaire version they were given to, and their score. The grade is also a
-- `symptomGrade` reading (same patient and identifier), which the alert engine evaluates like any
-- other; this row keeps what the grade was made of, for the team.
create table telemonitoring_symptom_reports (
  id uuid primary key default gen_random_uuid(),
  patient_id uuid not null references patients (id) on delete cascade,
  identifier text not null check (length(identifier) between 1 and 300),
  -- The questionnaire's canonical `url|version`.
  questionnaire text not null check (length(questionnaire) between 1 and 400),
  answers jsonb not null,
  grade smallint not null check (grade between 0 and 4),
  -- The symptoms graded 1 or more: { symptom, grade, message: { fr, en } }, the most severe first.
  findings jsonb not null,
  answered_at timestamptz not null,
  source text not null check (source in ('patient', 'practitioner')),
  created_at timestamptz not null default now(),
  unique (patient_id, identifier)
);

create index telemonitoring_symptom_reports_patient_time on telemonitoring_symptom_reports (patient_id, answered_at desc);
