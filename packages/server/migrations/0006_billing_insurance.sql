-- The insurance situation belongs to billing, not to the patient record: its own table, one row per
-- patient who stated something, so that the patients and billing contexts each keep their tables.
create table insurance_situations (
  patient_id uuid primary key references patients (id) on delete cascade,
  treating_doctor text check (treating_doctor in ('declared', 'none')),
  has_ald boolean not null default false,
  supplementary_cover text check (supplementary_cover in ('private', 'css', 'ame', 'none')),
  updated_at timestamptz not null default now()
);

insert into insurance_situations (patient_id, treating_doctor, has_ald, supplementary_cover)
select id, treating_doctor, has_ald, supplementary_cover
from patients
where treating_doctor is not null or has_ald or supplementary_cover is not null;

alter table patients drop column treating_doctor;
alter table patients drop column has_ald;
alter table patients drop column supplementary_cover;
