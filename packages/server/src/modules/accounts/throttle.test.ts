import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../demo.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import { startTestServer } from '../../platform/testing/server.js';
import type { RunningServer } from '../../server.js';
import { DEMO_PASSWORD } from './demo.js';
import { recordFailure, retryAfterMs, throttleDelayMs, throttleKeys } from './throttle.js';

const login = (server: RunningServer, from: string, password: string) =>
  fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    // The test server trusts loopback as its proxy: X-Forwarded-For says who is calling.
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ email: 'camille.petit@demo.parcours.fr', password }),
  });

describeEachDatabase('log-in throttling', (database) => {
  let server: RunningServer;
  beforeAll(async () => {
    await seedDemo(database().db);
    server = await startTestServer(database(), { TRUST_PROXY: '127.0.0.1,::1' });
  });
  afterAll(async () => {
    await server.app.close();
  });

  it('slows the guesser down and tells them when to come back, while the owner logs in from elsewhere', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await login(server, '203.0.113.66', 'a wrong password');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    // The guesser's address waits even with the right password…
    expect((await login(server, '203.0.113.66', DEMO_PASSWORD)).status).toBe(429);
    // …but the owner, from their own address, is not locked out.
    expect((await login(server, '198.51.100.7', DEMO_PASSWORD)).status).toBe(200);
  });

  it('forgets failures once they are old', async () => {
    const keys = throttleKeys('someone@example.org', '203.0.113.9');
    const longAgo = new Date(Date.now() - 2 * 3_600_000);
    for (let i = 0; i < 6; i++) await recordFailure(database().db, keys, longAgo);
    expect(await retryAfterMs(database().db, keys)).toBe(0);
    await recordFailure(database().db, keys);
    expect(await retryAfterMs(database().db, keys)).toBe(0); // one recent failure: the count started again
  });
});

it('lets an address make more mistakes across accounts than on one account before waiting', () => {
  expect(throttleDelayMs(3, 'account-address')).toBeGreaterThan(0);
  expect(throttleDelayMs(3, 'address')).toBe(0);
  expect(throttleDelayMs(60, 'address')).toBe(15 * 60_000);
});
