// The audit trail, as other modules use it: record who touched which record, verify the chain,
// show a patient who accessed their record.
export { audited, type Access, type AuditedDeps } from './access.js';
export { recordAudit, recordAuditMany, type AuditEntryInput, type RecordedEntry } from './record.js';
export { createAuditWriter, type AuditWriter, type AuditWriterOptions } from './writer.js';
export { createAuditTrail, type AuditTrail, type AuditTrailOptions } from './trail.js';
export {
  checkpointFromJson,
  checkpointKey,
  checkpointToJson,
  loadOrCreateCheckpointKey,
  publishCheckpoint,
  AuditTamperedError,
  type CheckpointKey,
  type PublishedCheckpoint,
  type SignedCheckpoint,
} from './checkpoint.js';
export { verifyAuditTrail, type AuditProblem, type AuditVerification, type BadEntry, type VerifyOptions } from './verify.js';
export { accessHistory, ACCESS_HISTORY_MAX_LIMIT, ACCESS_HISTORY_PAGE_SIZE, type RecordAccess } from './history.js';
export { auditVerifyOptions, runAuditVerify } from './cli.js';
