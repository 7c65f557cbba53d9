// The patient's insurance situation as they state it on their profile: what an estimate starts from
// before the act, and what the practitioner's billing decision reads after it.

export const SUPPLEMENTARY_COVERS = ['private', 'css', 'ame', 'none'] as const;
/**
 * What pays the part the Assurance Maladie leaves (the ticket modérateur): a complémentaire santé
 * ("mutuelle", private), the complémentaire santé solidaire (css), the aide médicale de l'État (ame),
 * or nothing.
 */
export type SupplementaryCover = (typeof SUPPLEMENTARY_COVERS)[number];

export const TREATING_DOCTOR_DECLARATIONS = ['declared', 'none'] as const;
/** Whether the patient has declared a médecin traitant (treating doctor) to the Assurance Maladie. */
export type TreatingDoctorDeclaration = (typeof TREATING_DOCTOR_DECLARATIONS)[number];

export interface InsuranceSituation {
  /** null: not stated yet. */
  treatingDoctor: TreatingDoctorDeclaration | null;
  /** An affection de longue durée (long-term condition) is recognised: its care is paid at 100 %. */
  ald: boolean;
  /** null: not stated yet. */
  cover: SupplementaryCover | null;
}

export const UNSTATED_INSURANCE: InsuranceSituation = { treatingDoctor: null, ald: false, cover: null };
