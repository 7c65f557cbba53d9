// The audit trail, as other modules use it: record who touched which record, verify the chain,
// show a patient who accessed their record.
export { audited, type Access } from './access.js';
export { recordAudit, recordAuditMany, type AuditEntryInput, type RecordedEntry } from './record.js';
export { verifyAuditTrail, type AuditProblem, type AuditVerification, type BadEntry } from './verify.js';
export { accessHistory, ACCESS_HISTORY_MAX_LIMIT, type RecordAccess } from './history.js';
export { runAuditVerify } from './cli.js';
