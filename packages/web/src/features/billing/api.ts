import type { paths } from '../../api/schema.js';
import { call } from '../identity/api.js';

// Shapes from the server's OpenAPI document (npm run gen:api), so that a change of the billing routes breaks the build here.
type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
export type Insurance = Json<paths['/api/v1/patients/{patientId}/insurance']['get']['responses'][200]>;
export type EstimateAnswers = Json<paths['/api/v1/patients/{patientId}/teleconsultation-estimate']['post']['requestBody']>;
export type BillingStatement = Json<paths['/api/v1/patients/{patientId}/teleconsultation-billing']['post']['requestBody']>;
export type TeleconsultationBilling = Json<paths['/api/v1/patients/{patientId}/teleconsultation-estimate']['post']['responses'][200]>;
export type CarePatient = Json<paths['/api/v1/care/patients']['get']['responses'][200]>[number];

const id = encodeURIComponent;

export const billingApi = {
  insurance: (patientId: string) => call<Insurance>('GET', `/api/v1/patients/${id(patientId)}/insurance`),
  stateInsurance: (patientId: string, situation: Insurance) => call<void>('PUT', `/api/v1/patients/${id(patientId)}/insurance`, situation),
  estimate: (patientId: string, answers: EstimateAnswers) =>
    call<TeleconsultationBilling>('POST', `/api/v1/patients/${id(patientId)}/teleconsultation-estimate`, answers),
  decide: (patientId: string, statement: BillingStatement) =>
    call<TeleconsultationBilling>('POST', `/api/v1/patients/${id(patientId)}/teleconsultation-billing`, statement),
  carePatients: (q: string) => call<CarePatient[]>('GET', `/api/v1/care/patients${q ? `?q=${encodeURIComponent(q)}` : ''}`),
};

export const billingKeys = {
  insurance: (patientId: string) => ['billing', 'insurance', patientId] as const,
  carePatients: (q: string) => ['billing', 'care-patients', q] as const,
};
