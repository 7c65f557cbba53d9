import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo.js';
import { loadConfig } from '../../platform/config.js';
import { createEventBus, type EventBus } from '../../platform/events/index.js';
import { createLogger } from '../../platform/logger.js';
import { ApiClient } from '../../platform/testing/client.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import { startServer, type RunningServer } from '../../server.js';
import { DEMO_PASSWORD } from './demo.js';
import { SessionCache, type CachedSession } from './session-cache.js';

const quiet = createLogger('silent');

describeEachDatabase('sessions remembered for a moment, forgotten at once', (database, kind) => {
  // Two nodes on one database and one bus (in-process here; NATS between real nodes).
  let bus: EventBus;
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(async () => {
    await seedDemo(database().db);
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    bus = createEventBus(config, quiet);
    a = await startServer({ config, database: database(), logger: quiet, events: bus });
    // PGlite is one process's: the second node shares its database object, as a second app would.
    b = await startServer({ config, database: database(), logger: quiet, events: bus });
    await Promise.all([a.ctx.ready, b.ctx.ready]);
  });
  afterAll(async () => {
    await a.app.close();
    await b.app.close();
    await bus.close();
  });

  it(`refuses a logged-out session at once on every node [${kind}]`, async () => {
    const onA = new ApiClient(a.url);
    await onA.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD);
    const onB = new ApiClient(b.url);
    onB.cookie = onA.cookie;
    expect((await onB.get('/api/v1/me')).status).toBe(200); // now remembered on B
    expect((await onA.post('/api/v1/auth/logout')).status).toBe(204);
    await bus.flush();
    expect((await onB.get('/api/v1/me')).status).toBe(401);
  });

  it('knows a dependant the moment it is added', async () => {
    const parent = new ApiClient(a.url);
    await parent.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD);
    expect((await parent.get('/api/v1/me')).status).toBe(200); // remembered, without the new record
    const added = await parent.post<{ id: string }>('/api/v1/me/dependants', {
      birthName: 'Petit',
      firstNames: 'Zoé',
      sex: 'F',
      birthDate: '2022-03-04',
    });
    expect(added.status).toBe(201);
    expect((await parent.get(`/api/v1/patients/${added.body.id}`)).status).toBe(200);
  });
});

describe('the session cache', () => {
  const session: CachedSession = {
    sessionId: 's',
    accountId: 'a',
    actor: { accountId: 'a', sessionId: 's', memberships: [], patientIds: [], isProfessional: false },
    csrfToken: 't',
    secondFactorPending: false,
  };

  it('loads a session once for the requests that ask for it together, then answers from memory', async () => {
    const cache = new SessionCache();
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return session;
    };
    const answers = await Promise.all(Array.from({ length: 50 }, () => cache.load('k', load)));
    expect(answers.every((answer) => answer === session)).toBe(true);
    expect(await cache.load('k', load)).toMatchObject(session);
    expect(loads).toBe(1);
  });

  it('answers a session near the end of its life at once, and renews it in the background', async () => {
    const cache = new SessionCache(2_000);
    const renewed = { ...session, csrfToken: 'renewed' };
    let release: () => void = () => {};
    const t0 = Date.now(); // when the loads below are stored
    await cache.load('k', async () => session, t0);
    expect(await cache.load('k', () => Promise.reject(new Error('not due')), t0 + 1_000)).toMatchObject(session);
    // In the last quarter: the cached one now, the renewed one once loaded.
    const answer = await cache.load('k', () => new Promise<CachedSession>((resolve) => (release = () => resolve(renewed))), t0 + 1_600);
    expect(answer).toMatchObject(session);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(cache.get('k', t0 + 1_700)).toMatchObject(renewed);
    // Past its life, never answered from memory: the load is waited for.
    expect(await cache.load('k', async () => null, t0 + 10_000)).toBeNull();
    expect(cache.get('k', t0 + 1_700)).toBeUndefined();
  });

  it('does not keep a load that a forget overtook, nor a session that was not found', async () => {
    const cache = new SessionCache();
    let release: () => void = () => {};
    const loading = cache.load('k', () => new Promise<CachedSession>((resolve) => (release = () => resolve(session))));
    cache.forget('a');
    release();
    expect(await loading).toBe(session);
    expect(cache.get('k')).toBeUndefined();
    expect(await cache.load('gone', async () => null)).toBeNull();
    expect(cache.get('gone')).toBeUndefined();
  });
});
