import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../demo.js';
import { loadConfig } from '../../platform/config.js';
import type { EventBus } from '../../platform/events/bus.js';
import { createEventBus } from '../../platform/events/index.js';
import { natsForTests, testNamespace } from '../../platform/events/testing.js';
import { createLogger } from '../../platform/logger.js';
import { CLOSE_CODES, signLiveToken, type ServerMessage } from '../../platform/realtime/index.js';
import { LiveTestClient } from '../../platform/realtime/testing.js';
import { ApiClient } from '../../platform/testing/client.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import { startServer, type RunningServer } from '../../server.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../accounts/index.js';
import { videoAppointmentSoon } from '../testing.js';

const natsUrl = await natsForTests();
const SECRET = 'the-nodes-shared-live-token-secret-0123456789';
const quiet = createLogger(process.env.TEST_LOG ?? 'silent');
const OFFER = { kind: 'description', description: { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' } };
const CANDIDATE = {
  kind: 'candidate',
  candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 },
};

type Relay = Extract<ServerMessage, { type: 'relay' }>;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDatabase('teleconsultation signaling: room tokens, relay between peers only, refusals, bad and flooding peers', (database) => {
  const transport = natsUrl ? 'NATS' : 'one in-process bus';
  let a: RunningServer, b: RunningServer;
  const buses: EventBus[] = [];
  let jean: ApiClient, martin: ApiClient, camille: ApiClient;
  let appointmentId: string, otherAppointmentId: string;
  const room = () => `room:${appointmentId}`;
  /** A room of guests only (tokens signed here, no session), for the mesh's limit. */
  const guestRoom = `room:${randomUUID()}`;

  /** A node as `parcours start` runs it, on the shared database and bus, with the cluster's token secret. */
  async function node(bus: EventBus): Promise<RunningServer> {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parcours-signaling-'));
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LIVE_TOKEN_SECRET: SECRET });
    return startServer({ config, database: database(), logger: quiet, events: bus });
  }

  const namespace = testNamespace();
  /** A node's own bus: over NATS when there is one (without, the nodes share the first in-process bus). */
  const bus = () => {
    const made = createEventBus({ natsUrl }, quiet, { namespace });
    buses.push(made);
    return made;
  };

  /** Joins the room with a fresh token from the API, as the call page does. */
  async function join(client: ApiClient, url: string, id = appointmentId) {
    const token = await client.post<{ token: string; topic: string }>(`/api/v1/appointments/${id}/teleconsultation/room-token`);
    expect(token.status, JSON.stringify(token.body)).toBe(200);
    const peer = await LiveTestClient.connect(url, { cookie: client.cookie, token: token.body.token, lang: 'en' });
    await peer.next('welcome');
    const joined = await peer.subscribe(token.body.topic);
    expect(joined).toMatchObject({ type: 'subscribed', peer: expect.stringMatching(/^[a-f0-9]{16}$/) });
    return {
      peer,
      id: (joined as { peer: string }).peer,
      joined: joined as Extract<ServerMessage, { type: 'subscribed' }>,
      token: token.body,
    };
  }

  beforeAll(async () => {
    await seedDemo(database().db);
    const shared = natsUrl ? undefined : bus();
    a = await node(shared ?? bus());
    b = await node(shared ?? bus());
    await Promise.all(buses.map((x) => x.flush()));
    [jean, martin, camille] = [new ApiClient(a.url), new ApiClient(a.url), new ApiClient(a.url)];
    expect((await jean.login('jean.moreau@demo.parcours.fr', DEMO_PASSWORD)).status).toBe(200);
    expect((await camille.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD)).status).toBe(200);
    expect((await martin.login('dr.martin@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET)).status).toBe(204);
    const appointment = await videoAppointmentSoon(database().db, {
      patient: 'jean.moreau@demo.parcours.fr',
      practitioner: 'dr.martin@demo.parcours.fr',
      startsInMinutes: 2,
    });
    appointmentId = appointment.appointmentId;
    // Another appointment of Dr Martin's, Camille's, whose room Jean must never reach.
    const other = await videoAppointmentSoon(database().db, {
      patient: 'camille.petit@demo.parcours.fr',
      practitioner: 'dr.martin@demo.parcours.fr',
      startsInMinutes: -25,
    });
    otherAppointmentId = other.appointmentId;
    for (const [client, id, patientId] of [
      [jean, appointmentId, appointment.patientId],
      [camille, otherAppointmentId, other.patientId],
    ] as const) {
      expect((await client.post(`/api/v1/appointments/${id}/teleconsultation/check-in`)).status).toBe(200);
      expect((await martin.post(`/api/v1/appointments/${id}/teleconsultation/admit`)).status).toBe(200);
      const consent = await client.post(`/api/v1/patients/${patientId}/consents`, {
        act: 'teleconsultation',
        informationVersion: '2026-01',
      });
      expect(consent.status).toBe(201);
    }
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all(buses.map((x) => x.close()));
  });

  it(`relays offer, answer and candidates between the patient on node A and the practitioner on node B, to them alone (${transport})`, async () => {
    const patient = await join(jean, a.url);
    const martinB = new ApiClient(b.url);
    martinB.cookie = martin.cookie;
    martinB.csrfToken = martin.csrfToken;
    const doctor = await join(martinB, b.url);
    // The newcomer learns who is there; those there learn of the newcomer.
    expect(doctor.joined.peers).toEqual([{ peer: patient.id, subject: expect.stringMatching(/^account:/) }]);
    await patient.peer.next('peer', (m) => m.peer === doctor.id && m.present);
    // Someone in another room hears nothing of this one.
    const elsewhere = await join(camille, a.url, otherAppointmentId);

    doctor.peer.send({ type: 'relay', topic: room(), to: patient.id, data: OFFER });
    const offer = (await patient.peer.next('relay')) as Relay;
    expect(offer).toEqual({ type: 'relay', topic: room(), from: doctor.id, data: OFFER });
    patient.peer.send({ type: 'relay', topic: room(), to: doctor.id, data: { ...OFFER, description: { type: 'answer', sdp: 'v=0\r\n' } } });
    patient.peer.send({ type: 'relay', topic: room(), data: CANDIDATE });
    patient.peer.send({ type: 'relay', topic: room(), data: { kind: 'candidate', candidate: null } });
    await doctor.peer.next('relay', (m) => (m.data as { kind: string; candidate?: unknown }).candidate === null);
    expect(doctor.peer.messages.filter((m) => m.type === 'relay').map((m) => (m as Relay).data)).toEqual([
      { kind: 'description', description: { type: 'answer', sdp: 'v=0\r\n' } },
      CANDIDATE,
      { kind: 'candidate', candidate: null },
    ]);
    // Nobody hears their own messages, nor another room's.
    expect(patient.peer.messages.filter((m) => m.type === 'relay')).toHaveLength(1);
    expect(elsewhere.peer.messages.filter((m) => m.type === 'relay' || m.type === 'peer')).toEqual([]);

    doctor.peer.close();
    await patient.peer.next('peer', (m) => m.peer === doctor.id && !m.present);
    for (const p of [patient, elsewhere]) p.peer.close();
  });

  it('refuses a user of another appointment, a session without a token, a token without its session, and an expired token', async () => {
    // Camille's token opens Camille's room, not Jean's.
    const token = await camille.post<{ token: string }>(`/api/v1/appointments/${otherAppointmentId}/teleconsultation/room-token`);
    const intruder = await LiveTestClient.connect(a.url, { cookie: camille.cookie, token: token.body.token });
    await intruder.next('welcome');
    expect(await intruder.subscribe(room())).toMatchObject({
      type: 'error',
      problem: { type: 'urn:parcours:problem:live-topic-forbidden' },
    });
    intruder.send({ type: 'relay', topic: room(), data: OFFER });
    await intruder.next('error', (m) => m.problem.type === 'urn:parcours:problem:live-topic-forbidden' && m.topic === room(), { from: 2 });
    expect((await camille.post(`/api/v1/appointments/${appointmentId}/teleconsultation/room-token`)).status).toBe(404);
    intruder.close();

    // Jean's session alone does not open the room.
    const sessionOnly = await LiveTestClient.connect(a.url, { cookie: jean.cookie });
    await sessionOnly.next('welcome');
    expect(await sessionOnly.subscribe(room())).toMatchObject({ type: 'error', problem: { status: 403 } });
    sessionOnly.close();

    // Jean's token, without Jean's session (a leaked link), or with Camille's, is refused at once.
    const jeans = await jean.post<{ token: string }>(`/api/v1/appointments/${appointmentId}/teleconsultation/room-token`);
    for (const cookie of [undefined, camille.cookie]) {
      const leaked = await LiveTestClient.connect(a.url, { token: jeans.body.token, ...(cookie ? { cookie } : {}) });
      expect(await leaked.next('error')).toMatchObject({ problem: { type: 'urn:parcours:problem:live-token-invalid', status: 401 } });
      expect((await leaked.closed).code).toBe(CLOSE_CODES.unauthenticated);
    }

    // A token past its time.
    const jeanId = (await jean.get<{ id: string }>('/api/v1/me')).body.id;
    const expired = await signLiveToken(SECRET, { topic: room(), subject: `account:${jeanId}` }, 1);
    await wait(2_100);
    const late = await LiveTestClient.connect(a.url, { cookie: jean.cookie, token: expired });
    expect((await late.closed).code).toBe(CLOSE_CODES.unauthenticated);
    // A token signed with another secret.
    const forged = await signLiveToken('another-secret-of-at-least-32-bytes!!!!', { topic: room(), subject: `account:${jeanId}` });
    const forgery = await LiveTestClient.connect(a.url, { cookie: jean.cookie, token: forged });
    expect((await forgery.closed).code).toBe(CLOSE_CODES.unauthenticated);
  });

  it('drops malformed and oversized messages with an error to their sender alone, and keeps the call', async () => {
    const patient = await join(jean, a.url);
    const doctor = await join(martin, a.url);
    await patient.peer.next('peer', (m) => m.peer === doctor.id);
    const malformed: unknown[] = [
      '{not json',
      { type: 'relay', topic: room(), data: { kind: 'description', description: { type: 'offer' } } },
      { type: 'relay', topic: room(), data: { kind: 'media', bytes: 'AAAA' } },
      { type: 'relay', topic: room(), data: { ...OFFER, extra: true } },
      { type: 'relay', topic: room(), to: 'not-a-peer', data: OFFER },
      { type: 'relay', topic: room(), data: { kind: 'candidate', candidate: { candidate: 'x'.repeat(5_000) } } },
    ];
    const from = patient.peer.messages.length;
    for (const message of malformed) patient.peer.send(message);
    // Within the socket's cap but over the room's 32 kB: dropped and told, the connection stays.
    patient.peer.send({
      type: 'relay',
      topic: room(),
      data: { kind: 'description', description: { type: 'offer', sdp: 'x'.repeat(40_000) } },
    });
    patient.peer.send({ type: 'ping' });
    await patient.peer.next('pong', () => true, { from });
    const errors = patient.peer.messages.slice(from).filter((m) => m.type === 'error');
    // (The size is checked on arrival, the content in turn: the too-large one may be told first.)
    expect(errors.map((e) => (e as { problem: { type: string } }).problem.type).sort()).toEqual([
      ...malformed.map(() => 'urn:parcours:problem:live-message-invalid'),
      'urn:parcours:problem:live-message-too-large',
    ]);
    await wait(200);
    expect(doctor.peer.messages.filter((m) => m.type === 'relay' || m.type === 'error')).toEqual([]);

    // The call goes on.
    patient.peer.send({ type: 'relay', topic: room(), to: doctor.id, data: OFFER });
    expect(await doctor.peer.next('relay')).toMatchObject({ from: patient.id, data: OFFER });
    // Past the socket's own cap, the socket closes (1009): no server holds a megabyte for a peer.
    patient.peer.send({ type: 'relay', topic: room(), data: 'x'.repeat(200_000) });
    expect((await patient.peer.closed).code).toBe(CLOSE_CODES.tooLarge);
    doctor.peer.close();
  });

  it('throttles a flooding peer (its excess dropped, told at most once a second) and keeps serving the others', async () => {
    const flooder = await join(jean, a.url);
    const doctor = await join(martin, a.url);
    await flooder.peer.next('peer', (m) => m.peer === doctor.id);
    for (let i = 0; i < 1_000; i++) flooder.peer.send({ type: 'relay', topic: room(), to: doctor.id, data: CANDIDATE });
    await flooder.peer.next('error', (m) => m.problem.type === 'urn:parcours:problem:live-rate-limited');
    await wait(300);
    const relayed = doctor.peer.messages.filter((m) => m.type === 'relay').length;
    expect(relayed).toBeGreaterThan(0);
    expect(relayed).toBeLessThan(100);
    expect(flooder.peer.messages.filter((m) => m.type === 'error').length).toBeLessThanOrEqual(2);
    // Still connected, still in the room, and the server answers everyone.
    await wait(1_000);
    const from = doctor.peer.messages.length;
    flooder.peer.send({ type: 'relay', topic: room(), to: doctor.id, data: OFFER });
    expect(await doctor.peer.next('relay', () => true, { from })).toMatchObject({ data: OFFER });
    expect((await jean.get('/api/v1/me')).status).toBe(200);
    for (const p of [flooder, doctor]) p.peer.close();
  });

  it('holds four participants in a room at most; a participant coming back takes their place again', async () => {
    const room = () => guestRoom;
    const guests = await Promise.all(
      [1, 2, 3, 4].map(async (n) => {
        const token = await signLiveToken(SECRET, { topic: room(), subject: `guest:${n}` });
        const peer = await LiveTestClient.connect(a.url, { token });
        await peer.next('welcome');
        return { peer, joined: await peer.subscribe(room()) };
      }),
    );
    expect(guests.every((g) => g.joined.type === 'subscribed')).toBe(true);
    const fifth = await LiveTestClient.connect(b.url, { token: await signLiveToken(SECRET, { topic: room(), subject: 'guest:5' }) });
    await fifth.next('welcome');
    expect(await fifth.subscribe(room())).toMatchObject({
      type: 'error',
      problem: { type: 'urn:parcours:problem:live-room-full', status: 409 },
    });
    // The first guest's second tab is the same participant.
    const again = await LiveTestClient.connect(a.url, { token: await signLiveToken(SECRET, { topic: room(), subject: 'guest:1' }) });
    await again.next('welcome');
    expect(await again.subscribe(room())).toMatchObject({ type: 'subscribed' });
    // A node started once the room is full knows it is: its roll call heard the four.
    const late = await node(natsUrl ? bus() : buses[0]!);
    const sixth = await LiveTestClient.connect(late.url, { token: await signLiveToken(SECRET, { topic: room(), subject: 'guest:6' }) });
    await sixth.next('welcome');
    expect(await sixth.subscribe(room())).toMatchObject({ type: 'error', problem: { type: 'urn:parcours:problem:live-room-full' } });
    const fourth = await LiveTestClient.connect(late.url, { token: await signLiveToken(SECRET, { topic: room(), subject: 'guest:4' }) });
    await fourth.next('welcome');
    const rejoined = await fourth.subscribe(room());
    expect(rejoined).toMatchObject({ type: 'subscribed' });
    expect((rejoined as { peers: { subject: string }[] }).peers.map((p) => p.subject).sort()).toEqual(
      expect.arrayContaining(['guest:1', 'guest:2', 'guest:3', 'guest:4']),
    );
    for (const client of [...guests.map((g) => g.peer), fifth, again, sixth, fourth]) client.close();
    await late.stop();
  });
});
