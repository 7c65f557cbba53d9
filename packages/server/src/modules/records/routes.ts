import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/hook.js';
import { languageOf } from '../../platform/http/language.js';
import {
  AddendumBody,
  AppointmentParams,
  DocumentParams,
  FileParams,
  MessageDetail,
  MessageParams,
  Message,
  PatientDocument,
  PatientParams,
  PrescriptionBody,
  PrescriptionParams,
  Recipient,
  Report,
  ReportDraft,
  ReportParams,
  ReportTemplate,
  ShareBody,
  SickLeaveBody,
  Verification,
  VerifyParams,
} from './schemas.js';
import {
  addPrescription,
  addSickLeave,
  amendReport,
  attachmentHeaders,
  inbox,
  openMessage,
  openReport,
  patientDocuments,
  prescriptionPdf,
  readReport,
  recordFile,
  reportBundle,
  reportPdf,
  reportRecipients,
  reportTemplates,
  shareReport,
  sickLeavePdf,
  signReportNow,
  updateReport,
  verifyDocument,
  withdrawPrescription,
  type Pdf,
  type RecordsDeps,
  type StoredFile,
} from './service.js';

const tags = ['records'];
const signedIn = { policy: 'signed-in' } as const;
const professional = { policy: 'professional' } as const;

function sendPdf(reply: FastifyReply, pdf: Pdf) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${pdf.filename}"`)
    .header('cache-control', 'no-store')
    .send(Buffer.from(pdf.bytes));
}

function sendFile(reply: FastifyReply, file: StoredFile) {
  return reply.headers(attachmentHeaders(file.entry)).send(Buffer.from(file.content));
}

export function registerRecordsRoutes(app: FastifyInstance, deps: RecordsDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/records/templates',
    { schema: { tags, summary: 'The report templates, per specialty', response: { 200: z.array(ReportTemplate) } }, config: professional },
    async (request) => reportTemplates(languageOf(request)),
  );

  api.post(
    '/api/v1/appointments/:appointmentId/report',
    {
      schema: {
        tags,
        summary: 'Opens the appointment’s report for its practitioner: the one begun, or a new draft (template, orientation, call quality)',
        params: AppointmentParams,
        response: { 200: Report },
      },
      config: professional,
    },
    async (request) => openReport(deps, actorOf(request), request.params.appointmentId, languageOf(request)),
  );

  api.get(
    '/api/v1/records/reports/:reportId',
    {
      schema: {
        tags,
        summary: 'A report: a draft for its author; once signed, for the patient and the professionals caring for them',
        params: ReportParams,
        response: { 200: Report },
      },
      config: signedIn,
    },
    async (request) => readReport(deps, actorOf(request), request.params.reportId, languageOf(request)),
  );

  api.put(
    '/api/v1/records/reports/:reportId',
    {
      schema: {
        tags,
        summary: 'Changes a draft report (the fields given); a signed report is refused (409 report-signed)',
        params: ReportParams,
        body: ReportDraft,
        response: { 200: Report },
      },
      config: professional,
    },
    async (request) => updateReport(deps, actorOf(request), request.params.reportId, request.body, languageOf(request)),
  );

  api.post(
    '/api/v1/records/reports/:reportId/sign',
    {
      schema: {
        tags,
        summary:
          'Signs the report, issuing its prescriptions and notices; refused while a required part is missing (409 report-incomplete, naming it)',
        params: ReportParams,
        response: { 200: Report },
      },
      config: professional,
    },
    async (request) => signReportNow(deps, actorOf(request), request.params.reportId, languageOf(request)),
  );

  api.post(
    '/api/v1/records/reports/:reportId/addenda',
    {
      schema: {
        tags,
        summary: 'Adds a dated, numbered addendum to a signed report',
        params: ReportParams,
        body: AddendumBody,
        response: { 201: Report },
      },
      config: professional,
    },
    async (request, reply) =>
      reply.code(201).send(await amendReport(deps, actorOf(request), request.params.reportId, request.body, languageOf(request))),
  );

  api.post(
    '/api/v1/records/reports/:reportId/prescriptions',
    {
      schema: {
        tags,
        summary:
          'Adds a prescription to a draft report: medications (dose, route, frequency, duration, quantity, instructions) or other care',
        params: ReportParams,
        body: PrescriptionBody,
        response: { 201: Report },
      },
      config: professional,
    },
    async (request, reply) =>
      reply.code(201).send(await addPrescription(deps, actorOf(request), request.params.reportId, request.body, languageOf(request))),
  );

  api.post(
    '/api/v1/records/reports/:reportId/prescriptions/:prescriptionId/withdraw',
    {
      schema: {
        tags,
        summary: 'Removes a draft prescription, or cancels an issued one',
        params: PrescriptionParams,
        response: { 200: Report },
      },
      config: professional,
    },
    async (request) =>
      withdrawPrescription(deps, actorOf(request), request.params.reportId, request.params.prescriptionId, languageOf(request)),
  );

  api.post(
    '/api/v1/records/reports/:reportId/sick-leaves',
    {
      schema: {
        tags,
        summary: 'Adds a sick-leave notice, once the rules allow it (422 sick-leave-refused with the reasons and the days allowed)',
        params: ReportParams,
        body: SickLeaveBody,
        response: { 201: Report },
      },
      config: professional,
    },
    async (request, reply) =>
      reply.code(201).send(await addSickLeave(deps, actorOf(request), request.params.reportId, request.body, languageOf(request))),
  );

  api.get(
    '/api/v1/records/reports/:reportId/recipients',
    {
      schema: {
        tags,
        summary: 'Who the report may be sent to: the professionals caring for the patient',
        params: ReportParams,
        response: { 200: z.array(Recipient) },
      },
      config: professional,
    },
    async (request) => reportRecipients(deps, actorOf(request), request.params.reportId),
  );

  api.post(
    '/api/v1/records/reports/:reportId/share',
    {
      schema: {
        tags,
        summary: 'Sends a signed report to professionals caring for the patient (secure inbox, and an e-mail without health data)',
        params: ReportParams,
        body: ShareBody,
        response: { 200: Report },
      },
      config: professional,
    },
    async (request) => shareReport(deps, actorOf(request), request.params.reportId, request.body, languageOf(request)),
  );

  api.get(
    '/api/v1/records/reports/:reportId/fhir',
    {
      schema: {
        tags,
        summary:
          'A signed report as a FHIR R4 Bundle: DocumentReference (DMP codes) with its PDF, the patient, the author, the prescriptions',
        params: ReportParams,
      },
      config: signedIn,
    },
    async (request, reply) => reply.type('application/fhir+json').send(await reportBundle(deps, actorOf(request), request.params.reportId)),
  );

  api.get(
    '/api/v1/records/reports/:reportId/pdf',
    { schema: { tags, summary: 'The report as a PDF', params: ReportParams }, config: signedIn },
    async (request, reply) => sendPdf(reply, await reportPdf(deps, actorOf(request), request.params.reportId)),
  );

  api.get(
    '/api/v1/records/prescriptions/:documentId/pdf',
    {
      schema: { tags, summary: 'A prescription as a PDF, with its number and verification QR code', params: DocumentParams },
      config: signedIn,
    },
    async (request, reply) => sendPdf(reply, await prescriptionPdf(deps, actorOf(request), request.params.documentId)),
  );

  api.get(
    '/api/v1/records/sick-leaves/:documentId/pdf',
    {
      schema: { tags, summary: 'A sick-leave notice as a PDF, every field of the official form', params: DocumentParams },
      config: signedIn,
    },
    async (request, reply) => sendPdf(reply, await sickLeavePdf(deps, actorOf(request), request.params.documentId)),
  );

  api.get(
    '/api/v1/records/files/:fileId',
    {
      schema: { tags, summary: 'A file shared in a call (an image or a PDF), from the patient’s documents', params: FileParams },
      config: signedIn,
    },
    async (request, reply) => sendFile(reply, await recordFile(deps, actorOf(request), request.params.fileId)),
  );

  api.get(
    '/api/v1/patients/:patientId/documents',
    {
      schema: {
        tags,
        summary: 'A patient’s documents: signed reports, prescriptions, sick-leave notices',
        params: PatientParams,
        response: { 200: z.array(PatientDocument) },
      },
      config: signedIn,
    },
    async (request) => patientDocuments(deps, actorOf(request), request.params.patientId),
  );

  api.get(
    '/api/v1/records/inbox',
    {
      schema: { tags, summary: 'The professional’s secure inbox, newest first', response: { 200: z.array(Message) } },
      config: professional,
    },
    async (request) => inbox(deps, actorOf(request)),
  );

  api.get(
    '/api/v1/records/messages/:messageId',
    {
      schema: {
        tags,
        summary: 'Opens a message of the inbox with its report; the first opening is the read receipt',
        params: MessageParams,
        response: { 200: MessageDetail },
      },
      config: professional,
    },
    async (request) => openMessage(deps, actorOf(request), request.params.messageId, languageOf(request)),
  );

  api.get(
    '/api/v1/verify/:number',
    {
      schema: {
        tags,
        summary: 'Public: is this prescription or notice number ours, and is it issued, dispensed or cancelled? No health data',
        params: VerifyParams,
        response: { 200: Verification },
      },
      // Public and guessable by brute force only: at most 30 checks a minute from one address.
      config: { policy: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request) => verifyDocument(deps, request.params.number),
  );
}
