-- What the prescription and the operator add to an enrolment (factsheet §4.3–4.5): the forfait's
-- level, who operates (a doctor alone, a team, a structure) and its declaration to the ARS — which
-- opens the right to bill —, when the patient was told that telemonitoring is no emergency service
-- (call the 15), and the rules engine's decision on the day of enrolment.
alter table telemonitoring_enrolments
  add column level text not null default 'standard' check (level in ('standard', 'enhanced-1', 'enhanced-2')),
  add column operator_kind text not null default 'doctor' check (operator_kind in ('doctor', 'team', 'structure')),
  add column ars_declaration text check (ars_declaration is null or length(ars_declaration) between 1 and 100),
  add column patient_informed_at timestamptz,
  add column eligibility jsonb;
