-- Identity: organisations and their sites, accounts, practitioners, memberships, patients.

create table organisations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  finess text check (finess ~ '^[0-9]{2}[0-9AB][0-9]{6}$' or finess ~ '^2[AB][0-9]{7}$'),
  created_at timestamptz not null default now()
);

create table sites (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  address text,
  postal_code text check (postal_code ~ '^[0-9]{5}$'),
  city text,
  finess text,
  created_at timestamptz not null default now(),
  unique (organisation_id, name)
);

create table accounts (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email = lower(email) and email like '%_@_%'),
  given_name text not null,
  family_name text not null,
  locale text not null default 'fr' check (locale in ('fr', 'en')),
  created_at timestamptz not null default now(),
  unique (email)
);

-- profession, specialty: the contract's vocabulary (rules/contract.md); rpps: 11 digits.
create table practitioners (
  account_id uuid primary key references accounts (id) on delete cascade,
  profession text not null check (profession in ('doctor', 'midwife', 'nurse', 'pharmacist', 'speech-therapist', 'physiotherapist', 'podiatrist', 'other')),
  specialty text,
  rpps text unique check (rpps ~ '^[0-9]{11}$'),
  sector smallint check (sector in (1, 2)),
  optam boolean not null default false
);

-- One role per organisation and kind: a practitioner may work for several organisations.
create table memberships (
  account_id uuid not null references accounts (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete cascade,
  role text not null check (role in ('admin', 'practitioner', 'regulator')),
  created_at timestamptz not null default now(),
  primary key (account_id, organisation_id, role)
);

-- A patient record; account_id is the account that manages it (the patient, or a parent for a child).
-- identity_status follows the INS référentiel: only 'qualifiee' may carry the INS into documents.
create table patients (
  id uuid primary key default gen_random_uuid(),
  account_id uuid references accounts (id) on delete set null,
  is_self boolean not null default true,
  birth_name text not null,
  first_names text not null,
  used_name text,
  sex text not null check (sex in ('F', 'M', 'I')),
  birth_date date not null,
  birth_place_insee text check (birth_place_insee ~ '^[0-9]{2}[0-9AB][0-9]{2}$' or birth_place_insee ~ '^2[AB][0-9]{3}$'),
  nir text check (nir ~ '^[12378][0-9]{4}[0-9AB][0-9]{7}[0-9]{2}$'),
  identity_status text not null default 'provisoire' check (identity_status in ('provisoire', 'recuperee', 'validee', 'qualifiee')),
  created_at timestamptz not null default now()
);
create unique index patients_one_self_per_account on patients (account_id) where is_self;
