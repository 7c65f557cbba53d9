// Billing a teleconsultation: from the patient's situation and the act's facts to the rules
// contract's question, and from its decision to what each party pays.
export { SUPPLEMENTARY_COVERS, TREATING_DOCTOR_DECLARATIONS, UNSTATED_INSURANCE } from './insurance.js';
export type { InsuranceSituation, SupplementaryCover, TreatingDoctorDeclaration } from './insurance.js';
export { teleconsultationRequest, type TeleconsultationFacts } from './teleconsultation-facts.js';
export { patientShare, type PatientShare } from './patient-share.js';
