-- Each audit entry keeps, as its own data, the name of whoever acted and of the organisation they
-- acted for, as they were at that moment: a patient's access history shows who opened the record
-- then, not whoever holds that account or organisation today (a professional renamed later must
-- not rewrite the past). Entries written before have none (null), and hash as they did.
alter table audit_log add column actor_name text;
alter table audit_log add column organisation_name text;
