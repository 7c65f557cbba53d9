-- The audit trail in several chains, and signed checkpoints of their heads.
--
-- One chain under one advisory lock put every audited transaction of the cluster in a single line,
-- each waiting for the one before it to commit. Now each chain has a head row: a writer locks the
-- first head that no other transaction holds (FOR UPDATE SKIP LOCKED), appends after it and moves
-- it, in the caller's own transaction; concurrent transactions spread over the chains instead of
-- queueing. Within a chain, numbers still run 1, 2, 3… without gap and each entry carries the hash
-- of the one before it. The trail written so far becomes chain 0, untouched: same numbers, same
-- hashes. Servers add chains at start (never remove one: `audit verify` walks every chain).
create table audit_chain (
  id smallint primary key check (id between 0 and 1023),
  -- The chain's last entry: 0 and the genesis hash while it is empty. Moved in the transaction
  -- that appends, so it names an entry that exists; an entry missing at the head is then seen.
  seq bigint not null check (seq >= 0),
  hash text not null check (hash ~ '^[0-9a-f]{64}$')
);

insert into audit_chain (id, seq, hash)
select 0, coalesce(max(seq), 0), coalesce((select hash from audit_log order by seq desc limit 1), repeat('0', 64))
from audit_log;

-- Entries written before chains existed belong to chain 0: hence the default.
alter table audit_log add column chain smallint not null default 0;
alter table audit_log drop constraint audit_log_pkey, add constraint audit_log_pkey primary key (chain, seq);

-- A patient's access history pages by (at, seq, chain): numbers repeat across chains.
drop index audit_log_patient;
create index audit_log_patient on audit_log (patient_id, at, seq, chain) where patient_id is not null;

-- Signed statements of every chain's head, one every few seconds while the trail moves: removing
-- the newest entries (which leaves shorter chains that still hold) no longer matches the last
-- statement signed. Each names the one before it by hash. Also published outside the database
-- (the event bus, a file), where whoever can rewrite this table cannot reach.
create table audit_checkpoint (
  seq bigint primary key check (seq > 0),
  at timestamptz not null,
  -- [[chain, seq, hash], …] for every chain, by chain number.
  heads jsonb not null check (jsonb_typeof(heads) = 'array'),
  prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text not null check (hash ~ '^[0-9a-f]{64}$'),
  -- Ed25519: the signer's key id (start of the sha256 of its public key) and the signature, base64.
  key_id text not null check (length(key_id) between 1 and 64),
  signature text not null check (length(signature) between 1 and 200)
);

create function audit_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end;
$$;

-- A chain's head moves forward; the chain itself is never removed.
create trigger audit_chain_no_delete before delete on audit_chain
  for each row execute function audit_refuse_change();
create trigger audit_chain_no_truncate before truncate on audit_chain
  for each statement execute function audit_refuse_change();
create trigger audit_checkpoint_no_update before update on audit_checkpoint
  for each row execute function audit_refuse_change();
create trigger audit_checkpoint_no_delete before delete on audit_checkpoint
  for each row execute function audit_refuse_change();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
  for each statement execute function audit_refuse_change();
