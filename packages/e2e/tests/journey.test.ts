import fs from 'node:fs/promises';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { startStripeStandIn, type StripeStandIn } from '../../server/src/modules/billing/payments/testing/stripe-server.js';
import { launchChromium } from '../src/chromium.js';
import { logInWith } from '../src/demo.js';
import { bookReferredSlot } from '../src/booking.js';
import { answerMildSoreThroat } from '../src/questionnaire.js';
import { createPostgresDatabase, freePort, listening, startServer, type TestServer } from '../src/server.js';

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:test@127.0.0.1:5432/postgres';
// The booked slot is moved to "in three minutes" (no booking rule offers one so close: the clock
// jumps to the appointment), in the database beside the running server: the server runs on PostgreSQL.
const postgres = await listening(POSTGRES_URL);
const STRIPE = { secretKey: 'sk_test_parcours_journey', webhookSecret: 'whsec_parcours_journey' };

/** The video frames this page's peer connections decoded from the other side. */
function framesDecoded(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let frames = 0;
    for (const pc of (window as unknown as { connections: RTCPeerConnection[] }).connections) {
      const stats = await pc.getStats();
      stats.forEach((report: { type: string; kind?: string; framesDecoded?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded ?? 0;
      });
    }
    return frames;
  });
}

/** Before any script of the app: keeps the page's peer connections, to read their stats. */
const KEEP_CONNECTIONS = () => {
  const connections: RTCPeerConnection[] = [];
  (window as unknown as { connections: RTCPeerConnection[] }).connections = connections;
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      connections.push(this);
    }
  } as typeof RTCPeerConnection;
};

describe.skipIf(!postgres)('the whole journey in Chromium, from the questionnaire to the paid act', () => {
  let server: TestServer;
  let browser: Browser;
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let stripe: StripeStandIn;

  beforeAll(async () => {
    [database, stripe] = await Promise.all([createPostgresDatabase(), startStripeStandIn(STRIPE)]);
    // Stripe sends the patient back to the public address, the one her session cookie belongs to.
    const port = await freePort();
    const env = {
      DATABASE_URL: database.url,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      STRIPE_SECRET_KEY: STRIPE.secretKey,
      STRIPE_WEBHOOK_SECRET: STRIPE.webhookSecret,
      STRIPE_API_URL: stripe.url,
    };
    [server, browser] = await Promise.all([startServer(env, { port }), launchChromium({ media: true })]);
    stripe.setWebhookUrl(`${server.url}/api/v1/billing/stripe/webhook`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await stripe?.close();
    await database?.drop();
  });

  async function person(email: string, totp: boolean, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    await context.addInitScript(KEEP_CONNECTIONS);
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stdout.write(`${email}'s page failed: ${error.stack ?? error.message}\n`));
    await logInWith(page, server.url, email, totp);
    return page;
  }

  /** From the page's own home screen: the card of `name` among what to do next. */
  async function fromHome(page: Page, name: string | RegExp): Promise<void> {
    await page.goto(server.url + '/');
    await page.getByRole('main').getByRole('link', { name }).first().click();
  }

  async function sql<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<R[]> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query<R>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  it('questionnaire → booking → waiting room → call → signed report and prescription → documents, inbox, billing, payment, /verify', async () => {
    // Camille, on her phone, from her home: the questionnaire, then a slot with Dr Garnier, to whom
    // her treating doctor (Dr Martin, who has no slot soon enough) referred her.
    const patient = await person('camille.petit@demo.parcours.fr', false, { width: 390, height: 844 });
    // On failure, what each page showed and the server's last words, for the CI log.
    onTestFailed(async () => {
      for (const [i, context] of browser.contexts().entries())
        for (const [j, page] of context.pages().entries()) await page.screenshot({ path: `/tmp/journey-${i}-${j}.png`, fullPage: true });
      process.stdout.write(server.output().slice(-4000));
    });
    await fromHome(patient, 'Prendre rendez-vous');
    await patient.getByRole('button', { name: 'Modifier mes réponses' }).click();
    await patient.getByRole('heading', { level: 1, name: 'Avant votre téléconsultation' }).waitFor();
    await answerMildSoreThroat(patient);

    await patient.getByRole('heading', { level: 1, name: 'Prendre rendez-vous' }).waitFor();
    const booking = await bookReferredSlot(patient, 'Hélène Garnier');
    await booking.getByRole('link', { name: 'Voir ce rendez-vous' }).click();
    await patient.getByRole('heading', { level: 1, name: 'Rendez-vous' }).waitFor();
    const appointmentId = /\/rendez-vous\/([0-9a-f-]{36})/.exec(patient.url())![1]!;

    // The clock jumps to three minutes before the appointment: its waiting room opens.
    await sql(
      `update appointments set starts_at = now() + interval '3 minutes', ends_at = now() + interval '18 minutes',
          blocked_until = now() + interval '18 minutes' where id = $1`,
      [appointmentId],
    );
    await patient.reload();
    await patient.getByRole('link', { name: 'Rejoindre la salle d’attente' }).click();
    await patient.getByRole('heading', { level: 1, name: 'Salle d’attente de la téléconsultation' }).waitFor();
    await patient.getByRole('button', { name: 'Je suis arrivé·e' }).click();
    await patient.getByTestId('visit-state').getByText('Vous êtes en salle d’attente').waitFor();

    // Dr Garnier admits her from her waiting room, where the questionnaire's severity shows.
    const doctor = await person('dr.garnier@demo.parcours.fr', true);
    await fromHome(doctor, 'Salle d’attente');
    const card = doctor.locator(`[data-appointment-id="${appointmentId}"]`);
    await card.getByText('En attente').waitFor();
    await card.getByRole('button', { name: /^Faire entrer/ }).click();
    await doctor.getByRole('heading', { level: 1, name: 'Téléconsultation' }).waitFor();
    await patient.getByText('Le praticien vous attend.').waitFor();
    await patient.getByLabel('J’ai lu ces informations et je consens à la téléconsultation').check();
    await patient.getByRole('button', { name: 'Donner mon consentement' }).click();
    await patient.getByRole('link', { name: 'Entrer dans la consultation' }).click();
    await expect.poll(() => framesDecoded(patient), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => framesDecoded(doctor), { timeout: 30_000 }).toBeGreaterThan(0);

    await doctor.getByRole('radio', { name: 'Réalisée' }).check();
    await doctor.getByRole('button', { name: 'Terminer la téléconsultation' }).click();
    await patient.getByText('Le praticien a terminé la téléconsultation.').waitFor();

    // The report, from the appointment: a prescription; a 5-day sick leave refused (Dr Garnier is
    // not Camille's treating doctor: 3 days at most); signed, then sent to the treating doctor.
    await doctor.goto(`${server.url}/rendez-vous/${appointmentId}`);
    await doctor.getByRole('link', { name: 'Compte rendu de la consultation' }).click();
    await doctor.getByRole('heading', { level: 1, name: 'Compte rendu de téléconsultation' }).waitFor();
    const narrative = doctor.getByLabel('Compte rendu de l’acte');
    await narrative.fill(`${await narrative.inputValue()}\nAngine érythémateuse, test rapide négatif.`);
    await doctor.getByLabel('Actes réalisés').fill('Téléconsultation vidéo');
    await doctor.getByLabel('Incidents techniques').fill('Aucun');
    await doctor.getByLabel('Médicament (DCI, dosage, forme)').fill('Paracétamol 1 g, comprimé');
    await doctor.getByLabel('Unité').fill('comprimé');
    await doctor.getByLabel('Prises par jour').fill('3');
    await doctor.getByLabel('Quantité à délivrer').fill('1 boîte de 8 comprimés');
    await doctor.getByRole('button', { name: 'Ajouter la prescription' }).click();
    const numberText = await doctor
      .getByText(/N° OR-/)
      .first()
      .textContent();
    const number = /OR-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(numberText ?? '')![0];
    await doctor.getByLabel('Nombre de jours').fill('5');
    await doctor.getByLabel('Éléments d’ordre médical').fill('Angine fébrile');
    await doctor.getByRole('button', { name: 'Vérifier et préparer l’arrêt' }).click();
    await doctor
      .getByRole('alert')
      .getByText(/3 jours/)
      .waitFor();
    await doctor.getByRole('button', { name: 'Signer le compte rendu' }).click();
    await doctor.getByText(/^Signé le /).waitFor();
    await doctor.getByRole('checkbox', { name: /Martin/ }).check();
    await doctor.getByRole('button', { name: 'Adresser', exact: true }).click();
    await doctor.getByText(/^Adressé à .*Martin/).waitFor();

    // Camille finds both in « Mes documents », from her home, and downloads them.
    await fromHome(patient, /Mes documents/);
    await patient.getByRole('heading', { level: 1, name: 'Mes documents' }).waitFor();
    for (const title of [`Ordonnance n° ${number}`, 'Compte rendu de téléconsultation']) {
      const [download] = await Promise.all([
        patient.waitForEvent('download'),
        patient
          .getByRole('link', { name: `Télécharger : ${title}` })
          .first()
          .click(),
      ]);
      expect((await fs.readFile((await download.path())!)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }

    // Her treating doctor finds the report in her inbox.
    const treating = await person('dr.martin@demo.parcours.fr', true);
    await fromHome(treating, 'Messagerie');
    await treating.getByRole('heading', { level: 1, name: 'Messagerie sécurisée' }).waitFor();
    await treating
      .getByRole('link', { name: /Ouvrir le message de Hélène Garnier au sujet de Camille/ })
      .first()
      .click();
    await treating.getByText('Angine érythémateuse, test rapide négatif.', { exact: false }).waitFor();

    // Anyone with the printed QR code: the verification page confirms the prescription, nothing else.
    const pharmacist = await browser.newPage();
    await pharmacist.goto(`${server.url}/verify/${number}`);
    await pharmacist.getByText('Document authentique').waitFor();
    await pharmacist.getByText('Statut : émis').waitFor();
    expect(await pharmacist.locator('main').innerText()).not.toMatch(/PETIT|Paracétamol|Angine/);

    // The act's billing record, made when it ended: TCG 25 €, the Assurance Maladie's 15,50 €.
    await fromHome(doctor, 'Mes patients');
    await doctor.getByRole('link', { name: 'Facturer une téléconsultation pour PETIT Camille' }).click();
    const record = doctor.getByTestId(`record-${appointmentId}`);
    await record.getByText(/À facturer : TCG, 25,00\s€/).waitFor();
    await record.getByText(/15,50\s€/).waitFor();
    await record.getByText('À régler', { exact: true }).waitFor();

    // Camille pays it online, from her home, through Stripe's hosted page (a local stand-in).
    await fromHome(patient, /Mes paiements/);
    const act = patient.getByTestId(`act-${appointmentId}`);
    await act.getByRole('button', { name: /Payer 25,00\s€ en ligne/ }).click();
    await patient.getByRole('heading', { level: 1, name: 'Paiement sécurisé' }).waitFor();
    await patient.getByRole('button', { name: 'Payer' }).click();
    await patient.getByRole('status').getByText('Paiement reçu, merci.').waitFor();
    await act.getByText('Réglé', { exact: true }).waitFor();
    await doctor.reload();
    await record.getByText(/25,00\s€ par carte bancaire en ligne le/).waitFor();
    expect(stripe.webhooks.map((w) => w.status)).toEqual([200]);

    // Her list of acts, from her menu: this one paid, in the month's totals; none left unpaid.
    await fromHome(doctor, /Actes et règlements/);
    await doctor.getByRole('heading', { level: 1, name: 'Actes et règlements' }).waitFor();
    const row = doctor.getByRole('row').filter({ hasText: 'Camille PETIT' }).filter({ hasText: 'TCG' });
    await row.getByText('Réglé', { exact: true }).waitFor();
    await doctor
      .getByTestId('acts-totals')
      .getByText(/réglé 25,00\s€/)
      .waitFor();
    await doctor.getByLabel('Règlement').selectOption('unpaid');
    await doctor.getByText('Aucun acte pour cette sélection.').waitFor();
  }, 240_000);
});
