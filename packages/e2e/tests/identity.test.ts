import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher } from '../../server/src/platform/testing/smtp.js';
import { launchChromium } from '../src/chromium.js';
import { startOidcProvider, type LocalOidcProvider } from '../src/oidc-provider.js';
import { freePort, startServer, type TestServer } from '../src/server.js';

const DEMO_PASSWORD = 'parcours-demo-2026';
const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const linkIn = (text: string) => /(http\S+token=[A-Za-z0-9_-]+)/.exec(text)![1]!;

describe('identity in Chromium: sign-up, invitation with TOTP, Pro Santé Connect', () => {
  let server: TestServer;
  let browser: Browser;
  let mail: Awaited<ReturnType<typeof startMailCatcher>>;
  let oidc: LocalOidcProvider;

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    [mail, oidc, browser] = await Promise.all([
      startMailCatcher(),
      startOidcProvider(`${publicUrl}/api/v1/auth/oidc/callback`),
      launchChromium(),
    ]);
    server = await startServer(
      {
        SMTP_URL: mail.url,
        PUBLIC_URL: publicUrl,
        OIDC_ISSUER: oidc.issuer,
        OIDC_CLIENT_ID: oidc.clientId,
        OIDC_CLIENT_SECRET: oidc.clientSecret,
      },
      port,
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await oidc?.close();
    await mail?.close();
  });

  async function logIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(server.url + '/connexion');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }

  it('a patient registers, confirms the mailed link and logs in', async () => {
    const page = await browser.newPage();
    await page.goto(server.url + '/inscription');
    await page.getByRole('heading', { level: 1, name: 'Créer un compte' }).waitFor();
    await page.getByLabel('Adresse e-mail').fill('lucie.bernard@example.org');
    await page.getByLabel('Mot de passe', { exact: true }).fill('une phrase de passe solide');
    await page.getByLabel('Prénom', { exact: true }).fill('Lucie');
    await page.getByLabel('Nom', { exact: true }).fill('Bernard');
    await page.getByLabel('Nom de naissance').fill('Bernard');
    await page.getByLabel('Prénoms de naissance').fill('Lucie Anne');
    await page.getByLabel('Femme').check();
    await page.getByLabel('Date de naissance').fill('1985-11-02');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();

    const message = await mail.next('lucie.bernard@example.org');
    await page.goto(linkIn(message.text));
    await page
      .getByRole('link', { name: /connecter/i })
      .first()
      .waitFor();

    await logIn(page, 'lucie.bernard@example.org', 'une phrase de passe solide');
    await page.getByText('Lucie Bernard').waitFor();
    await page.close();
  });

  it('an invited professional sets a password, enrols TOTP and logs in with it', async () => {
    const admin = await browser.newPage();
    await logIn(admin, 'admin@demo.parcours.fr', DEMO_PASSWORD);
    await admin.getByLabel('Code de vérification').fill(await generate({ secret: DEMO_TOTP_SECRET }));
    await admin.getByRole('button', { name: 'Vérifier' }).click();
    await admin.getByText('Nadia Robert').waitFor();
    await admin.goto(server.url + '/organisation');
    await admin.getByLabel('Adresse e-mail').fill('dr.roux@example.org');
    await admin.getByLabel('Prénom', { exact: true }).fill('Hugo');
    await admin.getByLabel('Nom', { exact: true }).fill('Roux');
    // An RPPS whose check digit fails Luhn is flagged, without stopping the invitation.
    await admin.getByLabel('RPPS (facultatif)').fill('10000000001');
    await admin.getByTestId('rpps-warning').waitFor();
    await admin.getByLabel('RPPS (facultatif)').fill('10000000009');
    await expect.poll(() => admin.getByTestId('rpps-warning').count()).toBe(0);
    await admin.getByRole('button', { name: 'Inviter' }).click();
    const invitation = await mail.next('dr.roux@example.org');
    await admin.close();

    const page = await browser.newPage();
    await page.goto(linkIn(invitation.text));
    await page.getByLabel('Mot de passe', { exact: true }).fill('ordonnance-bleue-2026');
    await page.getByRole('button', { name: 'Choisir ce mot de passe' }).click();
    await logIn(page, 'dr.roux@example.org', 'ordonnance-bleue-2026');
    const secretElement = page.getByTestId('totp-secret');
    await secretElement.waitFor();
    const secret = (await secretElement.getAttribute('data-secret')) ?? (await secretElement.textContent())!.replace(/\s/g, '');
    await page.getByLabel('Code de vérification').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Activer' }).click();
    await page.getByTestId('recovery-codes').waitFor();
    await page.getByRole('button', { name: 'J’ai conservé mes codes' }).click();
    await page.getByText('Hugo Roux').waitFor();

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await logIn(page, 'dr.roux@example.org', 'ordonnance-bleue-2026');
    await page.getByLabel('Code de vérification').fill('000000');
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Code de vérification').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.getByText('Hugo Roux').waitFor();
    await page.close();
  });

  it('an existing account invited to the organisation accepts from its home, and its navigation becomes a practitioner’s', async () => {
    const admin = await browser.newPage();
    await logIn(admin, 'admin@demo.parcours.fr', DEMO_PASSWORD);
    await admin.getByLabel('Code de vérification').fill(await generate({ secret: DEMO_TOTP_SECRET }));
    await admin.getByRole('button', { name: 'Vérifier' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Bonjour Nadia' }).waitFor();
    await admin.goto(server.url + '/organisation');
    await admin.getByLabel('Adresse e-mail').fill('jean.moreau@demo.parcours.fr');
    await admin.getByLabel('Prénom', { exact: true }).fill('Jean');
    await admin.getByLabel('Nom', { exact: true }).fill('Moreau');
    await admin.getByRole('button', { name: 'Inviter' }).click();
    await admin.getByText('Invitation envoyée à jean.moreau@demo.parcours.fr.').waitFor();
    await admin.close();

    const page = await browser.newPage();
    await logIn(page, 'jean.moreau@demo.parcours.fr', DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Bonjour Jean' }).waitFor();
    await page.getByText('Centre de santé Parcours (démo) vous invite à la rejoindre (rôle : Praticien).').waitFor();
    const menu = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await menu.getByRole('link', { name: 'Mes patients' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Accepter' }).click();
    await page.getByRole('status').getByText('Vous êtes désormais membre de Centre de santé Parcours (démo).').waitFor();
    // A practitioner now, and still the patient of his own record.
    await menu.getByRole('link', { name: 'Mes patients' }).waitFor({ state: 'attached' });
    expect(await menu.getByRole('link', { name: 'Historique des accès' }).count()).toBe(1);
    await page.close();
  });

  it('a professional logs in through the OpenID Connect provider with their RPPS', async () => {
    const page = await browser.newPage();
    await page.goto(server.url + '/api/v1/auth/oidc/start');
    // The provider's own login form: the login is the PSC national identifier, 8 + RPPS.
    await page.locator('input[name="login"]').fill('881000000014');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click(); // consent: "Continue"
    await page.waitForURL(server.url + '/');
    await page.getByText('Claire Martin').waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me.email).toBe('dr.martin@demo.parcours.fr');
    await page.close();
  });
});
