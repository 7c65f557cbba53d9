-- Files shared in a teleconsultation's call (issue 13): an image (JPEG, PNG, WebP) or a PDF, its type
-- read from its first bytes, kept in the patient's record (their documents) with who shared it and in
-- which visit. The bytes stay in the database: one engine to back up, and 10 MB at most each.

create table records_files (
  id uuid primary key default gen_random_uuid(),
  patient_id uuid not null references patients (id) on delete cascade,
  appointment_id uuid references appointments (id) on delete set null,
  -- Who shared it, as the call names its peers: `account:<id>` or `assistant:<id>`, and their name then.
  shared_by text not null check (shared_by ~ '^(account|assistant):[0-9a-f-]{36}$'),
  shared_by_name text not null check (length(shared_by_name) <= 200),
  filename text not null check (length(filename) between 1 and 200),
  media_type text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png', 'image/webp')),
  size_bytes integer not null check (size_bytes between 1 and 10485760),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea not null check (octet_length(content) = size_bytes),
  created_at timestamptz not null default now()
);

create index records_files_patient on records_files (patient_id, created_at desc);
create index records_files_appointment on records_files (appointment_id, created_at) where appointment_id is not null;
