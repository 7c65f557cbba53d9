import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStripeStandIn, type StripeStandIn } from '../../server/src/modules/billing/payments/testing/stripe-server.js';
import { ApiClient } from '../../server/src/platform/testing/client.js';
import { videoAppointmentSoon } from '../src/appointments.js';
import { launchChromium } from '../src/chromium.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET, logInAs } from '../src/demo.js';
import { createPostgresDatabase, freePort, listening, startServer, type TestServer } from '../src/server.js';

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:test@127.0.0.1:5432/postgres';
const postgres = await listening(POSTGRES_URL);
const SECRET_KEY = 'sk_test_parcours_e2e';
const WEBHOOK_SECRET = 'whsec_parcours_e2e_secret';

describe.skipIf(!postgres)(
  'payment in Chromium: the patient pays her act online through Stripe Checkout; her doctor’s list shows it paid',
  () => {
    let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
    let stripe: StripeStandIn;
    let server: TestServer;
    let browser: Browser;

    beforeAll(async () => {
      [database, stripe] = await Promise.all([
        createPostgresDatabase(),
        startStripeStandIn({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET }),
      ]);
      // The address the provider sends the patient back to is the one her session cookie belongs to.
      const port = await freePort();
      [server, browser] = await Promise.all([
        startServer(
          {
            DATABASE_URL: database.url,
            PUBLIC_URL: `http://127.0.0.1:${port}`,
            STRIPE_SECRET_KEY: SECRET_KEY,
            STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
            STRIPE_API_URL: stripe.url,
          },
          { port },
        ),
        launchChromium(),
      ]);
      stripe.setWebhookUrl(`${server.url}/api/v1/billing/stripe/webhook`);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      await stripe?.close();
      await database?.drop();
    });

    it('goes from the completed act to its online payment, and to the practitioner’s list of paid acts', async () => {
      // The act, through the API: Camille checks in, Dr Martin admits her and ends the act, completed.
      const { appointmentId } = await videoAppointmentSoon(database.url, {
        patient: DEMO_ACCOUNTS.patient.email,
        practitioner: DEMO_ACCOUNTS.practitioner.email,
        startsInMinutes: -5,
      });
      const [camille, martin] = [new ApiClient(server.url), new ApiClient(server.url)];
      await camille.login(DEMO_ACCOUNTS.patient.email, DEMO_PASSWORD);
      await martin.login(DEMO_ACCOUNTS.practitioner.email, DEMO_PASSWORD, DEMO_TOTP_SECRET);
      const visit = `/api/v1/appointments/${appointmentId}/teleconsultation`;
      expect((await camille.post(`${visit}/check-in`)).status).toBe(200);
      expect((await martin.post(`${visit}/admit`)).status).toBe(200);
      expect((await martin.post(`${visit}/end`, { outcome: 'completed' })).status).toBe(200);

      // Camille, on a phone, finds what is left to pay from her home's menu, and pays online.
      const patient = await browser.newPage({ viewport: { width: 375, height: 800 } });
      await logInAs(patient, server.url, 'patient');
      await patient
        .getByRole('main')
        .getByRole('link', { name: /Mes paiements/ })
        .click();
      await patient.getByRole('heading', { level: 1, name: 'Mes paiements' }).waitFor();
      const act = patient.getByTestId(`act-${appointmentId}`);
      await act.getByText(/^TCG — À régler par le patient : 25,00\s€$/).waitFor();
      expect(await act.getByTestId('balance').textContent()).toMatch(/Reste à payer : 25,00\s€/);
      await act.getByRole('button', { name: /Payer 25,00\s€ en ligne/ }).click();

      // Stripe's hosted page (the local stand-in): « Payer » completes the session, sends the signed webhook, and comes back.
      await patient.getByRole('heading', { level: 1, name: 'Paiement sécurisé' }).waitFor();
      expect(patient.url()).toContain(stripe.url);
      await patient.getByRole('button', { name: 'Payer' }).click();
      await patient.waitForURL(`${server.url}/mes-paiements?paye=${appointmentId}`);
      await patient.getByRole('status').getByText('Paiement reçu, merci.').waitFor();
      await act.getByText('Réglé', { exact: true }).waitFor();
      await act.getByText(/25,00\s€ par carte bancaire en ligne le/).waitFor();
      expect(stripe.webhooks.map((w) => w.status)).toEqual([200]);
      expect(await patient.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

      // Dr Martin's list of acts (from his menu) shows it paid, in the month's totals.
      const doctor = await browser.newPage();
      await logInAs(doctor, server.url, 'practitioner');
      await doctor
        .getByRole('main')
        .getByRole('link', { name: /Actes et règlements/ })
        .click();
      await doctor.getByRole('heading', { level: 1, name: 'Actes et règlements' }).waitFor();
      const row = doctor.getByRole('row').filter({ hasText: 'Camille PETIT' }).filter({ hasText: 'TCG' });
      await row.getByText('Réglé', { exact: true }).waitFor();
      const cells = (await row.getByRole('cell').allTextContents()).map((cell) => cell.replace(/\s/g, ' '));
      expect(cells).toEqual(expect.arrayContaining(['25,00 €', '0,00 €']));
      await doctor
        .getByTestId('acts-totals')
        .getByText(/réglé 25,00\s€/)
        .waitFor();
      await doctor.getByLabel('Règlement').selectOption('unpaid');
      await doctor.getByText('Aucun acte pour cette sélection.').waitFor();
    });
  },
);
