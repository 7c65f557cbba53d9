// What is paid for an act: a cheque or a transfer the practitioner records, or a card payment online
// through the payment provider — a hosted checkout the patient is sent to, then the provider's signed
// notification that marks the act paid. A notification is handled once per event id; a checkout
// session pays once whatever the notifications say.
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { managesPatient } from '../../platform/auth/policy.js';
import { audited } from '../../platform/audit/audit.js';
import type { Language } from '../../platform/http/language.js';
import { problem } from '../../platform/http/problem.js';
import { views, type BillingDeps } from './acts.js';
import { InvalidSignatureError, type PaymentProvider } from './payments/provider.js';
import type { ManualPaymentBody } from './schemas.js';
import {
  checkoutBySession,
  claimProviderEvent,
  insertCheckout,
  insertPayment,
  paymentsOf,
  recordById,
  recordOfAppointment,
  type RecordRow,
} from './store.js';

export interface PaymentDeps extends BillingDeps {
  /** Undefined when no provider is configured: online payment is not offered. */
  provider: PaymentProvider | undefined;
  publicUrl: string;
}

/** Where the patient's payments page is; the provider sends them back there. */
export const PATIENT_PAYMENTS_PATH = '/mes-paiements';

const ABOVE_BALANCE = {
  fr: 'Le montant dépasse ce qui reste à payer.',
  en: 'The amount is more than what is left to pay.',
} as const;

async function balanceCents(db: Parameters<typeof paymentsOf>[0], record: RecordRow): Promise<number> {
  const paid = (await paymentsOf(db, [record.id])).reduce((sum, p) => sum + p.amount_cents, 0);
  return Math.max(0, record.due_cents - paid);
}

/** The practitioner records a cheque or a transfer for their act, up to what is left to pay. Audited. */
export async function recordManualPayment(
  deps: PaymentDeps,
  actor: Actor,
  appointmentId: string,
  body: z.infer<typeof ManualPaymentBody>,
  language: Language,
) {
  const found = await recordOfAppointment(deps.db, appointmentId);
  // Only the practitioner who billed the act records its payments; to anyone else it does not exist.
  if (!found || found.practitioner_account_id !== actor.accountId) throw problem.notFound();
  const amountCents = Math.round(body.amount * 100);
  return audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'billing.payment.record',
      resource: { type: 'PaymentReconciliation', id: found.id },
      patientId: found.patient_id,
      organisationId: found.organisation_id,
      authorize: () => 'practitioner',
    },
    async (tx) => {
      // The row lock orders concurrent payments of one act: the second sees the first's.
      const record = (await recordOfAppointment(tx, appointmentId, true))!;
      const balance = await balanceCents(tx, record);
      if (balance === 0) throw problem.conflict('nothing-to-pay');
      if (amountCents > balance) throw problem.validation([{ field: 'amount', code: 'above-balance', message: ABOVE_BALANCE[language] }]);
      await insertPayment(tx, {
        record_id: record.id,
        means: body.means,
        amount_cents: amountCents,
        reference: body.reference ?? null,
        checkout_session_id: null,
        recorded_by_account_id: actor.accountId,
      });
      return (await views(tx, [record], deps.provider !== undefined))[0]!;
    },
  );
}

/**
 * The patient (or parent) pays what is left of an act online: a checkout session with the
 * provider, for the balance; the answer is the provider's page to go to. Audited.
 */
export async function startCheckout(deps: PaymentDeps, actor: Actor, appointmentId: string): Promise<{ url: string }> {
  const record = await recordOfAppointment(deps.db, appointmentId);
  if (!record || !managesPatient(actor, record.patient_id)) throw problem.notFound();
  if (!deps.provider) throw problem.conflict('online-payment-unavailable');
  const balance = await balanceCents(deps.db, record);
  if (balance === 0) throw problem.conflict('nothing-to-pay');
  const back = `${deps.publicUrl}${PATIENT_PAYMENTS_PATH}`;
  const checkout = await deps.provider
    .openCheckout({
      reference: record.id,
      amountCents: balance,
      currency: 'eur',
      description: `Téléconsultation du ${record.act_date.split('-').reverse().join('/')}${record.code ? ` (${record.code})` : ''}`,
      successUrl: `${back}?paye=${encodeURIComponent(appointmentId)}`,
      cancelUrl: back,
    })
    .catch((error: Error) => {
      deps.logger.error({ err: { message: error.message }, appointmentId }, 'payment provider refused to open a checkout');
      throw problem.unavailable('payment-provider-unavailable');
    });
  await audited(
    deps,
    {
      actor,
      kind: 'change',
      action: 'billing.checkout',
      resource: { type: 'PaymentNotice', id: record.id },
      patientId: record.patient_id,
      organisationId: record.organisation_id,
      authorize: () => 'patient',
    },
    (tx) =>
      insertCheckout(tx, {
        session_id: checkout.sessionId,
        record_id: record.id,
        amount_cents: balance,
        opened_by_account_id: actor.accountId,
      }),
  );
  return { url: checkout.url };
}

/**
 * The provider's notification, verified over the exact bytes received. A paid checkout session of
 * ours becomes the act's card payment; any event already handled (a replay, a retry) changes nothing.
 */
export async function receiveNotification(
  deps: PaymentDeps,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<{ received: true; duplicate: boolean }> {
  if (!deps.provider) throw problem.notFound();
  let notification;
  try {
    notification = deps.provider.verifyNotification(rawBody, signature);
  } catch (error) {
    if (error instanceof InvalidSignatureError) throw problem.badRequest('invalid-signature');
    throw error;
  }
  return deps.db.transaction().execute(async (tx) => {
    if (
      !(await claimProviderEvent(tx, notification.eventId, notification.type === 'other' ? notification.providerType : 'checkout-paid'))
    ) {
      return { received: true as const, duplicate: true };
    }
    if (notification.type !== 'checkout-paid') return { received: true as const, duplicate: false };
    const checkout = await checkoutBySession(tx, notification.sessionId);
    if (!checkout || notification.currency !== 'eur' || notification.amountCents <= 0) {
      deps.logger.warn({ eventId: notification.eventId }, 'paid checkout session that is not one of ours, or not in euros: ignored');
      return { received: true as const, duplicate: false };
    }
    await recordById(tx, checkout.record_id, true);
    await insertPayment(tx, {
      record_id: checkout.record_id,
      means: 'card',
      amount_cents: notification.amountCents,
      reference: null,
      checkout_session_id: notification.sessionId,
      recorded_by_account_id: null,
    });
    return { received: true as const, duplicate: false };
  });
}
