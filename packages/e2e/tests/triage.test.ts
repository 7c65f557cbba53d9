import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { DEMO_PASSWORD, logInAs } from '../src/demo.js';
import { bookReferredSlot } from '../src/booking.js';
import { choose, next, noToAll } from '../src/questionnaire.js';
import { startServer, type TestServer } from '../src/server.js';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now (rule ids). */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(d: Document): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('triage in Chromium: the questionnaire before booking a teleconsultation', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a mild sore throat with a fever reaches booking and its estimate; the GP’s agenda shows the moderate case’s flags', async () => {
    const patient = await (await browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
    await logInAs(patient, server.url, 'patient');
    await patient.goto(server.url + '/prendre-rendez-vous');
    // Camille answered the demo's questionnaire a moment ago: she may change her answers.
    await patient.getByRole('button', { name: 'Modifier mes réponses' }).click();
    await patient.getByRole('heading', { level: 1, name: 'Avant votre téléconsultation' }).waitFor();
    await choose(patient, 'Pour quoi consultez-vous ?', 'Un petit souci courant (rhume, mal de gorge…)');
    await patient.getByLabel(/Depuis combien de jours/).fill('2');
    await next(patient);
    await patient.getByText('Étape 2 sur 7').waitFor();
    await noToAll(patient);
    await next(patient);
    await choose(patient, 'Comment respirez-vous ?', 'Normalement');
    await noToAll(patient);
    await next(patient);
    await patient.getByLabel(/Température la plus élevée/).fill('38,2');
    await choose(patient, 'Avez-vous mal au ventre ?', 'Non');
    await noToAll(patient);
    // Back and forth keeps the answers.
    await patient.getByRole('button', { name: 'Précédent' }).click();
    expect(await patient.getByRole('radio', { name: 'Normalement' }).isChecked()).toBe(true);
    await next(patient);
    expect(await patient.getByLabel(/Température la plus élevée/).inputValue()).toBe('38,2 °C');
    await next(patient);
    await noToAll(patient);
    await next(patient);
    await choose(patient, /Pouvez-vous voir, entendre/, 'Oui');
    await choose(patient, /Avez-vous besoin d’un interprète/, 'Non');
    await next(patient);
    await next(patient); // the coverage questions are optional

    // A teleconsultation: straight to booking, with the slot's estimate.
    await patient.getByRole('heading', { level: 1, name: 'Prendre rendez-vous' }).waitFor();
    await patient.getByText('Merci, vos réponses seront transmises au praticien.').waitFor();
    const dialog = await bookReferredSlot(patient, 'Claire Martin');

    // The GP sees the severity and the flags beside her agenda.
    const gp = await (await browser.newContext()).newPage();
    await logInAs(gp, server.url, 'practitioner');
    await gp.goto(server.url + '/agenda');
    const card = gp.getByTestId('agenda-triage').filter({ hasText: 'Camille PETIT' }).filter({ hasText: 'Fièvre' });
    await card.first().waitFor({ timeout: 20_000 });
    await card.first().getByText('Gravité : Modérée').waitFor();
    await card.first().getByText('Réponses').click();
    await card
      .first()
      .getByText(/Température la plus élevée mesurée.* 38\.2/)
      .waitFor();
    expect(await axeViolations(gp)).toEqual([]);

    // Before the call, Camille answers again from the appointment's page: her answers come back
    // filled in, the fever has risen, and the GP's agenda shows the newest answers.
    await dialog.getByRole('link', { name: 'Voir ce rendez-vous' }).click();
    await patient.getByRole('heading', { level: 1, name: 'Rendez-vous' }).waitFor();
    await patient.getByRole('link', { name: 'Revoir mes réponses au questionnaire' }).click();
    await patient.getByRole('heading', { level: 1, name: 'Mes réponses au questionnaire' }).waitFor();
    expect(await patient.getByLabel(/Depuis combien de jours/).inputValue()).toMatch(/^2/);
    // Screen by screen, each awaited (a click while the next screen opens would land on the old one).
    for (const step of [2, 3, 4]) {
      await next(patient);
      await patient.getByText(`Étape ${step} sur 7`).waitFor();
    }
    expect(await patient.getByLabel(/Température la plus élevée/).inputValue()).toBe('38,2 °C');
    await patient.getByLabel(/Température la plus élevée/).fill('39,4');
    for (const step of [5, 6, 7]) {
      await next(patient);
      await patient.getByText(`Étape ${step} sur 7`).waitFor();
    }
    await patient.getByRole('button', { name: 'Terminer' }).click();
    await patient.getByRole('heading', { level: 1, name: 'Réponses transmises' }).waitFor();
    // Sent to the appointment whatever the new orientation (a fever this high may call for an examination).
    await patient.getByRole('status').filter({ hasText: 'Vos nouvelles réponses sont transmises' }).waitFor();
    expect(await axeViolations(patient)).toEqual([]);
    await gp.reload();
    const updated = gp.getByTestId('agenda-triage').filter({ hasText: 'Camille PETIT' }).filter({ hasText: 'Fièvre' }).first();
    await updated.getByText('Réponses').click();
    await updated.getByText(/Température la plus élevée mesurée.* 39\.4/).waitFor();
  }, 120_000);

  it('chest pain for 20 minutes spreading to the left arm: "Appelez le 15", and no booking', async () => {
    const page = await (await browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
    await page.goto(server.url + '/connexion');
    await page.getByLabel('Adresse e-mail').fill('jean.moreau@demo.parcours.fr');
    await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor({ state: 'attached' });
    await page.goto(server.url + '/prendre-rendez-vous');
    await page.getByRole('heading', { level: 1, name: 'Avant votre téléconsultation' }).waitFor();
    await choose(page, 'Pour quoi consultez-vous ?', 'Un nouveau problème de santé');
    await next(page);
    await choose(page, /douleur ou une oppression dans la poitrine/, 'Oui');
    await page.getByLabel('Depuis combien de minutes dure-t-elle ?').fill('20');
    await choose(page, /S’étend-elle à un bras/, 'Oui');
    await noToAll(page);
    expect(await axeViolations(page)).toEqual([]);
    await next(page);

    await page.getByRole('heading', { level: 1, name: 'Appelez le 15' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.getByRole('link', { name: 'Appeler le 15' }).getAttribute('href')).toBe('tel:15');
    await page.getByText('La prise de rendez-vous en téléconsultation n’est pas possible avec ces réponses.').waitFor();
    expect(await page.getByRole('heading', { name: 'Prendre rendez-vous' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /avec Claire Martin/ }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  it('the administrator sees where the month’s questionnaires led, by stage, orientation and abandoned screen, on a phone', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await logInAs(page, server.url, 'admin');
    await page.getByRole('navigation').first().waitFor({ state: 'attached' });
    await page.goto(server.url + '/');
    await page
      .getByRole('main')
      .getByRole('link', { name: /Statistiques du triage/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Statistiques du questionnaire de triage' }).waitFor();
    // The demo's month of runs: counts by stage, each stage a share of those started.
    const started = Number(await page.locator('dt:text-is("Commencés") + dd').innerText());
    expect(started).toBeGreaterThan(90);
    const booked = await page.locator('dt:text-is("Rendez-vous pris") + dd').innerText();
    expect(booked).toMatch(/^\d+ \(\d+\s%\)$/);
    // The charts come with their figures for screen readers; the abandons are also a table (cards on a phone).
    await page.getByRole('heading', { name: 'Orientation proposée' }).waitFor();
    await page.getByText(/^Téléconsultation — \d+$/).waitFor({ state: 'attached' });
    await page.getByRole('list', { name: 'Abandons par écran' }).getByText('Votre demande').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // A shorter period counts fewer runs.
    await page.getByText('7 jours', { exact: true }).click();
    await expect.poll(async () => Number(await page.locator('dt:text-is("Commencés") + dd').innerText())).toBeLessThan(started);
  });
});
