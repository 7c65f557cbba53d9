import { generate } from 'otplib';
import type { Page } from 'playwright-core';

/** The demo's shared password and its professionals' TOTP secret (packages/server: the accounts module's demo seed). */
export const DEMO_PASSWORD = 'parcours-demo-2026';
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export type SignedInRole = 'patient' | 'practitioner' | 'regulator' | 'admin';

/** One demo account per role, with the given name its home greets. */
export const DEMO_ACCOUNTS: Record<SignedInRole, { email: string; givenName: string; totp: boolean }> = {
  patient: { email: 'camille.petit@demo.parcours.fr', givenName: 'Camille', totp: false },
  practitioner: { email: 'dr.martin@demo.parcours.fr', givenName: 'Claire', totp: true },
  regulator: { email: 'regulation@demo.parcours.fr', givenName: 'Paul', totp: true },
  admin: { email: 'admin@demo.parcours.fr', givenName: 'Nadia', totp: true },
};

/** Logs in through the log-in page (and the second factor for a professional), in French. */
export async function logInAs(page: Page, baseUrl: string, role: SignedInRole): Promise<void> {
  const account = DEMO_ACCOUNTS[role];
  await logInWith(page, baseUrl, account.email, account.totp);
}

/** Logs a demo account in by its e-mail, with the second factor when `totp` (the professionals). */
export async function logInWith(page: Page, baseUrl: string, email: string, totp: boolean): Promise<void> {
  await page.goto(baseUrl + '/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  if (totp) {
    await page.getByLabel('Code de vérification').fill(await generate({ secret: DEMO_TOTP_SECRET }));
    await page.getByRole('button', { name: 'Vérifier' }).click();
    // Past the second factor (its page has a log-out button too): the code's field is gone. A page
    // opened before would leave the session half signed in.
    await page.getByLabel('Code de vérification').waitFor({ state: 'detached' });
  }
  await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor({ state: 'attached' });
}
