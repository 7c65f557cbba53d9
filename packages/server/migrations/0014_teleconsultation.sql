-- Teleconsultation: the visit of a video appointment (the patient's check-in to the waiting room;
-- the practitioner's admit, postpone or cancel; the end of the act) and the call's quality as each
-- side measured it. The call itself never passes through the server: no media, no chat, nothing
-- of what was said is kept here.

create table teleconsultation_visits (
  appointment_id uuid primary key references appointments (id) on delete cascade,
  patient_id uuid not null references patients (id) on delete cascade,
  practitioner_account_id uuid not null references accounts (id) on delete cascade,
  -- The slot as it stood at check-in (a checked-in appointment is no longer rescheduled): the wait is estimated from it.
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  state text not null default 'waiting' check (state in ('waiting', 'postponed', 'admitted', 'cancelled', 'ended')),
  checked_in_at timestamptz not null default now(),
  state_changed_at timestamptz not null default now(),
  postponed_until timestamptz,
  -- What the practitioner told the patient on postponing or cancelling.
  notice text check (length(notice) between 1 and 500),
  outcome text check (outcome in ('completed', 'reoriented', 'interrupted')),
  incident_note text check (length(incident_note) between 1 and 2000),
  ended_at timestamptz,
  version integer not null default 0,
  check ((state = 'ended') = (outcome is not null and ended_at is not null)),
  check ((state = 'postponed') = (postponed_until is not null))
);
-- The practitioner's waiting room: their visits still open.
create index teleconsultation_visits_open on teleconsultation_visits (practitioner_account_id, starts_at)
  where state in ('waiting', 'postponed', 'admitted');

-- Connection quality, summarised by each side from WebRTC getStats() samples: the report's
-- technical-incident section. One summary per participant and visit; a later one replaces it.
create table teleconsultation_quality (
  appointment_id uuid not null references teleconsultation_visits (appointment_id) on delete cascade,
  reporter_account_id uuid not null references accounts (id) on delete cascade,
  side text not null check (side in ('patient', 'practitioner')),
  samples integer not null check (samples between 1 and 100000),
  rtt_ms_median real check (rtt_ms_median between 0 and 60000),
  rtt_ms_max real check (rtt_ms_max between 0 and 60000),
  loss_percent real check (loss_percent between 0 and 100),
  bitrate_kbps_median real check (bitrate_kbps_median between 0 and 100000),
  frames_decoded bigint check (frames_decoded >= 0),
  reported_at timestamptz not null default now(),
  primary key (appointment_id, reporter_account_id)
);
