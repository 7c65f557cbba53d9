// The identity module's surface for other modules: they reach accounts, patients and care
// relationships only through these functions, never through the tables.
export { auditRoleOf, authorizePatientRecord, hasCareRelationship, type RecordRelation } from './care.js';
export { patientForBilling } from './insurance.js';
export { practitionerProfile, type PractitionerProfile } from './practitioners.js';
