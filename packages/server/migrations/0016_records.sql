-- Records after a teleconsultation: the report (compte rendu) of an appointment with what CSP
-- R.6316-4 asks of it, its addenda once signed, the prescriptions and sick-leave notices written with
-- it, and the secure messages that carry a signed report to another professional.

-- One report per appointment, by its practitioner. A draft changes; once signed it never does
-- again (a trigger holds it): later changes are addenda.
create table records_reports (
  id uuid primary key default gen_random_uuid(),
  appointment_id uuid not null unique references appointments (id) on delete restrict,
  patient_id uuid not null references patients (id) on delete restrict,
  author_account_id uuid not null references accounts (id) on delete restrict,
  organisation_id uuid not null references organisations (id) on delete restrict,
  template text not null check (length(template) between 1 and 50),
  act_started_at timestamptz not null,
  narrative text not null default '' check (length(narrative) <= 20000),
  acts text not null default '' check (length(acts) <= 4000),
  participants text not null default '' check (length(participants) <= 2000),
  incidents text not null default '' check (length(incidents) <= 4000),
  triage jsonb,
  signed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index records_reports_patient on records_reports (patient_id, created_at desc);

create function records_reports_signed_is_final() returns trigger language plpgsql as $$
begin
  if old.signed_at is not null then
    raise exception 'report % is signed: add an addendum instead', old.id using errcode = 'check_violation';
  end if;
  return new;
end $$;
create trigger records_reports_signed_is_final before update or delete on records_reports
  for each row execute function records_reports_signed_is_final();

-- Dated, numbered changes to a signed report; version 1 is the signed report itself.
create table records_addenda (
  id uuid primary key default gen_random_uuid(),
  report_id uuid not null references records_reports (id) on delete restrict,
  version integer not null check (version >= 2),
  text text not null check (length(text) between 1 and 8000),
  author_account_id uuid not null references accounts (id) on delete restrict,
  created_at timestamptz not null default now(),
  unique (report_id, version)
);

-- A prescription: medications (structured like a FHIR MedicationRequest) or other care. Its number
-- is printed with a QR code to /verify/<number>; it is issued when the report is signed.
create table records_prescriptions (
  id uuid primary key default gen_random_uuid(),
  number text not null unique check (number ~ '^[A-Z]{2}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$'),
  report_id uuid not null references records_reports (id) on delete restrict,
  patient_id uuid not null references patients (id) on delete restrict,
  kind text not null check (kind in ('medication', 'lab', 'imaging', 'nursing', 'physiotherapy')),
  items jsonb not null,
  status text not null default 'draft' check (status in ('draft', 'issued', 'dispensed', 'cancelled')),
  issued_at timestamptz,
  created_at timestamptz not null default now(),
  check ((status = 'draft') = (issued_at is null))
);
create index records_prescriptions_report on records_prescriptions (report_id);
create index records_prescriptions_patient on records_prescriptions (patient_id, created_at desc);

-- A sick-leave notice (arrêt de travail) the rules allowed, with the decision that allowed it.
create table records_sick_leaves (
  id uuid primary key default gen_random_uuid(),
  number text not null unique check (number ~ '^[A-Z]{2}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$'),
  report_id uuid not null references records_reports (id) on delete restrict,
  patient_id uuid not null references patients (id) on delete restrict,
  starts_on date not null,
  days integer not null check (days between 1 and 365),
  existing_leave_days integer not null default 0 check (existing_leave_days >= 0),
  motive text not null check (length(motive) between 1 and 2000),
  outings text not null check (outings in ('none', 'allowed', 'free')),
  decision jsonb not null,
  status text not null default 'draft' check (status in ('draft', 'issued', 'cancelled')),
  issued_at timestamptz,
  created_at timestamptz not null default now()
);
create index records_sick_leaves_report on records_sick_leaves (report_id);

-- The secure inbox between professionals: a message, its attached signed report, its read receipt.
create table records_messages (
  id uuid primary key default gen_random_uuid(),
  sender_account_id uuid not null references accounts (id) on delete restrict,
  recipient_account_id uuid not null references accounts (id) on delete restrict,
  patient_id uuid not null references patients (id) on delete restrict,
  report_id uuid references records_reports (id) on delete restrict,
  note text not null default '' check (length(note) <= 4000),
  created_at timestamptz not null default now(),
  read_at timestamptz,
  unique (report_id, recipient_account_id)
);
create index records_messages_inbox on records_messages (recipient_account_id, created_at desc);
