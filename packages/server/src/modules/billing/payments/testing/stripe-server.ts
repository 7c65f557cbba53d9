// A stand-in for Stripe's servers, for tests: it answers the API endpoints Parcours calls (creating
// and reading a Checkout Session), serves a minimal hosted checkout page whose "Payer" button
// completes the session, redirects to its success URL and sends the webhook Stripe would send —
// `checkout.session.completed`, signed with the webhook secret as Stripe signs it. Our code under
// test talks to it through the official SDK (STRIPE_API_URL), exactly as it would to Stripe.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export interface StandInSession {
  id: string;
  object: 'checkout.session';
  mode: 'payment';
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  payment_status: 'unpaid' | 'paid';
  status: 'open' | 'complete';
  success_url: string;
  cancel_url: string;
  url: string;
  livemode: false;
  created: number;
}

export interface SentWebhook {
  eventId: string;
  payload: string;
  signature: string;
  status: number;
}

export interface StripeStandIn {
  /** `http://127.0.0.1:<port>`: the value of STRIPE_API_URL. */
  url: string;
  sessions: Map<string, StandInSession>;
  /** Every webhook sent, in order, with our server's answer. */
  webhooks: SentWebhook[];
  /** Where webhooks go (the server's route), when known only after start. */
  setWebhookUrl(url: string): void;
  /** Completes a session as the hosted page's button does, without a browser: the webhook's answer. */
  pay(sessionId: string): Promise<SentWebhook>;
  /** Sends a webhook's exact bytes and signature again, as Stripe retries: the server's answer status. */
  replay(webhook: SentWebhook): Promise<number>;
  close(): Promise<void>;
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;

/** Stripe's form encoding (`line_items[0][price_data][unit_amount]=2500`) into nested objects. */
function parseForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.split(/\[|\]\[|\]/).filter(Boolean);
    let node = root as Record<string, unknown>;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Record<string, unknown>;
    });
  }
  return root;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startStripeStandIn(options: {
  secretKey: string;
  webhookSecret: string;
  webhookUrl?: string;
}): Promise<StripeStandIn> {
  const signer = new Stripe(options.secretKey);
  const sessions = new Map<string, StandInSession>();
  const webhooks: SentWebhook[] = [];
  let webhookUrl = options.webhookUrl;
  let base = '';

  const send = async (eventId: string, payload: string, signature: string): Promise<number> => {
    if (!webhookUrl) throw new Error('the Stripe stand-in has no webhook URL');
    const reply = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      body: payload,
    });
    await reply.arrayBuffer();
    return reply.status;
  };

  const pay = async (sessionId: string): Promise<SentWebhook> => {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`no session ${sessionId}`);
    session.status = 'complete';
    session.payment_status = 'paid';
    const eventId = id('evt');
    const payload = JSON.stringify({
      id: eventId,
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: Math.floor(Date.now() / 1000),
      type: 'checkout.session.completed',
      data: { object: session },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    });
    const signature = signer.webhooks.generateTestHeaderString({ payload, secret: options.webhookSecret });
    const webhook = { eventId, payload, signature, status: await send(eventId, payload, signature) };
    webhooks.push(webhook);
    return webhook;
  };

  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', base);
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') });
      response.end(JSON.stringify(value));
    };
    try {
      if (url.pathname.startsWith('/v1/')) {
        if (request.headers.authorization !== `Bearer ${options.secretKey}`) {
          return json(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
        }
        if (request.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
          const form = parseForm(body) as {
            mode?: string;
            line_items?: Record<string, { quantity?: string; price_data?: { currency?: string; unit_amount?: string } }>;
            client_reference_id?: string;
            metadata?: Record<string, string>;
            success_url?: string;
            cancel_url?: string;
          };
          const items = Object.values(form.line_items ?? {});
          const amount = items.reduce((sum, item) => sum + Number(item.price_data?.unit_amount ?? 0) * Number(item.quantity ?? 1), 0);
          if (form.mode !== 'payment' || !form.success_url || !form.cancel_url || !(amount > 0)) {
            return json(400, { error: { type: 'invalid_request_error', message: 'Missing required param' } });
          }
          const session: StandInSession = {
            id: id('cs'),
            object: 'checkout.session',
            mode: 'payment',
            amount_total: amount,
            currency: items[0]?.price_data?.currency ?? 'eur',
            client_reference_id: form.client_reference_id ?? null,
            metadata: form.metadata ?? {},
            payment_status: 'unpaid',
            status: 'open',
            success_url: form.success_url,
            cancel_url: form.cancel_url,
            url: '',
            livemode: false,
            created: Math.floor(Date.now() / 1000),
          };
          session.url = `${base}/c/pay/${session.id}`;
          sessions.set(session.id, session);
          return json(200, session);
        }
        const known = /^\/v1\/checkout\/sessions\/([\w]+)$/.exec(url.pathname);
        if (request.method === 'GET' && known && sessions.has(known[1]!)) return json(200, sessions.get(known[1]!));
        return json(404, { error: { type: 'invalid_request_error', message: 'Unrecognized request URL' } });
      }
      const page = /^\/c\/pay\/([\w]+)$/.exec(url.pathname);
      const session = page ? sessions.get(page[1]!) : undefined;
      if (!session) {
        response.writeHead(404, { 'content-type': 'text/plain' });
        return response.end('Not found');
      }
      if (request.method === 'GET') {
        const amount = (session.amount_total / 100).toFixed(2).replace('.', ',');
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return response.end(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Paiement (Stripe de test)</title></head><body><main><h1>Paiement sécurisé</h1>
<p>Montant : <strong>${amount} €</strong></p><p>${escape(session.client_reference_id ?? '')}</p>
<form method="post"><button type="submit">Payer</button></form>
<p><a href="${escape(session.cancel_url)}">Annuler</a></p></main></body></html>`);
      }
      if (request.method === 'POST') {
        if (session.status !== 'complete') await pay(session.id);
        response.writeHead(303, { location: session.success_url.replace('{CHECKOUT_SESSION_ID}', session.id) });
        return response.end();
      }
      response.writeHead(405);
      response.end();
    } catch (error) {
      json(500, { error: { type: 'api_error', message: error instanceof Error ? error.message : String(error) } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    sessions,
    webhooks,
    setWebhookUrl: (url) => {
      webhookUrl = url;
    },
    pay,
    replay: (webhook) => send(webhook.eventId, webhook.payload, webhook.signature),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
