import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../demo.js';
import { ApiClient } from '../../platform/testing/client.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import { startTestServer } from '../../platform/testing/server.js';
import type { RunningServer } from '../../server.js';
import { everyTable } from '../testing.js';
import { LiveTestClient } from '../../platform/realtime/testing.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from './demo.js';
import { accountTopic } from './topics.js';

describeEachDatabase('the profile', (database) => {
  let server: RunningServer;
  beforeAll(async () => {
    await seedDemo(database().db);
    server = await startTestServer(database());
  });
  afterAll(async () => {
    await server.app.close();
  });

  it('cannot be renamed before the second factor', async () => {
    const halfway = new ApiClient(server.url);
    expect(
      (await halfway.post<{ next: string }>('/api/v1/auth/login', { email: 'dr.benali@demo.parcours.fr', password: DEMO_PASSWORD })).body
        .next,
    ).toBe('second-factor');
    const rename = await halfway.request('PATCH', '/api/v1/me', { givenName: 'Claire', familyName: 'Martin' });
    expect(rename.status).toBe(401);
    expect(rename.body.type).toBe('urn:parcours:problem:second-factor-required');
    const row = await everyTable(database().db)
      .selectFrom('accounts')
      .select(['given_name', 'family_name'])
      .where('email', '=', 'dr.benali@demo.parcours.fr')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ given_name: 'Karim', family_name: 'Benali' });
  });

  it('names a professional’s profession, so that screens offer only the acts it may bill', async () => {
    const doctor = new ApiClient(server.url);
    await doctor.login('dr.martin@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET);
    expect((await doctor.get<{ practitioner: unknown }>('/api/v1/me')).body.practitioner).toEqual({
      profession: 'doctor',
      specialty: expect.any(String),
    });
    const patient = new ApiClient(server.url);
    await patient.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD);
    expect((await patient.get<{ practitioner: unknown }>('/api/v1/me')).body.practitioner).toBeNull();
  });

  it('records every change of the profile in the audit trail', async () => {
    const doctor = new ApiClient(server.url);
    await doctor.login('dr.benali@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET);
    const me = await doctor.get<{ id: string }>('/api/v1/me');
    expect((await doctor.request('PATCH', '/api/v1/me', { locale: 'en' })).status).toBe(204);
    const entry = await everyTable(database().db)
      .selectFrom('audit_log')
      .select(['action', 'resource_id', 'actor_account_id'])
      .where('action', '=', 'account.update')
      .where('actor_account_id', '=', me.body.id)
      .executeTakeFirst();
    expect(entry).toMatchObject({ action: 'account.update', resource_id: me.body.id });
  });

  it('tells the account’s live pages that the profile changed, and no one else’s', async () => {
    const camille = new ApiClient(server.url);
    await camille.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD);
    const me = await camille.get<{ id: string }>('/api/v1/me');
    const page = await LiveTestClient.connect(server.url, { cookie: camille.cookie });
    const topic = accountTopic.topic({ accountId: me.body.id });
    expect(await page.subscribe(topic)).toMatchObject({ type: 'subscribed', topic });
    expect((await camille.request('PATCH', '/api/v1/me', { givenName: 'Camille-Anne' })).status).toBe(204);
    expect(await page.next('event')).toMatchObject({ topic, event: 'account.updated' });
    const doctor = new ApiClient(server.url);
    await doctor.login('dr.martin@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET);
    const prying = await LiveTestClient.connect(server.url, { cookie: doctor.cookie });
    expect(await prying.subscribe(topic)).toMatchObject({ type: 'error', topic });
    page.close();
    prying.close();
  });
});
