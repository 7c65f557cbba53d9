import type { Generated } from 'kysely';

export type ConsentAct = 'teleconsultation' | 'telemonitoring' | 'teleexpertise';

export interface ConsentTables {
  consents: {
    id: Generated<string>;
    patient_id: string;
    act: ConsentAct;
    information_version: string;
    given_at: Generated<Date>;
    given_by_account_id: string;
    withdrawn_at: Date | null;
    withdrawn_by_account_id: string | null;
  };
}
