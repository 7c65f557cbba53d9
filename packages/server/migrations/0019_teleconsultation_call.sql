-- The call's fallbacks and checks (issue 13): a visit held partly or wholly in audio alone (billing
-- may treat it as a telephone act), and the patient's connectivity check before the practitioner
-- admits them (direct, through the TURN relay over UDP, over TLS on 443).

alter table teleconsultation_visits
  add column audio_only_at timestamptz,
  -- Why the video stopped: the participant chose it, the camera failed, the connection was too poor.
  add column audio_only_reason text check (audio_only_reason in ('chosen', 'camera-failed', 'poor-quality')),
  add constraint teleconsultation_visits_audio_only check ((audio_only_at is null) = (audio_only_reason is null));

-- The patient's last connectivity check for an appointment, from the waiting room: what the
-- practitioner sees in theirs. Null for a path no server was configured for.
create table teleconsultation_connectivity (
  appointment_id uuid primary key references appointments (id) on delete cascade,
  patient_id uuid not null references patients (id) on delete cascade,
  reported_by_account_id uuid not null references accounts (id) on delete cascade,
  reachable text not null check (reachable in ('direct', 'relay', 'none')),
  direct boolean not null,
  turn_udp boolean,
  turn_tls boolean,
  checked_at timestamptz not null default now(),
  check ((reachable = 'direct') = direct),
  check ((reachable = 'relay') = (not direct and (coalesce(turn_udp, false) or coalesce(turn_tls, false))))
);
