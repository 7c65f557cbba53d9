-- An organisation invites a person; the person becomes a member only once they accept. Until then the
-- administrator sees what they typed, never the account's own name or whether it existed before.
create table invitations (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  account_id uuid not null references accounts (id) on delete cascade,
  role text not null check (role in ('admin', 'practitioner', 'regulator')),
  -- As the administrator typed them.
  email text not null check (length(email) <= 254),
  given_name text not null check (length(given_name) <= 100),
  family_name text not null check (length(family_name) <= 100),
  -- The professional profile typed (profession, specialty, RPPS, sector), given to the account if it has none when accepting.
  profile jsonb,
  invited_by uuid,
  created_at timestamptz not null default now(),
  answered_at timestamptz,
  accepted boolean,
  check ((answered_at is null) = (accepted is null))
);

-- One pending invitation per person, organisation and role: inviting again renews it.
create unique index invitations_pending on invitations (organisation_id, account_id, role) where answered_at is null;
create index invitations_account on invitations (account_id) where answered_at is null;
