import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { startServer, type TestServer } from '../src/server.js';

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.replace(/\s/g, ' ');

describe('the rules simulator in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    page = await browser.newPage();
    await page.goto(server.url + '/simulateur');
    await page.getByRole('heading', { level: 1, name: 'Simulateur des règles' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('explains that a referred adult is reimbursed, and that a distant doctor is not', async () => {
    await page.getByLabel('Date de l’acte').fill('2025-03-01');
    expect(await text(page, 'reimbursable')).toBe('Oui');
    expect(await text(page, 'amoAmount')).toBe('15,50 €');
    await page.getByText('Le patient a été orienté par son médecin traitant').waitFor();
    await page.getByLabel('Praticien du territoire du patient').uncheck();
    await expect.poll(() => text(page, 'reimbursable')).toBe('Non');
  });

  it('tries a midwife’s act: never seen in person, not billable; an emergency contraception, billable', async () => {
    await page.getByLabel('Praticien du territoire du patient').check();
    await page.getByLabel('Profession', { exact: true }).selectOption('midwife');
    await page.getByLabel('Acte de sage-femme').selectOption('pregnancy-follow-up');
    await expect.poll(() => text(page, 'billable')).toBe('Non');
    await page.getByLabel('Acte de sage-femme').selectOption('emergency-contraception');
    await expect.poll(() => text(page, 'billable')).toBe('Oui');
  });

  it('caps a sick leave prescribed at distance at 3 days', async () => {
    await page.getByRole('tab', { name: 'Arrêt de travail' }).click();
    await page.getByLabel('Date de l’acte').fill('2025-03-01');
    await expect.poll(() => text(page, 'allowed')).toBe('Non');
    expect(await text(page, 'maxDays')).toBe('3');
    await page.getByLabel('Prescrit par le médecin traitant').check();
    await expect.poll(() => text(page, 'allowed')).toBe('Oui');
  });

  it('decides any contract request written as JSON, and names the field of a malformed one', async () => {
    await page.getByRole('tab', { name: 'Autre demande (JSON)' }).click();
    const json = page.getByRole('textbox', { name: 'Demande (JSON)' });
    await json.fill(JSON.stringify({ kind: 'identifier', system: 'nir', value: '2 84 05 2A 004 012 69' }));
    await expect.poll(() => text(page, 'valid')).toBe('Oui');
    expect(await text(page, 'normalized')).toBe('284052A00401269');
    await json.fill(JSON.stringify({ kind: 'identifier', system: 'nir', value: '2 84 05 2A 004 012 29' }));
    await expect.poll(() => text(page, 'valid')).toBe('Non');
    await json.fill(
      JSON.stringify({ kind: 'teleexpertise', date: '2026-02-30', requester: { profession: 'nurse' }, expert: { profession: 'doctor' } }),
    );
    await page
      .getByRole('alert')
      .getByText(/^date : /)
      .waitFor();
    await json.fill('{ "kind": ');
    await page.getByRole('alert').getByText('Ce n’est pas du JSON valide').waitFor();
  });
});
