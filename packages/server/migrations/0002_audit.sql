-- Audit trail: who read or wrote which patient's health data, when and from where. Append-only and
-- hash-chained: each entry carries the hash of the one before it, so `parcours audit verify` finds an
-- entry altered, removed or moved, even by someone who bypassed the triggers below.
--
-- No foreign keys to accounts, organisations or patients: the log must outlive their deletion.
-- Only ids and action names are kept here, never health data (answers, reports, names).
create table audit_log (
  -- 1, 2, 3… with no gap, assigned by the writer under an advisory lock (a sequence leaves gaps on
  -- rollback, and a gap is how verify sees a removed entry).
  seq bigint primary key check (seq > 0),
  at timestamptz not null,
  actor_account_id uuid,
  actor_role text not null,
  organisation_id uuid,
  patient_id uuid,
  action text not null check (length(action) between 1 and 100),
  resource_type text not null check (length(resource_type) between 1 and 100),
  resource_id text check (length(resource_id) <= 200),
  address text check (length(address) <= 100),
  reason text check (length(reason) <= 500),
  prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text not null check (hash ~ '^[0-9a-f]{64}$')
);

-- A patient's "who accessed my record" page, newest first.
create index audit_log_patient on audit_log (patient_id, at, seq) where patient_id is not null;

create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_log_no_update before update on audit_log
  for each row execute function audit_log_refuse_change();
create trigger audit_log_no_delete before delete on audit_log
  for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_refuse_change();
