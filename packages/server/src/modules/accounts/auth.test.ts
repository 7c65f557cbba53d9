import { generate } from 'otplib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient } from '../../platform/testing/client.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import { startTestServer } from '../../platform/testing/server.js';
import { startMailCatcher } from '../../platform/testing/smtp.js';
import type { RunningServer } from '../../server.js';
import { everyTable } from '../testing.js';
import { SESSION_CACHE_TTL_MS } from './session-cache.js';

/** The clock is moved in the database; the node's memory of the session lapses as real time would. */
const outliveSessionCache = () => new Promise((resolve) => setTimeout(resolve, SESSION_CACHE_TTL_MS + 100));

const identity = { birthName: 'Durand', firstNames: 'Alice Marie', sex: 'F', birthDate: '1990-05-17', birthPlaceInsee: '75056' };
const linkToken = (text: string) => /token=([A-Za-z0-9_-]+)/.exec(text)![1]!;

describeEachDatabase('a patient signs up, verifies and logs in', (database) => {
  let server: RunningServer;
  let mail: Awaited<ReturnType<typeof startMailCatcher>>;
  beforeAll(async () => {
    mail = await startMailCatcher();
    server = await startTestServer(database(), { SMTP_URL: mail.url, SESSION_IDLE_MINUTES: '5' });
  });
  afterAll(async () => {
    await server.app.close();
    await mail.close();
  });

  it('registers with a mailed verification link, then logs in without a second factor', async () => {
    const alice = new ApiClient(server.url);
    const registered = await alice.post('/api/v1/auth/register', {
      email: 'Alice@Example.org',
      password: 'correct horse battery',
      givenName: 'Alice',
      familyName: 'Durand',
      identity,
    });
    expect(registered.status).toBe(202);

    const before = await alice.post('/api/v1/auth/login', { email: 'alice@example.org', password: 'correct horse battery' });
    expect(before.status).toBe(403);
    expect(before.body.type).toBe('urn:parcours:problem:email-not-verified');

    const message = await mail.next('alice@example.org');
    expect(message.subject).toMatch(/confirmez/);
    expect(message.text).not.toMatch(/1990|Durand/); // links only, nothing personal
    expect((await alice.post('/api/v1/auth/verify-email', { token: linkToken(message.text) })).status).toBe(204);
    expect((await alice.post('/api/v1/auth/verify-email', { token: linkToken(message.text) })).status).toBe(400); // once only

    const login = await alice.post('/api/v1/auth/login', { email: 'alice@example.org', password: 'correct horse battery' });
    expect(login.status).toBe(200);
    expect(login.body.next).toBe('done');
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(login.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);

    const me = await alice.get<{ email: string; patients: { isSelf: boolean; birthName: string }[] }>('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('alice@example.org');
    expect(me.body.patients).toEqual([expect.objectContaining({ isSelf: true, birthName: 'DURAND' })]);
  });

  it('gives the same answer for a taken address and mails its owner instead', async () => {
    const again = await new ApiClient(server.url).post('/api/v1/auth/register', {
      email: 'alice@example.org',
      password: 'another long password',
      givenName: 'A',
      familyName: 'B',
      identity,
    });
    expect(again.status).toBe(202);
    expect((await mail.next('alice@example.org')).subject).toMatch(/tentative/);
  });

  it('rejects bad input with a problem naming each field, and creates nothing', async () => {
    const client = new ApiClient(server.url, 'en');
    const reply = await client.post<{ type: string; errors: { field: string }[] }>('/api/v1/auth/register', {
      email: 'not-an-email',
      password: 'short',
      givenName: 'X',
      familyName: 'Y',
      identity: { ...identity, birthDate: '2990-01-01', nir: '1 57 01 67 482 140' },
      admin: true,
    });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toMatch(/problem\+json/);
    expect(reply.body.errors.map((e) => e.field).sort()).toEqual(['admin', 'email', 'identity.birthDate', 'identity.nir', 'password']);
    const count = await everyTable(database().db)
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email', '=', 'not-an-email')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('throttles wrong passwords with growing delays', async () => {
    const client = new ApiClient(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await client.post('/api/v1/auth/login', { email: 'alice@example.org', password: 'wrong password!' })).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    // Even the right password waits until the delay is over.
    const right = await client.post('/api/v1/auth/login', { email: 'alice@example.org', password: 'correct horse battery' });
    expect(right.status).toBe(429);
    expect(right.body.retryAfterSeconds).toBeGreaterThan(0);
    await everyTable(database().db).deleteFrom('login_throttle').execute();
  });

  it('revokes the session at logout: the old cookie opens nothing', async () => {
    const alice = new ApiClient(server.url);
    await alice.login('alice@example.org', 'correct horse battery');
    const cookie = alice.cookie;
    expect((await alice.post('/api/v1/auth/logout')).status).toBe(204);
    alice.cookie = cookie;
    expect((await alice.get('/api/v1/me')).status).toBe(401);
  });

  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const alice = new ApiClient(server.url);
    await alice.login('alice@example.org', 'correct horse battery');
    expect((await alice.get('/api/v1/me')).status).toBe(200);
    await everyTable(database().db)
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 6 * 60_000) })
      .where('revoked_at', 'is', null)
      .execute();
    await outliveSessionCache();
    expect((await alice.get('/api/v1/me')).status).toBe(401);

    await alice.login('alice@example.org', 'correct horse battery');
    await everyTable(database().db)
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('revoked_at', 'is', null)
      .execute();
    await outliveSessionCache();
    expect((await alice.get('/api/v1/me')).status).toBe(401);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const alice = new ApiClient(server.url);
    await alice.login('alice@example.org', 'correct horse battery');
    alice.csrfToken = undefined;
    const reply = await alice.request('PATCH', '/api/v1/me', { locale: 'en' });
    expect(reply.status).toBe(403);
    expect(reply.body.type).toBe('urn:parcours:problem:csrf-token-invalid');
  });

  it('resets a forgotten password by mail and ends the other sessions', async () => {
    const other = new ApiClient(server.url);
    await other.login('alice@example.org', 'correct horse battery');
    const alice = new ApiClient(server.url);
    expect((await alice.post('/api/v1/auth/password/forgot', { email: 'alice@example.org' })).status).toBe(202);
    expect((await alice.post('/api/v1/auth/password/forgot', { email: 'nobody@example.org' })).status).toBe(202);
    const token = linkToken((await mail.next('alice@example.org')).text);
    expect((await alice.post('/api/v1/auth/password/reset', { token, password: 'a brand new passphrase' })).status).toBe(204);
    expect((await other.get('/api/v1/me')).status).toBe(401);
    expect((await alice.login('alice@example.org', 'correct horse battery')).status).toBe(401);
    expect((await alice.login('alice@example.org', 'a brand new passphrase')).status).toBe(200);
  });

  it('lets a patient turn on a second factor, then asks for it at log-in and refuses a wrong code', async () => {
    const alice = new ApiClient(server.url);
    await alice.login('alice@example.org', 'a brand new passphrase');
    const enrolment = await alice.post<{ secret: string; uri: string }>('/api/v1/auth/second-factor/enrolment');
    expect(enrolment.body.uri).toMatch(/^otpauth:\/\/totp\/Parcours/);
    const confirmed = await alice.post<{ recoveryCodes: string[] }>('/api/v1/auth/second-factor/enrolment/confirm', {
      code: await generate({ secret: enrolment.body.secret }),
    });
    expect(confirmed.body.recoveryCodes).toHaveLength(10);

    const next = new ApiClient(server.url);
    expect((await next.post('/api/v1/auth/login', { email: 'alice@example.org', password: 'a brand new passphrase' })).body.next).toBe(
      'second-factor',
    );
    expect((await next.get('/api/v1/patients/' + '00000000-0000-4000-8000-000000000000')).status).toBe(401);
    const wrong = await next.post('/api/v1/auth/second-factor/verify', { code: '000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.type).toBe('urn:parcours:problem:totp-invalid');
    const beforeSecondFactor = next.cookie;
    expect((await next.post('/api/v1/auth/second-factor/verify', { recoveryCode: confirmed.body.recoveryCodes[0] })).status).toBe(204);
    expect((await next.get('/api/v1/me')).status).toBe(200);
    // The session goes on under a new token: the one seen before the second step opens nothing now.
    expect(next.cookie).not.toBe(beforeSecondFactor);
    const stale = new ApiClient(server.url);
    stale.cookie = beforeSecondFactor;
    expect((await stale.get('/api/v1/me')).status).toBe(401);
  });
});
