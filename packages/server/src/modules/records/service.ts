// The records module's use cases, and its only door for other modules: reports and their
// addenda, prescriptions, sick-leave notices, the documents' PDFs and their public verification,
// the FHIR export, the professionals' inbox, the files shared in calls.
export { amendReport, openReport, readReport, reportTemplates, signReportNow, updateReport, type RecordsDeps } from './reports.js';
export { addPrescription, withdrawPrescription } from './prescriptions.js';
export { addSickLeave } from './sick-leave.js';
export { patientDocuments, prescriptionPdf, reportPdf, sickLeavePdf, verifyDocument, type Pdf } from './documents.js';
export { reportBundle } from './fhir.js';
export { inbox, openMessage, reportRecipients, shareReport } from './sharing.js';
export {
  attachmentHeaders,
  keepSharedFile,
  recordFile,
  sharedFile,
  sharedFilesOfVisit,
  type FileEntry,
  type NewSharedFile,
  type SharedFileType,
  type StoredFile,
} from './files.js';
