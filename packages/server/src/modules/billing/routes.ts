import type { ServiceDeps } from '../../platform/context.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/hook.js';
import { PatientParams } from '../patients/service.js';
import { readInsurance, updateInsurance } from './insurance.js';
import { languageOf } from '../../platform/http/language.js';
import { patientActs, readActBilling } from './acts.js';
import { feeNotePdf } from './fee-note.js';
import { actsCsv, practitionerActs } from './ledger.js';
import type { PaymentProvider } from './payments/provider.js';
import { receiveNotification, recordManualPayment, startCheckout } from './payments.js';
import {
  ActsQuery,
  ActsReply,
  AppointmentParams,
  BillingBody,
  BillingRecord,
  BillingRecords,
  CheckoutReply,
  EstimateBody,
  Insurance,
  ManualPaymentBody,
  TeleconsultationBilling,
} from './schemas.js';
import { decideTeleconsultationBilling, estimateTeleconsultation } from './service.js';

const tags = ['billing'];
/** The provider's notifications are small JSON documents; nothing larger is read. */
const NOTIFICATION_MAX_BYTES = 256 * 1024;

export interface BillingRouteDeps extends ServiceDeps {
  provider: PaymentProvider | undefined;
  publicUrl: string;
}

export function registerBillingRoutes(app: FastifyInstance, deps: BillingRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const online = deps.provider !== undefined;

  api.get(
    '/api/v1/patients/:patientId/insurance',
    {
      schema: {
        tags: ['patients'],
        summary: 'The patient’s insurance situation: treating doctor declared, ALD, supplementary cover',
        params: PatientParams,
        response: { 200: Insurance },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => readInsurance(deps, actorOf(request), request.params.patientId),
  );

  api.put(
    '/api/v1/patients/:patientId/insurance',
    {
      schema: {
        tags: ['patients'],
        summary: 'The patient (or parent) states their insurance situation',
        params: PatientParams,
        body: Insurance,
        response: { 204: z.null() },
      },
      config: { policy: 'signed-in' },
    },
    async (request, reply) => {
      await updateInsurance(deps, actorOf(request), request.params.patientId, request.body);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/api/v1/patients/:patientId/teleconsultation-estimate',
    {
      schema: {
        tags,
        summary: 'Before booking: will the teleconsultation be reimbursed, and what will the patient pay, and why',
        description: 'Nothing is stored but the audit entry: the patient’s age and insurance situation are read from the record.',
        params: PatientParams,
        body: EstimateBody,
        response: { 200: TeleconsultationBilling },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => estimateTeleconsultation(deps, actorOf(request), request.params.patientId, request.body, languageOf(request)),
  );

  api.post(
    '/api/v1/patients/:patientId/teleconsultation-billing',
    {
      schema: {
        tags,
        summary: 'At the end of a teleconsultation: the practitioner’s billing decision (code, fee, tiers payant, what to collect)',
        description: 'The practitioner’s profession, specialty and sector come from their profile; a care relationship is required.',
        params: PatientParams,
        body: BillingBody,
        response: { 200: TeleconsultationBilling },
      },
      config: { policy: 'professional' },
    },
    async (request) => decideTeleconsultationBilling(deps, actorOf(request), request.params.patientId, request.body, languageOf(request)),
  );

  api.get(
    '/api/v1/appointments/:appointmentId/billing-record',
    {
      schema: {
        tags,
        summary: 'The billing record of an ended act: code, fee, shares, reasons, what is due and what was paid',
        description: 'For the patient (or parent) and the practitioner who billed it; anyone else: 404.',
        params: AppointmentParams,
        response: { 200: BillingRecord },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => readActBilling(deps, actorOf(request), request.params.appointmentId, online),
  );

  api.get(
    '/api/v1/patients/:patientId/billing-records',
    {
      schema: {
        tags,
        summary: 'A patient’s billed acts and what is left to pay',
        description: 'All of them for the patient (or parent); a professional in the care relationship sees the acts they billed.',
        params: PatientParams,
        response: { 200: BillingRecords },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => patientActs(deps, actorOf(request), request.params.patientId, online),
  );

  api.post(
    '/api/v1/appointments/:appointmentId/payments',
    {
      schema: {
        tags,
        summary: 'The practitioner records a payment by cheque or transfer, up to what is left to pay',
        params: AppointmentParams,
        body: ManualPaymentBody,
        response: { 201: BillingRecord },
      },
      config: { policy: 'professional' },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await recordManualPayment(deps, actorOf(request), request.params.appointmentId, request.body, languageOf(request))),
  );

  api.post(
    '/api/v1/appointments/:appointmentId/checkout',
    {
      schema: {
        tags,
        summary: 'The patient pays what is left online: a checkout session with the payment provider, whose page to go to',
        description: 'Only when a payment provider is configured (409 online-payment-unavailable otherwise).',
        params: AppointmentParams,
        response: { 201: CheckoutReply },
      },
      config: { policy: 'signed-in' },
    },
    async (request, reply) => reply.code(201).send(await startCheckout(deps, actorOf(request), request.params.appointmentId)),
  );

  api.get(
    '/api/v1/appointments/:appointmentId/fee-note',
    {
      schema: { tags, summary: 'The act’s note d’honoraires (fee note) as a PDF', params: AppointmentParams },
      config: { policy: 'signed-in' },
    },
    async (request, reply) => {
      const pdf = await feeNotePdf(deps, actorOf(request), request.params.appointmentId);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${pdf.filename}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(pdf.bytes));
    },
  );

  api.get(
    '/api/v1/billing/acts',
    {
      schema: {
        tags,
        summary: 'The caller’s acts: amounts, paid and unpaid, per organisation and month; `format=csv` for the accountant',
        description: 'With `format=csv`, the same acts as RFC 4180 CSV (text/csv, one act a line) instead of JSON.',
        querystring: ActsQuery,
        response: { 200: ActsReply },
      },
      config: { policy: 'professional' },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const acts = await practitionerActs(deps, actorOf(request), query, online);
      if (format !== 'csv') return acts;
      // The CSV is sent as it is written: a string is not serialised, whatever the JSON reply's schema.
      return (reply as FastifyReply)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="actes${query.month ? `-${query.month}` : ''}.csv"`)
        .header('cache-control', 'no-store')
        .send(actsCsv(acts));
    },
  );

  // The provider's signature covers the exact bytes sent: this route alone reads its body raw.
  void app.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: NOTIFICATION_MAX_BYTES }, (_request, body, done) => done(null, body));
    raw.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/billing/stripe/webhook',
      {
        schema: {
          tags,
          summary: 'Stripe’s notifications (checkout.session.completed): the act is paid once, whatever the replays',
          description: 'Verified by its Stripe-Signature header (400 otherwise); 404 when no payment provider is configured.',
          // Read raw (its bytes are what the signature covers); the provider's event is checked after the signature.
          body: z.unknown().describe('A Stripe event, as Stripe sent it'),
          response: { 200: z.object({ received: z.literal(true), duplicate: z.boolean() }) },
        },
        config: { policy: 'public' },
      },
      async (request) => {
        const signature = request.headers['stripe-signature'];
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return receiveNotification(deps, body, typeof signature === 'string' ? signature : undefined);
      },
    );
  });
}
