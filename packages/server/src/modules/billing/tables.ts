import type { SupplementaryCover, TreatingDoctorDeclaration } from '@parcours/domain';

/** What the patient states of their insurance; a row only once they stated something. */
export interface BillingTables {
  insurance_situations: {
    patient_id: string;
    treating_doctor: TreatingDoctorDeclaration | null;
    has_ald: boolean;
    supplementary_cover: SupplementaryCover | null;
    updated_at: Date;
  };
}
