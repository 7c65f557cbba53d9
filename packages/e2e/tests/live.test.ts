import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { clusterServices, createPostgresDatabase, startServer, type TestServer } from '../src/server.js';

const DEMO_PASSWORD = 'parcours-demo-2026';
const PATIENT = 'camille.petit@demo.parcours.fr';
const services = await clusterServices();

/** A client of the API outside the browser: logs in on one node and keeps its session cookie and CSRF token. */
async function apiSession(baseUrl: string, email: string, password: string) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(login.status).toBe(200);
  const { csrfToken, next } = (await login.json()) as { csrfToken: string; next: string };
  expect(next).toBe('done');
  const cookie = login.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  return {
    patch: (path: string, body: unknown) =>
      fetch(`${baseUrl}${path}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify(body),
      }),
  };
}

describe.skipIf(!services)('realtime across nodes in Chromium: two servers, one PostgreSQL database, NATS between them', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let nodeA: TestServer;
  let nodeB: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    const env = { DATABASE_URL: database.url, NATS_URL: services!.nats };
    [browser, nodeA] = await Promise.all([launchChromium(), startServer(env)]);
    // Node A migrated the database and seeded the demo: node B joins it as it is.
    nodeB = await startServer(env, { demo: false });
  });
  afterAll(async () => {
    await browser?.close();
    await nodeB?.stop();
    await nodeA?.stop();
    await database?.drop();
  });

  /** Resolves once the page's live connection confirms it follows the topic (within 20 s). */
  function subscribed(page: Page, topic: string): Promise<void> {
    return new Promise((resolve, reject) => {
      setTimeout(() => reject(new Error(`the page did not follow ${topic}`)), 20_000);
      page.on('websocket', (socket) => {
        socket.on('framereceived', ({ payload }) => {
          const message = JSON.parse(String(payload)) as { type: string; topic?: string };
          if (message.type === 'subscribed' && message.topic === topic) resolve();
        });
      });
    });
  }

  it('a name changed through the API on node A appears, without reload, on the profile page open on node B', async () => {
    const page = await browser.newPage();
    await page.goto(nodeB.url + '/connexion');
    await page.getByLabel('Adresse e-mail').fill(PATIENT);
    await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
    const me = page.waitForResponse((response) => response.url().endsWith('/api/v1/me') && response.ok());
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const accountId = ((await (await me).json()) as { id: string }).id;
    const following = subscribed(page, `account:${accountId}`);

    await page.goto(nodeB.url + '/profil');
    await page.getByRole('heading', { level: 1, name: 'Mon profil' }).waitFor();
    const header = page.getByRole('banner').getByRole('link', { name: 'Camille Petit' });
    await header.waitFor();
    expect(await page.getByLabel('Prénom', { exact: true }).inputValue()).toBe('Camille');
    await following;
    // Anything that reloads the page would forget this.
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    const api = await apiSession(nodeA.url, PATIENT, DEMO_PASSWORD);
    expect((await api.patch('/api/v1/me', { givenName: 'Camille-Océane' })).status).toBe(204);

    await page.getByRole('banner').getByRole('link', { name: 'Camille-Océane Petit' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByLabel('Prénom', { exact: true }).inputValue()).toBe('Camille-Océane');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await page.close();
  });
});
