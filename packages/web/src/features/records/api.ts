import { answer, api } from '../../api/client.js';
import type { Reply, RequestBody } from '../../api/types.js';

// The shapes of the records routes, named from the OpenAPI document.
export type Report = Reply<'/api/v1/records/reports/{reportId}', 'get'>;
export type ReportDraft = RequestBody<'/api/v1/records/reports/{reportId}', 'put'>;
export type PrescriptionBody = RequestBody<'/api/v1/records/reports/{reportId}/prescriptions', 'post'>;
export type SickLeaveBody = RequestBody<'/api/v1/records/reports/{reportId}/sick-leaves', 'post'>;
export type PatientDocument = Reply<'/api/v1/patients/{patientId}/documents', 'get'>[number];
export type Message = Reply<'/api/v1/records/inbox', 'get'>[number];

const report = (reportId: string) => ({ path: { reportId } });

export const recordsApi = {
  templates: () => answer(api.GET('/api/v1/records/templates')),
  open: (appointmentId: string) => answer(api.POST('/api/v1/appointments/{appointmentId}/report', { params: { path: { appointmentId } } })),
  save: (reportId: string, body: ReportDraft) => answer(api.PUT('/api/v1/records/reports/{reportId}', { params: report(reportId), body })),
  sign: (reportId: string) => answer(api.POST('/api/v1/records/reports/{reportId}/sign', { params: report(reportId) })),
  amend: (reportId: string, text: string) =>
    answer(api.POST('/api/v1/records/reports/{reportId}/addenda', { params: report(reportId), body: { text } })),
  prescribe: (reportId: string, body: PrescriptionBody) =>
    answer(api.POST('/api/v1/records/reports/{reportId}/prescriptions', { params: report(reportId), body })),
  withdraw: (reportId: string, prescriptionId: string) =>
    answer(
      api.POST('/api/v1/records/reports/{reportId}/prescriptions/{prescriptionId}/withdraw', {
        params: { path: { reportId, prescriptionId } },
      }),
    ),
  sickLeave: (reportId: string, body: SickLeaveBody) =>
    answer(api.POST('/api/v1/records/reports/{reportId}/sick-leaves', { params: report(reportId), body })),
  recipients: (reportId: string) => answer(api.GET('/api/v1/records/reports/{reportId}/recipients', { params: report(reportId) })),
  share: (reportId: string, recipientAccountIds: string[]) =>
    answer(api.POST('/api/v1/records/reports/{reportId}/share', { params: report(reportId), body: { recipientAccountIds } })),
  documents: (patientId: string) => answer(api.GET('/api/v1/patients/{patientId}/documents', { params: { path: { patientId } } })),
  inbox: () => answer(api.GET('/api/v1/records/inbox')),
  message: (messageId: string) => answer(api.GET('/api/v1/records/messages/{messageId}', { params: { path: { messageId } } })),
  verify: (number: string) => answer(api.GET('/api/v1/verify/{number}', { params: { path: { number } } })),
};

export const recordsKeys = {
  report: (appointmentId: string) => ['records', 'report', appointmentId] as const,
  recipients: (reportId: string) => ['records', 'recipients', reportId] as const,
  documents: (patientId: string) => ['records', 'documents', patientId] as const,
  inbox: ['records', 'inbox'] as const,
  message: (messageId: string) => ['records', 'message', messageId] as const,
  verify: (number: string) => ['records', 'verify', number] as const,
};

/** Where a report's PDF downloads from (same origin, the session cookie goes with it). */
export const reportPdfUrl = (reportId: string) => `/api/v1/records/reports/${encodeURIComponent(reportId)}/pdf`;
export const prescriptionPdfUrl = (id: string) => `/api/v1/records/prescriptions/${encodeURIComponent(id)}/pdf`;
export const sickLeavePdfUrl = (id: string) => `/api/v1/records/sick-leaves/${encodeURIComponent(id)}/pdf`;
