import { decodePDFRawStream, PDFDocument, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../demo.js';
import { ApiClient } from '../../platform/testing/client.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import { startTestServer } from '../../platform/testing/server.js';
import type { RunningServer } from '../../server.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../accounts/index.js';
import { serviceDeps } from '../../platform/context.js';
import { everyTable, videoAppointmentSoon } from '../testing.js';
import { recordActBilling } from './service.js';
import { startStripeStandIn, type StripeStandIn } from './payments/testing/stripe-server.js';

interface Record {
  id: string;
  appointmentId: string;
  patient: { id: string; name: string };
  outcome: string;
  billing: {
    decision: {
      billable: boolean;
      code: string | null;
      fee: number | null;
      amoAmount: number;
      participationForfaitaire: number;
      ticketModerateur: number;
      tiersPayant: string;
      reasons: string[];
    };
    share: { charged: number | null; amo: number; supplementary: number; outOfPocket: number | null; advance: number | null };
  };
  assumed: string[];
  amountDue: number;
  paid: number;
  balance: number;
  status: string;
  payments: { means: string; amount: number; reference: string | null }[];
  onlinePayment: boolean;
  date: string;
}
interface Problem {
  type: string;
  errors?: { field: string; code: string }[];
}

const SECRET_KEY = 'sk_test_parcours_stand_in';
const WEBHOOK_SECRET = 'whsec_parcours_stand_in_secret';
const WEBHOOK = '/api/v1/billing/stripe/webhook';
const MARTIN = 'dr.martin@demo.parcours.fr';

const WIN_ANSI_EXTRA: { [byte: number]: string } = { 0x80: '€', 0x92: '’', 0x96: '–', 0x97: '—' };
/** The text a PDF shows: its content streams inflated, the hex strings of the standard fonts decoded (WinAnsi). */
async function pdfText(bytes: Uint8Array): Promise<{ text: string; title: string | undefined }> {
  const pdf = await PDFDocument.load(bytes);
  let text = '';
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream) || object.dict.toString().includes('/Type')) continue;
    const content = Buffer.from(decodePDFRawStream(object).decode()).toString('latin1');
    for (const [, hex] of content.matchAll(/<([0-9A-Fa-f]*)> Tj/g))
      text += [...Buffer.from(hex!, 'hex')].map((b) => WIN_ANSI_EXTRA[b] ?? String.fromCharCode(b)).join('') + '\n';
  }
  return { text, title: pdf.getTitle() };
}

describeEachDatabase(
  'billing: the record made when an act ends, its payment by cheque, transfer or card online, the fee note',
  (database) => {
    let server: RunningServer;
    let stripe: StripeStandIn;
    let camille: ApiClient, jean: ApiClient, martin: ApiClient, benali: ApiClient;
    let camilleId: string;
    const record = (appointmentId: string) => `/api/v1/appointments/${appointmentId}/billing-record`;
    const rows = async (table: 'billing_records' | 'billing_payments' | 'billing_provider_events') =>
      Number(
        (
          await everyTable(database().db)
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    /** A video act of `patient` with Dr Martin, through the waiting room to its end. */
    async function endedAct(patient: ApiClient, email: string, outcome: 'completed' | 'reoriented' | 'interrupted'): Promise<string> {
      const { appointmentId } = await videoAppointmentSoon(database().db, { patient: email, practitioner: MARTIN, startsInMinutes: -5 });
      const visit = `/api/v1/appointments/${appointmentId}/teleconsultation`;
      expect((await patient.post(`${visit}/check-in`)).status).toBe(200);
      expect((await martin.post(`${visit}/admit`)).status).toBe(200);
      expect((await martin.post(`${visit}/end`, { outcome })).status).toBe(200);
      return appointmentId;
    }

    async function download(client: ApiClient, path: string) {
      const res = await fetch(server.url + path, { headers: { cookie: client.cookie ?? '' } });
      return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
    }

    beforeAll(async () => {
      await seedDemo(database().db);
      stripe = await startStripeStandIn({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET });
      server = await startTestServer(database(), {
        STRIPE_SECRET_KEY: SECRET_KEY,
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STRIPE_API_URL: stripe.url,
      });
      stripe.setWebhookUrl(server.url + WEBHOOK);
      [camille, jean, martin, benali] = [0, 1, 2, 3].map(() => new ApiClient(server.url)) as [ApiClient, ApiClient, ApiClient, ApiClient];
      await camille.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD);
      await jean.login('jean.moreau@demo.parcours.fr', DEMO_PASSWORD);
      await martin.login(MARTIN, DEMO_PASSWORD, DEMO_TOTP_SECRET);
      await benali.login('dr.benali@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET);
      camilleId = (
        await everyTable(database().db).selectFrom('patients').select('id').where('first_names', '=', 'Camille').executeTakeFirstOrThrow()
      ).id;
      // Camille has a mutuelle: it pays the ticket modérateur.
      expect(
        (await camille.put(`/api/v1/patients/${camilleId}/insurance`, { treatingDoctor: 'declared', ald: false, cover: 'private' })).status,
      ).toBe(204);
    });
    afterAll(async () => {
      await server?.app.close();
      await stripe?.close();
    });

    let paidOnline: string;

    interface Assisted {
      billing: { request: { modality: string } };
      assistant: { profession: string; code: string | null; fee: number | null } | null;
    }

    it('records the completed act when it ends, from the rules: TCG 25 €, 15.50 € by the AMO, 2 € of participation forfaitaire; ending again makes nothing', async () => {
      const before = await rows('billing_records');
      const appointmentId = await endedAct(camille, 'camille.petit@demo.parcours.fr', 'completed');
      paidOnline = appointmentId;
      expect(await rows('billing_records')).toBe(before + 1);
      const seen = await camille.get<Record>(record(appointmentId));
      expect(seen.status).toBe(200);
      expect(seen.body.billing.decision).toMatchObject({
        billable: true,
        code: 'TCG',
        fee: 25,
        amoAmount: 15.5,
        participationForfaitaire: 2,
        ticketModerateur: 7.5,
        tiersPayant: 'optional',
      });
      expect(seen.body.billing.decision.reasons).toContain('referred-by-treating-doctor');
      expect(seen.body.billing.share).toMatchObject({ charged: 25, amo: 15.5, supplementary: 7.5, outOfPocket: 2, advance: 25 });
      expect(seen.body).toMatchObject({ outcome: 'completed', amountDue: 25, paid: 0, balance: 25, status: 'unpaid', onlinePayment: true });
      // Nobody stated who referred Camille: the record says the contract's default was taken.
      expect(seen.body.assumed).toEqual(['treatingDoctor']);
      // Her doctor sees the same record; ending the act again is refused and makes no second record.
      expect((await martin.get<Record>(record(appointmentId))).body.id).toBe(seen.body.id);
      expect((await martin.post(`/api/v1/appointments/${appointmentId}/teleconsultation/end`, { outcome: 'completed' })).status).toBe(409);
      expect(await rows('billing_records')).toBe(before + 1);
    });

    it('records a reoriented act unbilled, with the reason, and asks nothing of the patient', async () => {
      const appointmentId = await endedAct(jean, 'jean.moreau@demo.parcours.fr', 'reoriented');
      const seen = await jean.get<Record>(record(appointmentId));
      expect(seen.body).toMatchObject({ outcome: 'reoriented', amountDue: 0, status: 'not-billed', onlinePayment: false });
      expect(seen.body.billing.decision).toMatchObject({ billable: false, code: null });
      expect(seen.body.billing.decision.reasons).toContain('act-not-completed');
      const checkout = await jean.post<Problem>(`/api/v1/appointments/${appointmentId}/checkout`);
      expect(checkout.status).toBe(409);
      expect(checkout.body.type).toBe('urn:parcours:problem:nothing-to-pay');
    });

    it('bills an act gone on in audio alone as by telephone', async () => {
      const { appointmentId } = await videoAppointmentSoon(database().db, {
        patient: 'jean.moreau@demo.parcours.fr',
        practitioner: MARTIN,
        startsInMinutes: -5,
      });
      const visit = `/api/v1/appointments/${appointmentId}/teleconsultation`;
      expect((await jean.post(`${visit}/check-in`)).status).toBe(200);
      expect((await martin.post(`${visit}/admit`)).status).toBe(200);
      // The call went on in audio alone (teleconsultation records it on the visit).
      await everyTable(database().db)
        .updateTable('teleconsultation_visits')
        .set({ audio_only_at: new Date(), audio_only_reason: 'camera-failed' })
        .where('appointment_id', '=', appointmentId)
        .execute();
      expect((await martin.post(`${visit}/end`, { outcome: 'completed' })).status).toBe(200);
      expect((await jean.get<Assisted>(record(appointmentId))).body.billing.request.modality).toBe('phone');
    });

    it('adds the act of the nurse who assisted the call, as teleconsultation recorded her, when the act ends', async () => {
      const { appointmentId, patientId, practitionerId } = await videoAppointmentSoon(database().db, {
        patient: 'jean.moreau@demo.parcours.fr',
        practitioner: MARTIN,
        startsInMinutes: -5,
      });
      const visit = `/api/v1/appointments/${appointmentId}/teleconsultation`;
      expect((await jean.post(`${visit}/check-in`)).status).toBe(200);
      expect((await martin.post(`${visit}/admit`)).status).toBe(200);
      // A nurse joined by her link, during planned care (teleconsultation's table, as its invitation flow leaves it).
      const now = Date.now();
      await everyTable(database().db)
        .insertInto('teleconsultation_assistants')
        .values({
          appointment_id: appointmentId,
          patient_id: patientId,
          invited_by_account_id: practitionerId,
          invited_as: 'practitioner',
          kind: 'professional',
          token_hash: 'a'.repeat(64),
          expires_at: new Date(now + 3_600_000),
          redeemed_at: new Date(now),
          name: 'Inès Infirmière',
          profession: 'nurse',
          rpps: null,
          place: 'home',
          setting: 'planned-care',
          information_version: '2026-01',
          credential_hash: 'b'.repeat(64),
        })
        .execute();
      expect((await martin.post(`${visit}/end`, { outcome: 'completed' })).status).toBe(200);
      const seen = await martin.get<Assisted>(record(appointmentId));
      expect(seen.body.assistant).toMatchObject({ profession: 'nurse', code: 'TLS' });
    });

    it('adds the assisting professional’s act: TLD for a nurse on a home visit, TLM for a pharmacist; recording twice makes one record', async () => {
      const db = everyTable(database().db);
      const martinId = (await db.selectFrom('accounts').select('id').where('email', '=', MARTIN).executeTakeFirstOrThrow()).id;
      const actor = { accountId: martinId, sessionId: 'test', memberships: [], patientIds: [], isProfessional: true, address: '127.0.0.1' };
      const deps = serviceDeps(server.ctx);
      const assisted = async (assistant: { profession: string; setting?: string }) => {
        const { appointmentId, patientId, practitionerId } = await videoAppointmentSoon(database().db, {
          patient: 'jean.moreau@demo.parcours.fr',
          practitioner: MARTIN,
          startsInMinutes: -30,
        });
        const organisationId = (
          await db.selectFrom('appointments').select('organisation_id').where('id', '=', appointmentId).executeTakeFirstOrThrow()
        ).organisation_id;
        const act = {
          appointmentId,
          patientId,
          practitionerAccountId: practitionerId,
          organisationId,
          modality: 'video',
          startsAt: new Date(),
        };
        await recordActBilling(deps, actor, { ...act, outcome: 'completed', assistant });
        await recordActBilling(deps, actor, { ...act, outcome: 'reoriented' });
        const rows = await db.selectFrom('billing_records').select('outcome').where('appointment_id', '=', appointmentId).execute();
        expect(rows).toEqual([{ outcome: 'completed' }]);
        return (await jean.get<Assisted>(record(appointmentId))).body.assistant;
      };
      const nurse = await assisted({ profession: 'nurse', setting: 'home-visit' });
      expect(nurse).toMatchObject({ profession: 'nurse', code: 'TLD' });
      expect(nurse!.fee).toBeGreaterThan(0);
      expect(await assisted({ profession: 'pharmacist' })).toMatchObject({ profession: 'pharmacist', code: 'TLM' });
      // A relative or an interpreter bills nothing.
      expect(await assisted({ profession: 'other' })).toBeNull();
    });

    it('the patient pays online through Stripe Checkout; the signed webhook marks the act paid, and a replay changes nothing', async () => {
      const checkout = await camille.post<{ url: string }>(`/api/v1/appointments/${paidOnline}/checkout`);
      expect(checkout.status).toBe(201);
      const session = [...stripe.sessions.values()].find((s) => checkout.body.url.endsWith(s.id))!;
      const { id: recordId } = (await camille.get<Record>(record(paidOnline))).body;
      expect(session).toMatchObject({ amount_total: 2500, currency: 'eur', client_reference_id: recordId, payment_status: 'unpaid' });
      expect(session.success_url).toContain(`/mes-paiements?paye=${paidOnline}`);

      const webhook = await stripe.pay(session.id);
      expect(webhook.status).toBe(200);
      const paid = await camille.get<Record>(record(paidOnline));
      expect(paid.body).toMatchObject({ status: 'paid', paid: 25, balance: 0, onlinePayment: false });
      expect(paid.body.payments).toEqual([expect.objectContaining({ means: 'card', amount: 25 })]);

      const [payments, events] = [await rows('billing_payments'), await rows('billing_provider_events')];
      // Stripe retries the same event: answered, nothing changes.
      expect(await stripe.replay(webhook)).toBe(200);
      // A second event for the same session (another delivery path): still one payment.
      expect((await stripe.pay(session.id)).status).toBe(200);
      expect(await rows('billing_payments')).toBe(payments);
      expect(await rows('billing_provider_events')).toBe(events + 1);
      expect((await camille.get<Record>(record(paidOnline))).body.payments).toHaveLength(1);
      // Nothing is left to pay: no second checkout.
      expect((await camille.post(`/api/v1/appointments/${paidOnline}/checkout`)).status).toBe(409);
    });

    it('refuses a webhook whose signature does not hold (400), changing nothing', async () => {
      const [payments, events] = [await rows('billing_payments'), await rows('billing_provider_events')];
      const genuine = stripe.webhooks[0]!;
      const forged = genuine.payload.replace('"amount_total":2500', '"amount_total":1');
      for (const [body, signature] of [
        [forged, genuine.signature],
        [genuine.payload, undefined],
        [genuine.payload, 't=1,v1=00'],
        ['not json', genuine.signature],
      ] as const) {
        const res = await fetch(server.url + WEBHOOK, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) },
          body,
        });
        expect(res.status).toBe(400);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(((await res.json()) as Problem).type).toBe('urn:parcours:problem:invalid-signature');
      }
      expect(await rows('billing_payments')).toBe(payments);
      expect(await rows('billing_provider_events')).toBe(events);
    });

    it('a patient never sees, pays or downloads another patient’s act; another practitioner neither', async () => {
      for (const client of [jean, benali]) {
        expect((await client.get(record(paidOnline))).status).toBe(404);
        expect((await client.post(`/api/v1/appointments/${paidOnline}/checkout`)).status).toBe(404);
        expect((await download(client, `/api/v1/appointments/${paidOnline}/fee-note`)).status).toBe(404);
      }
      expect((await jean.get(`/api/v1/patients/${camilleId}/billing-records`)).status).toBe(404);
      expect((await camille.post(`/api/v1/appointments/${paidOnline}/payments`, { means: 'cheque', amount: 1 })).status).toBe(403);
      const own = await camille.get<Record[]>(`/api/v1/patients/${camilleId}/billing-records`);
      expect(own.body.map((r) => r.appointmentId)).toContain(paidOnline);
    });

    it('the practitioner records a cheque then a transfer, never more than is left to pay', async () => {
      const appointmentId = await endedAct(camille, 'camille.petit@demo.parcours.fr', 'completed');
      const payments = `/api/v1/appointments/${appointmentId}/payments`;
      const cheque = await martin.post<Record>(payments, { means: 'cheque', amount: 10, reference: 'Chèque n° 4821' });
      expect(cheque.status).toBe(201);
      expect(cheque.body).toMatchObject({ status: 'partly-paid', paid: 10, balance: 15 });
      const tooMuch = await martin.post<Problem>(payments, { means: 'transfer', amount: 20 });
      expect(tooMuch.status).toBe(400);
      expect(tooMuch.body.errors).toEqual([expect.objectContaining({ field: 'amount', code: 'above-balance' })]);
      const bad = await martin.post<Problem>(payments, { means: 'cash', amount: -1, colour: 'blue' });
      expect(bad.body.errors!.map((e) => e.field).sort()).toEqual(['amount', 'colour', 'means']);
      const transfer = await martin.post<Record>(payments, { means: 'transfer', amount: 15 });
      expect(transfer.body).toMatchObject({ status: 'paid', balance: 0 });
      expect(transfer.body.payments.map((p) => [p.means, p.amount, p.reference])).toEqual([
        ['cheque', 10, 'Chèque n° 4821'],
        ['transfer', 15, null],
      ]);
      expect((await martin.post<Problem>(payments, { means: 'cheque', amount: 1 })).body.type).toBe('urn:parcours:problem:nothing-to-pay');
      // Another practitioner does not record payments of Dr Martin's acts.
      expect((await benali.post(payments, { means: 'cheque', amount: 1 })).status).toBe(404);
    });

    it('gives a fee note that opens, with the practitioner, the RPPS, the patient, the date, the act, the amount and how it was paid', async () => {
      const pdf = await download(camille, `/api/v1/appointments/${paidOnline}/fee-note`);
      expect(pdf.status).toBe(200);
      expect(pdf.type).toBe('application/pdf');
      const { text, title } = await pdfText(pdf.bytes);
      expect(title).toBe('Note d’honoraires');
      const rpps = (
        await everyTable(database().db)
          .selectFrom('practitioners')
          .innerJoin('accounts', 'accounts.id', 'practitioners.account_id')
          .select('rpps')
          .where('email', '=', MARTIN)
          .executeTakeFirstOrThrow()
      ).rpps;
      const { date } = (await camille.get<Record>(record(paidOnline))).body;
      for (const expected of [
        'Dr Claire Martin',
        `RPPS ${rpps}`,
        'Patient : Camille PETIT',
        date.split('-').reverse().join('/'),
        'TCG — téléconsultation du médecin généraliste',
        'Honoraires',
        '25,00 €',
        '15,50 €',
        '25,00 € par carte bancaire en ligne',
        'Reste à payer',
        '0,00 €',
      ])
        expect(text).toContain(expected);
    });

    it('lists the practitioner’s acts per organisation and month, paid and unpaid, and exports them as CSV', async () => {
      const { date } = (await camille.get<Record>(record(paidOnline))).body;
      const month = date.slice(0, 7);
      const list = await martin.get<{
        acts: Record[];
        totals: { acts: number; paid: number; balance: number };
        organisations: { id: string }[];
      }>(`/api/v1/billing/acts?month=${month}`);
      expect(list.status).toBe(200);
      expect(list.body.acts.length).toBeGreaterThanOrEqual(3);
      expect(list.body.acts.find((a) => a.appointmentId === paidOnline)).toMatchObject({ status: 'paid', paid: 25 });
      expect(list.body.totals.acts).toBe(list.body.acts.length);
      const organisationId = list.body.organisations[0]!.id;
      const unpaid = await martin.get<{ acts: Record[] }>(
        `/api/v1/billing/acts?month=${month}&organisationId=${organisationId}&status=unpaid`,
      );
      expect(unpaid.body.acts.every((a) => a.balance > 0)).toBe(true);
      expect((await martin.get<{ acts: Record[] }>('/api/v1/billing/acts?month=1999-01')).body.acts).toEqual([]);
      expect((await martin.get('/api/v1/billing/acts?month=2026-13')).status).toBe(400);
      expect((await martin.get(`/api/v1/billing/acts?organisationId=${crypto.randomUUID()}`)).status).toBe(404);
      // Benali's list holds none of Dr Martin's acts; a patient has no list.
      const benalis = (await benali.get<{ acts: Record[] }>('/api/v1/billing/acts')).body.acts;
      expect(benalis.filter((a) => list.body.acts.some((m) => m.id === a.id))).toEqual([]);
      // The demo's act of Dr Benali with Jean, left to pay, is his.
      expect(benalis.map((a) => [a.patient.name, a.status])).toContainEqual(['Jean MOREAU', 'unpaid']);
      expect((await camille.get('/api/v1/billing/acts')).status).toBe(403);

      const csv = await download(martin, `/api/v1/billing/acts?month=${month}&format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.type).toBe('text/csv; charset=utf-8');
      const lines = Buffer.from(csv.bytes).toString('utf8').trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'date,heure,organisation,patient,issue,code,honoraires,part AMO,participation forfaitaire,ticket modérateur,tiers payant,dû par le patient,payé,reste,statut,moyens de paiement',
      );
      expect(lines).toHaveLength(list.body.acts.length + 1);
      expect(
        lines.some(
          (l) => l.includes('Camille PETIT') && l.endsWith(',TCG,25.00,15.50,2.00,7.50,facultatif,25.00,25.00,0.00,payé,carte en ligne'),
        ),
      ).toBe(true);
      expect(lines.some((l) => l.includes('Jean MOREAU') && l.includes(',réorienté,') && l.includes(',non facturé,'))).toBe(true);
    });

    it('without Stripe configured, offers no online payment, but cheque and transfer still work', async () => {
      const plain = await startTestServer(database());
      try {
        const patient = new ApiClient(plain.url);
        await patient.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD);
        const appointmentId = (await patient.get<Record[]>(`/api/v1/patients/${camilleId}/billing-records`)).body.find(
          (r) => r.balance > 0 || r.status === 'unpaid',
        )?.appointmentId;
        const fresh = appointmentId ?? (await endedAct(camille, 'camille.petit@demo.parcours.fr', 'completed'));
        expect((await patient.get<Record>(record(fresh))).body.onlinePayment).toBe(false);
        const refused = await patient.post<Problem>(`/api/v1/appointments/${fresh}/checkout`);
        expect(refused.status).toBe(409);
        expect(refused.body.type).toBe('urn:parcours:problem:online-payment-unavailable');
        const genuine = stripe.webhooks[0]!;
        const res = await fetch(plain.url + WEBHOOK, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': genuine.signature },
          body: genuine.payload,
        });
        expect(res.status).toBe(404);
      } finally {
        await plain.app.close();
      }
    });
  },
);
