import Stripe from 'stripe';
import type { Checkout, CheckoutRequest, PaymentNotification, PaymentProvider } from './provider.js';
import { InvalidSignatureError } from './provider.js';

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** Another API base than Stripe's (a local stand-in in tests): host, port and protocol of the SDK. */
  api?: { host: string; port: number; protocol: 'http' | 'https' };
}

/** Stripe Checkout through the official SDK; the webhook's `Stripe-Signature` checked by `constructEvent`. */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  private readonly stripe: Stripe;

  constructor(private readonly settings: StripeSettings) {
    this.stripe = new Stripe(settings.secretKey, {
      maxNetworkRetries: 1,
      timeout: 15_000,
      ...(settings.api ?? {}),
    });
  }

  async openCheckout(request: CheckoutRequest): Promise<Checkout> {
    const session = await this.stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [
        {
          quantity: 1,
          price_data: { currency: request.currency, unit_amount: request.amountCents, product_data: { name: request.description } },
        },
      ],
      client_reference_id: request.reference,
      metadata: { billingRecordId: request.reference },
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
      ...(request.customerEmail ? { customer_email: request.customerEmail } : {}),
    });
    if (!session.url) throw new Error('Stripe answered a checkout session without a URL');
    return { sessionId: session.id, url: session.url };
  }

  verifyNotification(rawBody: Buffer, signature: string | undefined): PaymentNotification {
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature ?? '', this.settings.webhookSecret);
    } catch {
      throw new InvalidSignatureError();
    }
    if (event.type === 'checkout.session.completed' || event.type === 'checkout.session.async_payment_succeeded') {
      const session = event.data.object;
      // A delayed means (a bank debit) completes the session unpaid: it is paid when async_payment_succeeded comes.
      if (session.payment_status === 'paid') {
        return {
          eventId: event.id,
          type: 'checkout-paid',
          sessionId: session.id,
          reference: session.client_reference_id ?? null,
          amountCents: session.amount_total ?? 0,
          currency: session.currency ?? '',
        };
      }
    }
    return { eventId: event.id, type: 'other', providerType: event.type };
  }
}
