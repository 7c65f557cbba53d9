import { answer, api } from '../../api/client.js';
import type { Reply, RequestBody } from '../../api/types.js';

// The shapes of the billing routes, named from the OpenAPI document.
export type Insurance = Reply<'/api/v1/patients/{patientId}/insurance', 'get'>;
export type EstimateAnswers = RequestBody<'/api/v1/patients/{patientId}/teleconsultation-estimate', 'post'>;
export type BillingStatement = RequestBody<'/api/v1/patients/{patientId}/teleconsultation-billing', 'post'>;
export type TeleconsultationBilling = Reply<'/api/v1/patients/{patientId}/teleconsultation-estimate', 'post'>;
export type CarePatient = Reply<'/api/v1/care/patients', 'get'>[number];

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
};

export const billingKeys = {
  insurance: (patientId: string) => ['billing', 'insurance', patientId] as const,
  carePatients: (q: string) => ['billing', 'care-patients', q] as const,
};
