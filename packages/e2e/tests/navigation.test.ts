import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { logInWith } from '../src/demo.js';
import { startServer, type TestServer } from '../src/server.js';

const NOT_FOUND = 'Page introuvable';

/** One demo account per role (packages/server: the demo seed); the visitor logs in as no one. */
const ROLES = [
  { role: 'visitor', email: null, totp: false, givenName: null },
  { role: 'patient', email: 'camille.petit@demo.parcours.fr', totp: false, givenName: 'Camille' },
  { role: 'practitioner', email: 'dr.martin@demo.parcours.fr', totp: true, givenName: 'Claire' },
  { role: 'regulator', email: 'regulation@demo.parcours.fr', totp: true, givenName: 'Paul' },
  { role: 'admin', email: 'admin@demo.parcours.fr', totp: true, givenName: 'Nadia' },
] as const;

describe('the navigation in Chromium: every entry, for every role, opens a page', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The menu's entries, once the navigation shows the signed-in person's (or the visitor's). */
  async function menu(page: Page): Promise<{ label: string; href: string }[]> {
    const links = page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link');
    await links.first().waitFor();
    return links.evaluateAll((anchors) =>
      anchors.map((anchor) => ({ label: anchor.textContent ?? '', href: anchor.getAttribute('href') ?? '' })),
    );
  }

  for (const { role, email, totp, givenName } of ROLES) {
    it(`${role}: no menu entry leads to “${NOT_FOUND}”`, async () => {
      const page = await browser.newPage();
      if (email) await logInWith(page, server.url, email, totp);
      else await page.goto(server.url + '/');
      await page.getByRole('heading', { level: 1 }).waitFor();
      if (givenName) {
        // After log-in, each person lands on their own home (what to do next), not the public page.
        await expect.poll(() => new URL(page.url()).pathname).toBe('/');
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Bonjour ${givenName}`);
        await page.getByRole('heading', { level: 2, name: 'Que souhaitez-vous faire ?' }).waitFor();
      }
      // The API's documentation is for professionals and administrators, not for patients.
      const apiDocs = page.getByRole('link', { name: 'Documentation de l’API' });
      await expect.poll(() => apiDocs.count()).toBe(role === 'patient' || role === 'visitor' ? 0 : 1);
      const entries = await menu(page);
      // Home, and at least the role's own page (the profile for a signed-in person).
      expect(entries.length, JSON.stringify(entries)).toBeGreaterThanOrEqual(2);
      for (const entry of entries) {
        expect(entry.href, entry.label).toMatch(/^\/(?!\/)/);
        await page.goto(server.url + entry.href);
        // A page for signed-in people shows its h1 once the session is read; an unknown address at once.
        const heading = page.getByRole('heading', { level: 1 });
        await heading.waitFor();
        expect(await heading.textContent(), `${entry.label} → ${entry.href}`).not.toBe(NOT_FOUND);
        expect(new URL(page.url()).pathname, `${entry.label} stays on its page`).toBe(entry.href);
      }
      await page.close();
    });
  }

  it('the footer’s link to the API documentation answers', async () => {
    const page = await browser.newPage();
    await logInWith(page, server.url, 'admin@demo.parcours.fr', true);
    const href = await page.getByRole('link', { name: 'Documentation de l’API' }).getAttribute('href');
    const response = await fetch(server.url + href);
    expect(response.status).toBe(200);
    await page.close();
  });
});
