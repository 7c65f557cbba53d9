-- The patient's insurance situation, as the patient (or the parent managing the record) states it:
-- the reimbursement estimate before a teleconsultation and the billing decision after it start from it.
-- Vocabulary: @parcours/domain billing/insurance.ts. null: not stated yet.
alter table patients add column treating_doctor text check (treating_doctor in ('declared', 'none'));
alter table patients add column has_ald boolean not null default false;
alter table patients add column supplementary_cover text check (supplementary_cover in ('private', 'css', 'ame', 'none'));
