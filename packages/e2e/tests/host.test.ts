import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { logInAs } from '../src/demo.js';
import { startServer, type TestServer } from '../src/server.js';

const HOST = 'parcours.test';

describe('the app over plain http under a host name other than localhost (a LAN address, a test host)', () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    // The browser resolves parcours.test to loopback: the traffic never leaves the machine.
    [server, browser] = await Promise.all([startServer(), launchChromium({ args: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`] })]);
    base = `http://${HOST}:${server.port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the app, its scripts and styles loaded over http, not upgraded to https', async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    const response = await page.goto(base + '/');
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).not.toContain('upgrade-insecure-requests');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('La télémédecine, du rendez-vous au compte rendu');
    await page.getByRole('status').getByText('Service opérationnel (pglite)').waitFor();
    expect(failed).toEqual([]);
    await page.close();
  });

  it('logs in (the session cookie is kept over http) and follows the live connection from that host', async () => {
    const page = await browser.newPage();
    const welcomed = new Promise<void>((resolve) =>
      page.on('websocket', (socket) =>
        socket.on('framereceived', ({ payload }) => {
          if (String(payload).includes('"type":"subscribed"')) resolve();
        }),
      ),
    );
    await logInAs(page, base, 'patient');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Bonjour Camille');
    expect(new URL(page.url()).host).toBe(`${HOST}:${server.port}`);
    await welcomed;
    await page.close();
  });
});
