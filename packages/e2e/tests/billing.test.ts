import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { logInWith } from '../src/demo.js';
import { startServer, type TestServer } from '../src/server.js';

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.replace(/\s/g, ' ');

describe('billing in Chromium: the patient’s estimate before booking, the practitioner’s decision after the act', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a patient on a phone states her cover (kept in her record) and sees what a teleconsultation will cost her and why', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await logInWith(page, server.url, 'camille.petit@demo.parcours.fr', false);
    await page.goto(server.url + '/estimation');
    await page.getByRole('heading', { level: 1, name: 'Serai-je remboursé ?' }).waitFor();

    await page.getByRole('radio', { name: 'Oui' }).check();
    await page.getByRole('radio', { name: 'Une mutuelle ou une assurance santé complémentaire' }).check();

    // Without an answer about the treating doctor, the form names the question before sending anything.
    await page.getByRole('button', { name: 'Estimer mon remboursement' }).click();
    await page.getByRole('alert').getByText('Corrigez les champs signalés').waitFor();
    await page.getByText('Choisissez une réponse.').waitFor();

    // Our words, not the validation library's nor the list's values.
    expect(await page.locator('form').innerText()).not.toMatch(/"referred"|expected|Invalid/);
    // French ordinals: 1er mois, then 2e…
    expect(await page.getByLabel('Grossesse en cours').locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['1er mois', '2e mois']),
    );

    await page.getByRole('radio', { name: 'm’a orienté(e) vers ce praticien' }).check();
    await page.getByRole('button', { name: 'Estimer mon remboursement' }).click();
    await expect.poll(() => text(page, 'verdict')).toBe('Remboursée par l’Assurance Maladie');
    expect(await page.getByTestId('rules-not-known').count()).toBe(0);
    expect(await text(page, 'share-advance')).toBe('25,00 €');
    expect(await text(page, 'share-amo')).toBe('15,50 €');
    expect(await text(page, 'share-supplementary')).toBe('7,50 €');
    expect(await text(page, 'share-out-of-pocket')).toBe('2,00 €');
    await page.getByText('Le patient a été orienté par son médecin traitant').waitFor();

    await page.getByRole('radio', { name: 'pourrait me recevoir, mais je consulte sans être orienté(e)' }).check();
    await page.getByRole('button', { name: 'Estimer mon remboursement' }).click();
    await expect.poll(() => text(page, 'verdict')).toBe('Non remboursée par l’Assurance Maladie');
    expect(await text(page, 'share-out-of-pocket')).toBe('25,00 €');
    await page.getByText('Parcours de soins non respecté').waitFor();
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // Far ahead, the rules of the day are not known yet: the estimate says so.
    await page.getByLabel('Date de la consultation').fill('2090-03-01');
    await page.getByRole('button', { name: 'Estimer mon remboursement' }).click();
    await expect
      .poll(() => text(page, 'rules-not-known'))
      .toBe(
        'Les règles qui s’appliqueront le 1 mars 2090 ne sont pas encore connues : cette estimation applique celles en vigueur aujourd’hui et pourra changer d’ici là.',
      );

    // The situation was saved in her record: it is there after a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Serai-je remboursé ?' }).waitFor();
    await expect.poll(() => page.getByRole('radio', { name: 'Une mutuelle ou une assurance santé complémentaire' }).isChecked()).toBe(true);
    await page.close();
  });

  it('the treating doctor picks a patient and gets the billing decision at the end of the act', async () => {
    const page = await browser.newPage();
    await logInWith(page, server.url, 'dr.martin@demo.parcours.fr', true);
    await page.getByRole('link', { name: 'Mes patients' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Mes patients' }).waitFor();
    await page.getByLabel('Rechercher un patient par son nom').fill('zzz');
    await page.getByText('Aucun patient ne correspond à « zzz ».').waitFor();
    await page.getByLabel('Rechercher un patient par son nom').fill('mor');
    await expect.poll(() => page.getByRole('link', { name: /^Facturer une téléconsultation pour/ }).count()).toBe(1);
    await page.getByRole('link', { name: 'Facturer une téléconsultation pour MOREAU Jean' }).click();
    await page.getByRole('heading', { level: 1, name: 'Facturation de la téléconsultation' }).waitFor();
    await expect.poll(() => text(page, 'billed-patient')).toBe('Patient : MOREAU Jean');
    await expect.poll(() => text(page, 'stated-insurance')).toContain('complémentaire : non renseigné');

    // Nothing is assumed: sent as it stands, the form names the two facts only the practitioner can state.
    await page.getByRole('button', { name: 'Obtenir la décision de facturation' }).click();
    await page.getByRole('alert').getByText('Corrigez les champs signalés').waitFor();
    expect(await page.getByText('Choisissez une réponse.').count()).toBe(2);
    expect(await page.getByRole('radiogroup', { name: 'Médecin traitant du patient' }).getByRole('radio', { checked: true }).count()).toBe(
      0,
    );
    expect(await page.getByTestId('billing-headline').count()).toBe(0);
    // Jean Moreau is a man: no pregnancy is asked.
    expect(await page.getByLabel('Grossesse en cours').count()).toBe(0);
    // Dr Martin is a general practitioner: no midwife's act is offered.
    expect(await page.getByLabel('Acte de sage-femme').count()).toBe(0);

    await page.getByLabel('Je suis le médecin traitant du patient').check();
    // The treating doctor seeing their patient: no referral to state.
    await expect.poll(() => page.getByRole('radiogroup', { name: 'Médecin traitant du patient' }).count()).toBe(0);
    await page.getByRole('radiogroup', { name: 'Exercez-vous sur le territoire du patient ?' }).getByRole('radio', { name: 'Oui' }).check();
    await page.getByLabel('L’acte concerne l’affection de longue durée du patient').check();
    await page.getByRole('button', { name: 'Obtenir la décision de facturation' }).click();
    await expect.poll(() => text(page, 'billing-headline')).toBe('À facturer : TCG, 25,00 €');
    expect(await text(page, 'billing-tiers-payant')).toBe('Part Assurance Maladie (obligatoire)');
    expect(await text(page, 'billing-collect')).toBe('0,00 €');
    await page.getByText('Acte en rapport avec l’affection de longue durée').waitFor();

    await page.getByLabel('L’acte a été mené à son terme').uncheck();
    await page.getByRole('button', { name: 'Obtenir la décision de facturation' }).click();
    await expect.poll(() => text(page, 'billing-headline')).toBe('Ne pas facturer cet acte à l’Assurance Maladie.');
    await page.getByText('L’acte n’a pas été réalisé (coupure ou réorientation)').waitFor();
    await page.close();
  });
});
