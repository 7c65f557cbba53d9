import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { startServer, type TestServer } from '../src/server.js';

describe('the reimbursement simulator in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('explains that a referred adult is reimbursed, and that a distant doctor is not', async () => {
    await page.goto(server.url + '/simulateur');
    await page.getByRole('heading', { level: 1, name: 'Simulateur de remboursement' }).waitFor();
    await page.getByLabel('Date de l’acte').fill('2025-03-01');
    expect(await page.getByTestId('reimbursable').textContent()).toBe('Remboursable');
    expect((await page.getByTestId('amo').textContent())?.replace(/\s/g, ' ')).toBe('15,50 €');
    await page.getByText('Le patient a été orienté par son médecin traitant').waitFor();
    await page.getByLabel('Médecin du territoire du patient').uncheck();
    await expect.poll(() => page.getByTestId('reimbursable').textContent()).toBe('Non remboursable');
  });
});
