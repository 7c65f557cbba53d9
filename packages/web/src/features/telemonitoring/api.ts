import { answer, api } from '../../api/client.js';
import type { Reply, RequestBody } from '../../api/types.js';

// The shapes of the telemonitoring routes, named from the OpenAPI document.
export type Dashboard = Reply<'/api/v1/telemonitoring/dashboard', 'get'>;
export type DashboardPatient = Dashboard['patients'][number];
export type Monitoring = Reply<'/api/v1/patients/{patientId}/telemonitoring', 'get'>;
export type Enrolment = Monitoring['enrolments'][number];
export type Reading = Monitoring['readings'][number];
export type Alert = Monitoring['alerts'][number];
export type AlertLevel = Alert['level'];
export type ReadingKind = Reading['kind'];
export type ManualReading = RequestBody<'/api/v1/patients/{patientId}/telemonitoring/readings', 'post'>;
export type EligibilityAsked = RequestBody<'/api/v1/patients/{patientId}/telemonitoring/eligibility', 'post'>;
export type Enrol = RequestBody<'/api/v1/patients/{patientId}/telemonitoring/enrolments', 'post'>;
export type MonthlyReport = Reply<'/api/v1/telemonitoring/report', 'get'>;
export type SymptomsAnswered = RequestBody<'/api/v1/patients/{patientId}/telemonitoring/symptoms', 'post'>;
export type SymptomsScore = Reply<'/api/v1/patients/{patientId}/telemonitoring/symptoms', 'post'>;
export type SymptomReport = Monitoring['symptomReports'][number];
export type Overrides = RequestBody<'/api/v1/patients/{patientId}/telemonitoring/enrolments/{enrolmentId}/overrides', 'put'>;
export type RuleView = Enrolment['rules'][number];
export type ReportRow = MonthlyReport['rows'][number];

const onPatient = (patientId: string) => ({ params: { path: { patientId } } });
const onAlert = (patientId: string, alertId: string) => ({ params: { path: { patientId, alertId } } });

export const telemonitoringApi = {
  dashboard: () => answer(api.GET('/api/v1/telemonitoring/dashboard')),
  monitoring: (patientId: string, days: number) =>
    answer(api.GET('/api/v1/patients/{patientId}/telemonitoring', { params: { path: { patientId }, query: { days } } })),
  report: (month: string) => answer(api.GET('/api/v1/telemonitoring/report', { params: { query: { month } } })),
  eligibility: (patientId: string, body: EligibilityAsked) =>
    answer(api.POST('/api/v1/patients/{patientId}/telemonitoring/eligibility', { ...onPatient(patientId), body })),
  enrol: (patientId: string, body: Enrol) =>
    answer(api.POST('/api/v1/patients/{patientId}/telemonitoring/enrolments', { ...onPatient(patientId), body })),
  createDevice: (patientId: string, enrolmentId: string, label: string) =>
    answer(
      api.POST('/api/v1/patients/{patientId}/telemonitoring/enrolments/{enrolmentId}/devices', {
        params: { path: { patientId, enrolmentId } },
        body: { label },
      }),
    ),
  revokeDevice: (patientId: string, deviceId: string) =>
    answer(
      api.POST('/api/v1/patients/{patientId}/telemonitoring/devices/{deviceId}/revoke', {
        params: { path: { patientId, deviceId } },
        body: {},
      }),
    ),
  enterReading: (patientId: string, body: ManualReading) =>
    answer(api.POST('/api/v1/patients/{patientId}/telemonitoring/readings', { ...onPatient(patientId), body })),
  answerSymptoms: (patientId: string, body: SymptomsAnswered) =>
    answer(api.POST('/api/v1/patients/{patientId}/telemonitoring/symptoms', { ...onPatient(patientId), body })),
  setOverrides: (patientId: string, enrolmentId: string, body: Overrides) =>
    answer(
      api.PUT('/api/v1/patients/{patientId}/telemonitoring/enrolments/{enrolmentId}/overrides', {
        params: { path: { patientId, enrolmentId } },
        body,
      }),
    ),
  acknowledge: (patientId: string, alertId: string) =>
    answer(
      api.POST('/api/v1/patients/{patientId}/telemonitoring/alerts/{alertId}/acknowledge', { ...onAlert(patientId, alertId), body: {} }),
    ),
  snooze: (patientId: string, alertId: string, minutes: number) =>
    answer(
      api.POST('/api/v1/patients/{patientId}/telemonitoring/alerts/{alertId}/snooze', {
        ...onAlert(patientId, alertId),
        body: { minutes },
      }),
    ),
  resolve: (patientId: string, alertId: string, note: string) =>
    answer(
      api.POST('/api/v1/patients/{patientId}/telemonitoring/alerts/{alertId}/resolve', { ...onAlert(patientId, alertId), body: { note } }),
    ),
};

/** Addresses the browser opens itself (a download): the session cookie goes with them. */
export const telemonitoringLinks = {
  reportCsv: (month: string) => `/api/v1/telemonitoring/report?${new URLSearchParams({ month, format: 'csv' }).toString()}`,
};

export const telemonitoringKeys = {
  all: ['telemonitoring'] as const,
  dashboard: ['telemonitoring', 'dashboard'] as const,
  monitoring: (patientId: string, days: number) => ['telemonitoring', 'monitoring', patientId, days] as const,
  eligibility: (patientId: string, asked: EligibilityAsked) => ['telemonitoring', 'eligibility', patientId, asked] as const,
  report: (month: string) => ['telemonitoring', 'report', month] as const,
};
