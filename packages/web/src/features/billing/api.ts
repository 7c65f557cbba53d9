import { answer, api } from '../../api/client.js';
import type { Reply, RequestBody } from '../../api/types.js';

// The shapes of the billing routes, named from the OpenAPI document.
export type Insurance = Reply<'/api/v1/patients/{patientId}/insurance', 'get'>;
export type EstimateAnswers = RequestBody<'/api/v1/patients/{patientId}/teleconsultation-estimate', 'post'>;
export type BillingStatement = RequestBody<'/api/v1/patients/{patientId}/teleconsultation-billing', 'post'>;
export type TeleconsultationBilling = Reply<'/api/v1/patients/{patientId}/teleconsultation-estimate', 'post'>;
export type CarePatient = Reply<'/api/v1/care/patients', 'get'>[number];
export type BillingRecord = Reply<'/api/v1/appointments/{appointmentId}/billing-record', 'get'>;
export type ManualPayment = RequestBody<'/api/v1/appointments/{appointmentId}/payments', 'post'>;
export type ActsReply = Reply<'/api/v1/billing/acts', 'get'>;
export interface ActsFilter {
  month?: string;
  organisationId?: string;
  status?: 'paid' | 'unpaid';
}

const patient = (patientId: string) => ({ path: { patientId } });

export const billingApi = {
  insurance: (patientId: string) => answer(api.GET('/api/v1/patients/{patientId}/insurance', { params: patient(patientId) })),
  stateInsurance: (patientId: string, body: Insurance) =>
    answer(api.PUT('/api/v1/patients/{patientId}/insurance', { params: patient(patientId), body })),
  estimate: (patientId: string, body: EstimateAnswers) =>
    answer(api.POST('/api/v1/patients/{patientId}/teleconsultation-estimate', { params: patient(patientId), body })),
  decide: (patientId: string, body: BillingStatement) =>
    answer(api.POST('/api/v1/patients/{patientId}/teleconsultation-billing', { params: patient(patientId), body })),
  carePatients: (q: string) => answer(api.GET('/api/v1/care/patients', { params: { query: q ? { q } : {} } })),
  patientRecords: (patientId: string) => answer(api.GET('/api/v1/patients/{patientId}/billing-records', { params: patient(patientId) })),
  recordPayment: (appointmentId: string, body: ManualPayment) =>
    answer(api.POST('/api/v1/appointments/{appointmentId}/payments', { params: { path: { appointmentId } }, body })),
  checkout: (appointmentId: string) =>
    answer(api.POST('/api/v1/appointments/{appointmentId}/checkout', { params: { path: { appointmentId } } })),
  acts: (filter: ActsFilter) => answer(api.GET('/api/v1/billing/acts', { params: { query: filter } })),
};

/** Addresses the browser opens itself (a download): the session cookie goes with them. */
export const billingLinks = {
  feeNote: (appointmentId: string) => `/api/v1/appointments/${encodeURIComponent(appointmentId)}/fee-note`,
  actsCsv: (filter: ActsFilter) => {
    const query = new URLSearchParams({ ...filter, format: 'csv' } as Record<string, string>);
    return `/api/v1/billing/acts?${query.toString()}`;
  },
};

export const billingKeys = {
  insurance: (patientId: string) => ['billing', 'insurance', patientId] as const,
  carePatients: (q: string) => ['billing', 'care-patients', q] as const,
  records: (patientId: string) => ['billing', 'records', patientId] as const,
  acts: (filter: ActsFilter) => ['billing', 'acts', filter] as const,
};
