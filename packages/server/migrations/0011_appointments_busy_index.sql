-- Slot search reads the time the practitioners' live appointments hold over a few days. This index
-- answers that alone (an index-only scan): without it each appointment read is a visit to a page
-- of the table, and a search over twenty practitioners reads hundreds of pages.
create index appointments_busy on appointments (practitioner_account_id, starts_at) include (blocked_until)
  where status in ('booked', 'checked-in', 'in-progress', 'completed');
