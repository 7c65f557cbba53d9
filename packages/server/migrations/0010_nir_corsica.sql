-- A Corsican NIR writes its département 2A or 2B in the 6th and 7th characters (`1 85 05 2A …`),
-- but the first check allowed the letter in the 6th place and refused it in the 7th: a valid
-- Corsican NIR, accepted by the domain's checkNir, was refused here (a 500). Factsheet §7.2.
-- First character: 1, 2 (sex), 3 (born abroad, registration pending), 7, 8 (NIA): see nir.ts.
alter table patients drop constraint patients_nir_check;
alter table patients add constraint patients_nir_check check (nir ~ '^[12378][0-9]{4}([0-9]{2}|2[AB])[0-9]{6}[0-9]{2}$');
