import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo.js';
import { DEMO_PASSWORD } from '../../modules/accounts/index.js';
import { everyTable } from '../../modules/testing.js';
import type { RunningServer } from '../../server.js';
import { ApiClient } from '../testing/client.js';
import { createTestDatabase, type TestDatabase } from '../testing/databases.js';
import { startTestServer } from '../testing/server.js';

/** A built web app stand-in: a page and one hashed asset big enough to be compressed. */
async function fakeWebDist(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-web-'));
  await fs.mkdir(path.join(dir, 'assets'));
  await fs.writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Parcours</title><div id="root"></div>');
  await fs.writeFile(path.join(dir, 'assets', 'index-3f2a1b.js'), `export const filler = ${JSON.stringify('x'.repeat(20_000))};`);
  return dir;
}

describe('HTTP hardening', () => {
  let database: TestDatabase;
  let webDist: string;
  const servers: RunningServer[] = [];
  const start = async (env: Record<string, string> = {}) => {
    const server = await startTestServer(database, { WEB_DIST: webDist, ...env });
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    await seedDemo(database.db);
    webDist = await fakeWebDist();
  });
  afterAll(async () => {
    for (const server of servers) await server.app.close();
    await database.close();
    await fs.rm(webDist, { recursive: true, force: true });
  });

  /** The address the audit trail recorded for a patient's read of their own record, sent with a forged header. */
  async function recordedAddress(server: RunningServer): Promise<string | null> {
    const camille = new ApiClient(server.url);
    await camille.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD);
    const me = await camille.get<{ patients: { id: string }[] }>('/api/v1/me');
    const patientId = me.body.patients[0]!.id;
    await fetch(`${server.url}/api/v1/patients/${patientId}`, { headers: { cookie: camille.cookie!, 'x-forwarded-for': '6.6.6.6' } });
    const entry = await everyTable(database.db)
      .selectFrom('audit_log')
      .select('address')
      .where('patient_id', '=', patientId)
      .where('action', '=', 'patient.read')
      .orderBy('at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    return entry.address;
  }

  it('ignores X-Forwarded-For unless the peer is a configured proxy', async () => {
    expect(await recordedAddress(await start())).not.toBe('6.6.6.6');
    expect(await recordedAddress(await start({ TRUST_PROXY: '127.0.0.1, ::1' }))).toBe('6.6.6.6');
  });

  it('keeps API answers out of every cache', async () => {
    const server = await start();
    const client = new ApiClient(server.url);
    await client.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD);
    const me = await client.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  it('upgrades requests and sends HSTS only when the public address is https', async () => {
    const plain = await fetch(`${(await start()).url}/`);
    expect(plain.headers.get('content-security-policy')).not.toMatch(/upgrade-insecure-requests/);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const secure = await fetch(`${(await start({ PUBLIC_URL: 'https://parcours.example.fr' })).url}/`);
    expect(secure.headers.get('content-security-policy')).toMatch(/upgrade-insecure-requests/);
    expect(secure.headers.get('strict-transport-security')).toMatch(/max-age=/);
  });

  it('sends the security headers with every answer: the app, the API, a problem and an unknown route', async () => {
    const server = await start();
    for (const route of ['/', '/health', '/api/v1/me', '/api/v1/nowhere']) {
      const answer = await fetch(server.url + route);
      const policy = answer.headers.get('content-security-policy')?.split(';');
      expect(policy, route).toEqual(expect.arrayContaining(["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"]));
      expect(answer.headers.get('x-content-type-options'), route).toBe('nosniff');
      expect(answer.headers.get('referrer-policy'), route).toBe('no-referrer');
      expect(answer.headers.get('cross-origin-opener-policy'), route).toBe('same-origin');
    }
  });

  it('serves the app at / whatever the client accepts, and hashed assets compressed and immutable', async () => {
    const server = await start();
    for (const accept of ['*/*', 'text/html', 'application/json']) {
      const page = await fetch(`${server.url}/`, { headers: { accept } });
      expect(page.status, accept).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
    }
    const asset = await fetch(`${server.url}/assets/index-3f2a1b.js`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.headers.get('content-encoding')).toMatch(/br|gzip/);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect((await fetch(`${server.url}/api/v1/nowhere`, { headers: { accept: '*/*' } })).status).toBe(404);
  });

  it('rate-limits loopback too in production', async () => {
    const server = await start({ NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:2525' });
    const statuses = new Set<number>();
    for (let i = 0; i < 620; i += 20)
      (await Promise.all(Array.from({ length: 20 }, () => fetch(`${server.url}/api/v1/consent-information/teleconsultation`)))).forEach(
        (r) => statuses.add(r.status),
      );
    expect(statuses).toContain(429);
  });
});
