import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/hook.js';
import type { ServiceDeps } from '../../platform/context.js';
import { languageOf } from '../../platform/http/language.js';
import {
  AcknowledgeBody,
  AlertParams,
  Alert,
  Dashboard,
  DeviceBody,
  DeviceParams,
  Device,
  Eligibility,
  EligibilityBody,
  EnrolBody,
  EnrolmentParams,
  Enrolment,
  IngestSummary,
  ManualReading,
  Monitoring,
  MonthlyReport,
  NewDevice,
  Overrides,
  PatientParams,
  ReadingsQuery,
  ReportQuery,
  ResolveBody,
  RevokeBody,
  SnoozeBody,
  SymptomsBody,
  SymptomsReply,
} from './schemas.js';
import {
  acknowledge,
  answerSymptoms,
  createDevice,
  dashboard,
  eligibility,
  enrol,
  enterReading,
  monitoring,
  resolve,
  revokeDevice,
  setOverrides,
  snooze,
} from './service.js';
import { registerDeviceRoutes } from './device-routes.js';
import { monthlyReport, monthlyReportCsv } from './report.js';

const tags = ['telemonitoring'];

export async function registerTelemonitoringRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/telemonitoring/dashboard',
    {
      schema: {
        tags,
        summary: 'The practitioner’s patients under telemonitoring, most severe open alerts first',
        description: 'Only patients of live enrolments in the practitioner’s organisations who are in their care.',
        response: { 200: Dashboard },
      },
      config: { policy: 'professional' },
    },
    async (request) => dashboard(deps, actorOf(request)),
  );

  api.get(
    '/api/v1/patients/:patientId/telemonitoring',
    {
      schema: {
        tags,
        summary: 'A patient’s telemonitoring: programmes and thresholds, readings of the last days, alerts',
        params: PatientParams,
        querystring: ReadingsQuery,
        response: { 200: Monitoring },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => monitoring(deps, actorOf(request), request.params.patientId, request.query.days, languageOf(request)),
  );

  api.get(
    '/api/v1/telemonitoring/report',
    {
      schema: {
        tags,
        summary: 'The operator’s monthly report: each patient’s transmission rate and what the rules allow to bill',
        description:
          'The patients of the caller’s organisations they care for, monitored during the month. With `format=csv`, the same lines as RFC 4180 CSV (text/csv).',
        querystring: ReportQuery,
        response: { 200: MonthlyReport },
      },
      config: { policy: 'professional' },
    },
    async (request, reply) => {
      const report = await monthlyReport(deps, actorOf(request), request.query.month, languageOf(request));
      if (request.query.format !== 'csv') return report;
      // The CSV is sent as it is written: a string is not serialised, whatever the JSON reply's schema.
      return (reply as FastifyReply)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="telesurveillance-${report.month}.csv"`)
        .header('cache-control', 'no-store')
        .send(monthlyReportCsv(report));
    },
  );

  api.post(
    '/api/v1/patients/:patientId/telemonitoring/eligibility',
    {
      schema: {
        tags,
        summary: 'What the rules say of enrolling the patient: eligible, billable, the forfaits, and why not',
        description: 'Nothing is written. The same decision is taken again, and kept, at enrolment.',
        params: PatientParams,
        body: EligibilityBody,
        response: { 200: Eligibility },
      },
      config: { policy: 'professional' },
    },
    async (request) => eligibility(deps, actorOf(request), request.params.patientId, request.body, languageOf(request)),
  );

  api.post(
    '/api/v1/patients/:patientId/telemonitoring/enrolments',
    {
      schema: {
        tags,
        summary: 'Enrols the patient in a telemonitoring programme (the patient’s consent first)',
        description:
          '409 telemonitoring-consent-required without the patient’s consent to telemonitoring; 409 telemonitoring-already-enrolled; 422 telemonitoring-not-eligible when the rules refuse the prescription (the reasons say why). An undeclared operator enrols, but the decision kept says it bills nothing.',
        params: PatientParams,
        body: EnrolBody,
        response: { 201: Enrolment },
      },
      config: { policy: 'professional' },
    },
    async (request, reply) =>
      reply.code(201).send(await enrol(deps, actorOf(request), request.params.patientId, request.body, languageOf(request))),
  );

  api.put(
    '/api/v1/patients/:patientId/telemonitoring/enrolments/:enrolmentId/overrides',
    {
      schema: {
        tags,
        summary: 'Adjusts the programme’s rules for this patient (the missing-data alert cannot be switched off)',
        params: EnrolmentParams,
        body: Overrides,
        response: { 200: Enrolment },
      },
      config: { policy: 'professional' },
    },
    async (request) =>
      setOverrides(deps, actorOf(request), request.params.patientId, request.params.enrolmentId, request.body, languageOf(request)),
  );

  api.post(
    '/api/v1/patients/:patientId/telemonitoring/enrolments/:enrolmentId/devices',
    {
      schema: {
        tags,
        summary: 'Issues a device credential: it writes this patient’s readings and reads nothing',
        params: EnrolmentParams,
        body: DeviceBody,
        response: { 201: NewDevice },
      },
      config: { policy: 'professional' },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createDevice(deps, actorOf(request), request.params.patientId, request.params.enrolmentId, request.body.label)),
  );

  api.post(
    '/api/v1/patients/:patientId/telemonitoring/devices/:deviceId/revoke',
    {
      schema: { tags, summary: 'Revokes a device credential', params: DeviceParams, body: RevokeBody, response: { 200: Device } },
      config: { policy: 'professional' },
    },
    async (request) => revokeDevice(deps, actorOf(request), request.params.patientId, request.params.deviceId),
  );

  api.post(
    '/api/v1/patients/:patientId/telemonitoring/readings',
    {
      schema: {
        tags,
        summary: 'A reading entered by hand (the patient, their parent or their carer); sent again, it changes nothing',
        params: PatientParams,
        body: ManualReading,
        response: { 200: IngestSummary },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => enterReading(deps, actorOf(request), request.params.patientId, request.body, languageOf(request)),
  );

  api.post(
    '/api/v1/patients/:patientId/telemonitoring/symptoms',
    {
      schema: {
        tags,
        summary:
          'The oncology symptom questionnaire answered: scored into a grade the alert engine evaluates; sent again, it changes nothing',
        description:
          'Answers by linkId of the oncology questionnaire (triage format). 409 telemonitoring-not-in-programme when the patient is not followed in oncology.',
        params: PatientParams,
        body: SymptomsBody,
        response: { 200: SymptomsReply },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => answerSymptoms(deps, actorOf(request), request.params.patientId, request.body, languageOf(request)),
  );

  // Acknowledge, snooze, resolve: in this order (an alert resolved takes neither of the others).
  api.post(
    '/api/v1/patients/:patientId/telemonitoring/alerts/:alertId/acknowledge',
    {
      schema: {
        tags,
        summary: 'Acknowledges an alert: the team knows, escalation stops',
        params: AlertParams,
        body: AcknowledgeBody,
        response: { 200: Alert },
      },
      config: { policy: 'professional' },
    },
    async (request) => acknowledge(deps, actorOf(request), request.params.patientId, request.params.alertId),
  );

  api.post(
    '/api/v1/patients/:patientId/telemonitoring/alerts/:alertId/snooze',
    {
      schema: {
        tags,
        summary: 'Snoozes an alert for a step of its level’s ladder; new urgent evidence wakes it',
        params: AlertParams,
        body: SnoozeBody,
        response: { 200: Alert },
      },
      config: { policy: 'professional' },
    },
    async (request) =>
      snooze(deps, actorOf(request), request.params.patientId, request.params.alertId, request.body.minutes, languageOf(request)),
  );

  api.post(
    '/api/v1/patients/:patientId/telemonitoring/alerts/:alertId/resolve',
    {
      schema: {
        tags,
        summary: 'Resolves an alert with a note of what was done',
        params: AlertParams,
        body: ResolveBody,
        response: { 200: Alert },
      },
      config: { policy: 'professional' },
    },
    async (request) => resolve(deps, actorOf(request), request.params.patientId, request.params.alertId, request.body.note),
  );

  await app.register(async (scope) => registerDeviceRoutes(scope, deps));
}
