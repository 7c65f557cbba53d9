import { sql } from 'kysely';
import { z } from 'zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../demo.js';
import { DEMO_PASSWORD } from '../../modules/accounts/index.js';
import { MODULES } from '../../modules/index.js';
import { actorOf } from '../auth/hook.js';
import { managesPatient } from '../auth/policy.js';
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import type { Database } from '../database/database.js';
import type { EventBus } from '../events/bus.js';
import { createEventBus } from '../events/index.js';
import { collect, natsForTests, testNamespace } from '../events/testing.js';
import { buildApp } from '../http/app.js';
import { problem } from '../http/problem.js';
import { createAuditTrail } from '../audit/audit.js';
import { createJobs } from '../jobs/index.js';
import { createLogger } from '../logger.js';
import { createMailer } from '../mail/mailer.js';
import { defineModule, loadModules } from '../module.js';
import { ApiClient } from '../testing/client.js';
import { describeEachDatabase } from '../testing/databases.js';
import { CLOSE_CODES } from './protocol.js';
import { publishLive, type Realtime, type RealtimeOptions } from './realtime.js';
import { LiveTestClient } from './testing.js';
import { signLiveToken } from './token.js';
import { defineTopic } from './topics.js';

const natsUrl = await natsForTests();
const SECRET = 'a-test-secret-of-at-least-32-bytes!!';
const quiet = createLogger(process.env.TEST_LOG ?? 'silent');

/** A patient's own live topic, behind the same policy as the patient's routes. */
const patientTopic = defineTopic({
  name: 'patient',
  params: ['patientId'],
  authorize: (actor, { patientId }) => managesPatient(actor, patientId),
});

/** A module standing in for a real one: a write that publishes to the patient's topic. */
const notes = defineModule({
  name: 'notes',
  tables: [],
  topics: [patientTopic],
  register: (scope, ctx) => {
    scope.post(
      '/api/v1/test/patients/:patientId/notes',
      {
        schema: {
          params: z.object({ patientId: z.uuid() }).strict(),
          body: z.object({ text: z.string().max(200).optional(), n: z.number().int().optional() }).strict(),
        },
        config: { policy: 'signed-in' },
      },
      async (request, reply) => {
        const { patientId } = request.params as { patientId: string };
        if (!managesPatient(actorOf(request), patientId)) throw problem.notFound();
        publishLive(ctx.events, patientTopic.topic({ patientId }), 'note.added', request.body);
        return reply.code(202).send();
      },
    );
  },
});

interface LiveNode {
  url: string;
  bus: EventBus;
  realtime: Realtime;
  close(): Promise<void>;
}

/**
 * A server node as startServer builds it (the modules, their session check), plus the realtime
 * endpoint and, standing in for a module's write, a route that publishes to the patient's topic.
 */
async function startLiveNode(database: Database, bus: EventBus, options: Partial<RealtimeOptions> = {}): Promise<LiveNode> {
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.TEST_LOG ?? 'silent' });
  // As startServer builds it (jobs defined, not started: these tests need none).
  const ctx: AppContext = {
    config,
    database,
    logger: quiet,
    mailer: createMailer(config, quiet),
    events: bus,
    jobs: createJobs({ database, logger: quiet }),
    audit: createAuditTrail({ db: database.db, kind: database.kind, dataDir: config.dataDir }),
    ready: Promise.resolve(),
  };
  let realtime: Realtime | undefined;
  const app = await buildApp(ctx, {
    modules: async (scope) => {
      realtime = await loadModules(scope, ctx, [...MODULES, notes], { tokenSecret: SECRET, ...options });
    },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    bus,
    realtime: realtime!,
    close: async () => {
      await app.close();
      ctx.mailer.close();
    },
  };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await wait(25);
  }
}

describeEachDatabase('live events over one WebSocket', (database) => {
  const transport = natsUrl ? 'NATS' : 'one in-process bus';
  const buses: EventBus[] = [];
  const nodes: LiveNode[] = [];
  /** a and b: two nodes of one cluster. c: quick heartbeats and session checks. d: a small send budget. */
  let a: LiveNode, b: LiveNode, c: LiveNode, d: LiveNode;
  let camille: ApiClient;
  let camilleId: string, otherPatientId: string, camilleAccountId: string;

  const bus = (nats: boolean, namespace?: string) => {
    const made = createEventBus({ natsUrl: nats ? natsUrl : undefined }, quiet, { namespace });
    buses.push(made);
    return made;
  };

  beforeAll(async () => {
    const db = database().db;
    await seedDemo(db);
    const ownRecord = async (email: string) =>
      (
        await sql<{ id: string; account_id: string }>`select p.id, p.account_id from patients p join accounts a on a.id = p.account_id
        where a.email = ${email} and p.first_names = a.given_name`.execute(db)
      ).rows[0]!;
    const camilleRecord = await ownRecord('camille.petit@demo.parcours.fr');
    camilleId = camilleRecord.id;
    camilleAccountId = camilleRecord.account_id;
    otherPatientId = (await ownRecord('jean.moreau@demo.parcours.fr')).id;

    const namespace = testNamespace();
    const shared = natsUrl ? undefined : bus(false);
    const rateLimits = { limits: { messageBurst: 20, messagesPerSecond: 5 } };
    a = await startLiveNode(database(), shared ?? bus(true, namespace), rateLimits);
    b = await startLiveNode(database(), shared ?? bus(true, namespace), rateLimits);
    // Heartbeats short enough for a test, long enough that a busy machine's event loop does not miss one.
    c = await startLiveNode(database(), bus(false), { limits: { heartbeatMs: 500, revalidateMs: 500 } });
    d = await startLiveNode(database(), bus(false), { limits: { maxBufferedBytes: 256 * 1024, closeGraceMs: 10_000 } });
    nodes.push(a, b, c, d);
    await Promise.all(buses.map((x) => x.flush()));

    camille = new ApiClient(a.url);
    expect((await camille.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD)).status).toBe(200);
  });
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.close()));
    await Promise.all(buses.map((x) => x.close()));
  });

  it('refuses a connection without a session, saying why in the connection’s language, and closes with 4401', async () => {
    for (const [lang, title] of [
      ['fr', 'Connexion en direct refusée : authentification requise'],
      ['en', 'Live connection refused: authentication required'],
    ] as const) {
      const anonymous = await LiveTestClient.connect(a.url, { lang });
      const error = await anonymous.next('error');
      expect(error.problem).toEqual({ type: 'urn:parcours:problem:live-unauthenticated', title, status: 401 });
      expect((await anonymous.closed).code).toBe(CLOSE_CODES.unauthenticated);
    }
    const forged = await LiveTestClient.connect(a.url, { cookie: 'parcours_session=forged' });
    expect((await forged.closed).code).toBe(CLOSE_CODES.unauthenticated);
  });

  it('refuses an upgrade from another site’s page (403) and answers a plain GET with 426', async () => {
    await expect(LiveTestClient.connect(a.url, { cookie: camille.cookie, origin: 'https://evil.example' })).rejects.toMatchObject({
      status: 403,
    });
    const sameOrigin = await LiveTestClient.connect(a.url, { cookie: camille.cookie, origin: a.url });
    expect(await sameOrigin.next('welcome')).toMatchObject({ heartbeatMs: 25_000, resumeWindowMs: 120_000, maxMessageBytes: 4096 });
    sameOrigin.close();

    const plain = await fetch(`${a.url}/api/v1/live`, { headers: { 'accept-language': 'en' } });
    expect(plain.status).toBe(426);
    expect(plain.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await plain.json()).toMatchObject({ type: 'urn:parcours:problem:live-upgrade-required', status: 426 });
  });

  it(`carries a change made through the API on node A to a page connected to node B (${transport})`, async () => {
    const page = await LiveTestClient.connect(b.url, { cookie: camille.cookie });
    const topic = patientTopic.topic({ patientId: camilleId });
    expect(await page.subscribe(topic)).toEqual({ type: 'subscribed', topic, replayed: 0, gap: false });
    expect((await camille.post(`/api/v1/test/patients/${camilleId}/notes`, { text: 'Tension 12/8' })).status).toBe(202);
    const event = await page.next('event');
    expect(event).toMatchObject({ topic, event: 'note.added', data: { text: 'Tension 12/8' } });
    expect(event.id).toEqual(expect.any(String));
    expect(Date.parse(event.at)).toBeGreaterThan(Date.now() - 10_000);
    page.close();
  });

  it('refuses a topic the actor may not see, and an unknown one, without closing the connection', async () => {
    const page = await LiveTestClient.connect(b.url, { cookie: camille.cookie, lang: 'en' });
    const forbidden = patientTopic.topic({ patientId: otherPatientId });
    expect(await page.subscribe(forbidden)).toEqual({
      type: 'error',
      topic: forbidden,
      problem: { type: 'urn:parcours:problem:live-topic-forbidden', title: 'Access to this stream denied', status: 403 },
    });
    expect(await page.subscribe('appointments:all')).toMatchObject({ problem: { type: 'urn:parcours:problem:live-topic-unknown' } });
    for (const malformed of ['{not json', JSON.stringify({ type: 'subscribe', topic: forbidden, admin: true })]) {
      const from = page.messages.length;
      page.send(malformed);
      expect((await page.next('error', () => true, { from })).problem.type).toBe('urn:parcours:problem:live-message-invalid');
    }

    publishLive(a.bus, forbidden, 'note.added', { text: 'not for Camille' });
    page.send({ type: 'ping' });
    await page.next('pong');
    await wait(100);
    expect(page.messages.filter((m) => m.type === 'event')).toEqual([]);
    page.close();
  });

  it('closes a connection that sends a message over the size limit (1009)', async () => {
    const page = await LiveTestClient.connect(a.url, { cookie: camille.cookie });
    await page.next('welcome');
    page.send({ type: 'subscribe', topic: 'patient:' + 'x'.repeat(5_000) });
    expect((await page.closed).code).toBe(CLOSE_CODES.tooLarge);
  });

  it('rate limits each connection: past its burst, says so and closes (4429)', async () => {
    const page = await LiveTestClient.connect(a.url, { cookie: camille.cookie, lang: 'en' });
    await page.next('welcome');
    for (let i = 0; i < 40; i++) page.send({ type: 'ping' });
    const error = await page.next('error');
    expect(error.problem).toMatchObject({ type: 'urn:parcours:problem:live-rate-limited', status: 429 });
    expect((await page.closed).code).toBe(CLOSE_CODES.rateLimited);
    expect(page.messages.filter((m) => m.type === 'pong').length).toBeLessThanOrEqual(20);
  });

  it('resumes after a reconnect, on another node: the missed events come in order; a lost history is reported as a gap', async () => {
    const topic = patientTopic.topic({ patientId: camilleId });
    const first = await LiveTestClient.connect(a.url, { cookie: camille.cookie });
    await first.subscribe(topic);
    await camille.post(`/api/v1/test/patients/${camilleId}/notes`, { n: 1 });
    const seen = await first.next('event', (m) => (m.data as { n?: number }).n === 1);
    first.close();
    await first.closed;

    const heardOnB = collect(b.bus, 'realtime.published');
    await b.bus.flush();
    await camille.post(`/api/v1/test/patients/${camilleId}/notes`, { n: 2 });
    await camille.post(`/api/v1/test/patients/${camilleId}/notes`, { n: 3 });
    await heardOnB.until(2); // they crossed the bus to node B…
    await wait(50); // …and its history, fed by its own subscription, has them too
    heardOnB.unsubscribe();

    const again = await LiveTestClient.connect(b.url, { cookie: camille.cookie });
    expect(await again.subscribe(topic, seen.id)).toEqual({ type: 'subscribed', topic, replayed: 2, gap: false });
    await eventually(() => again.events(topic).length === 2);
    expect(again.events(topic).map((e) => e.data)).toEqual([{ n: 2 }, { n: 3 }]);

    await camille.post(`/api/v1/test/patients/${camilleId}/notes`, { n: 4 });
    await again.next('event', (m) => (m.data as { n?: number }).n === 4);

    const late = await LiveTestClient.connect(b.url, { cookie: camille.cookie });
    expect(await late.subscribe(topic, 'an-id-long-forgotten')).toEqual({ type: 'subscribed', topic, replayed: 0, gap: true });
    again.close();
    late.close();
  });

  it('lets a signed resource token open its one topic and nothing else', async () => {
    const topic = patientTopic.topic({ patientId: camilleId });
    const token = await signLiveToken(SECRET, { topic, subject: 'guest-interpreter' }, 60);
    const guest = await LiveTestClient.connect(a.url, { token });
    await guest.next('welcome');
    expect(await guest.subscribe(topic)).toMatchObject({ type: 'subscribed' });
    expect(await guest.subscribe(patientTopic.topic({ patientId: otherPatientId }))).toMatchObject({
      problem: { type: 'urn:parcours:problem:live-topic-forbidden' },
    });
    guest.close();

    const forged = await LiveTestClient.connect(a.url, {
      token: await signLiveToken('another-secret-of-at-least-32-bytes', { topic, subject: 'x' }),
    });
    expect((await forged.next('error')).problem.type).toBe('urn:parcours:problem:live-token-invalid');
    expect((await forged.closed).code).toBe(CLOSE_CODES.unauthenticated);
  });

  it('ends the connections of an ended session: at once on `session.ended`, and at the next check after a log-out', async () => {
    const page = await LiveTestClient.connect(c.url, { cookie: camille.cookie });
    await page.next('welcome');
    c.bus.publish('session.ended', { accountId: camilleAccountId });
    expect((await page.next('error')).problem.type).toBe('urn:parcours:problem:live-session-ended');
    expect((await page.closed).code).toBe(CLOSE_CODES.unauthenticated);

    const leaving = new ApiClient(c.url);
    await leaving.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD);
    const other = await LiveTestClient.connect(c.url, { cookie: leaving.cookie });
    await other.subscribe(patientTopic.topic({ patientId: camilleId }));
    expect((await leaving.post('/api/v1/auth/logout')).status).toBeLessThan(300);
    expect((await other.closed).code).toBe(CLOSE_CODES.unauthenticated);
    expect(other.messages.at(-1)).toMatchObject({ type: 'error', problem: { type: 'urn:parcours:problem:live-session-ended' } });
  });

  it('drops a peer that stops answering pings', async () => {
    const page = await LiveTestClient.connect(c.url, { cookie: camille.cookie });
    await page.next('welcome');
    await wait(1_200);
    expect(c.realtime.stats().connections).toBe(1); // answering: kept
    (page.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    await eventually(() => c.realtime.stats().connections === 0, 5_000);
    page.socket.terminate();
  });

  it('disconnects a client too slow to read its events (4408) instead of buffering without bound', async () => {
    const topic = patientTopic.topic({ patientId: camilleId });
    const slow = await LiveTestClient.connect(d.url, { cookie: camille.cookie });
    await slow.subscribe(topic);
    const socket = (slow.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    const published = 600;
    for (let i = 0; i < published; i++) {
      publishLive(d.bus, topic, 'note.added', { n: i, padding: 'x'.repeat(60_000) });
      if (i % 50 === 49) await d.bus.flush();
    }
    await d.bus.flush();
    socket.resume();
    expect((await slow.closed).code).toBe(CLOSE_CODES.tooSlow);
    const received = slow.events(topic).length;
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(published);
    await eventually(() => d.realtime.stats().connections === 0);
  });

  it('closes its connections with 1001 when the node shuts down, so that clients resume on another node', async () => {
    const leaving = await startLiveNode(database(), bus(false));
    const page = await LiveTestClient.connect(leaving.url, { cookie: camille.cookie });
    await page.subscribe(patientTopic.topic({ patientId: camilleId }));
    const started = Date.now();
    await leaving.close();
    expect((await page.closed).code).toBe(CLOSE_CODES.goingAway);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
