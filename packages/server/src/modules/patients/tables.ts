import type { Generated } from 'kysely';

export type IdentityStatus = 'provisoire' | 'recuperee' | 'validee' | 'qualifiee';

/** Patient records (INS traits and status), who manages them, and the professionals caring for them. */
export interface PatientsTables {
  patients: {
    id: Generated<string>;
    account_id: string | null;
    is_self: Generated<boolean>;
    birth_name: string;
    first_names: string;
    used_name: string | null;
    sex: 'F' | 'M' | 'I';
    birth_date: string;
    birth_place_insee: string | null;
    nir: string | null;
    identity_status: Generated<IdentityStatus>;
    created_at: Generated<Date>;
  };
  care_relationships: {
    id: Generated<string>;
    patient_id: string;
    practitioner_account_id: string;
    organisation_id: string;
    kind: 'appointment' | 'monitoring' | 'teleexpertise' | 'care-team';
    starts_at: Generated<Date>;
    ends_at: Date | null;
  };
}
