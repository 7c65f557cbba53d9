import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { startServer, type TestServer } from '../src/server.js';

describe('the app shell in Chromium', () => {
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

  it('shows the home page in French first', async () => {
    await page.goto(server.url + '/');
    await expect.poll(() => page.title()).toBe('Parcours — Télémédecine');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('La télémédecine, du rendez-vous au compte rendu');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.getByRole('status').getByText('Service opérationnel (pglite)').waitFor();
  });

  it('switches to English and remembers the choice', async () => {
    await page.getByText('EN', { exact: true }).click();
    await expect.poll(() => page.title()).toBe('Parcours — Telemedicine');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Telemedicine, from booking to report');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Telemedicine, from booking to report');
  });

  it('folds the navigation behind a labelled button on a phone', async () => {
    const phone = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await phone.goto(server.url + '/');
    const menu = phone.getByRole('button', { name: 'Ouvrir la navigation' });
    await menu.waitFor();
    await menu.click();
    await phone.getByRole('navigation', { name: 'Navigation principale' }).getByText('Accueil').waitFor({ state: 'visible' });
    await phone.close();
  });

  it('answers an unknown page with the app and an unknown API path with a problem', async () => {
    await page.goto(server.url + '/nulle-part');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    const res = await fetch(server.url + '/api/v1/nowhere');
    expect(res.status).toBe(404);
  });
});
