// Online payment behind one interface: the billing module opens a hosted checkout for an act's
// amount and learns from the provider's signed notification that it was paid. Stripe is the one
// implementation (stripe.ts); another provider is another file, not another code path.

/** What to ask the patient to pay online, and where the provider sends them back. */
export interface CheckoutRequest {
  /** Ours, echoed back by the notification (the billing record's id). */
  reference: string;
  amountCents: number;
  currency: 'eur';
  /** What the hosted page shows: the act, never a diagnosis. */
  description: string;
  successUrl: string;
  cancelUrl: string;
  customerEmail?: string;
}

export interface Checkout {
  sessionId: string;
  /** The provider's hosted page the patient is sent to. */
  url: string;
}

/** A provider's notification, once its signature is verified. */
export type PaymentNotification =
  | { eventId: string; type: 'checkout-paid'; sessionId: string; reference: string | null; amountCents: number; currency: string }
  | { eventId: string; type: 'other'; providerType: string };

/** The notification's signature does not verify (forged, altered, or signed with another secret): answered 400. */
export class InvalidSignatureError extends Error {
  constructor() {
    super('Invalid payment notification signature');
    this.name = 'InvalidSignatureError';
  }
}

export interface PaymentProvider {
  readonly name: 'stripe';
  openCheckout(request: CheckoutRequest): Promise<Checkout>;
  /** Verifies the signature over the exact bytes received; throws InvalidSignatureError when it does not hold. */
  verifyNotification(rawBody: Buffer, signature: string | undefined): PaymentNotification;
}
