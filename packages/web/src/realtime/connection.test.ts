import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { LiveConnection, type SocketLike } from './connection.js';
import type { ClientMessage, LiveEvent, ServerMessage } from './protocol.js';

/**
 * A stand-in for the server's /api/v1/live, speaking the same protocol: it welcomes, confirms
 * subscriptions (with a gap when it does not know the id to resume from), and lets the test
 * publish, drop connections or refuse the session.
 */
class FakeLiveServer {
  readonly wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  readonly received: ClientMessage[] = [];
  readonly history: LiveEvent[] = [];
  connections = 0;
  refuseSession = false;
  refusedTopics = new Set<string>();
  private sequence = 0;

  constructor() {
    this.wss.on('connection', (socket) => {
      this.connections++;
      if (this.refuseSession) {
        socket.close(4401, 'live-unauthenticated');
        return;
      }
      this.sendTo(socket, { type: 'welcome', heartbeatMs: 25_000, resumeWindowMs: 120_000, maxMessageBytes: 4096 });
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as ClientMessage;
        this.received.push(message);
        if (message.type === 'ping') this.sendTo(socket, { type: 'pong' });
        if (message.type !== 'subscribe') return;
        if (this.refusedTopics.has(message.topic)) {
          this.sendTo(socket, {
            type: 'error',
            topic: message.topic,
            problem: { type: 'urn:parcours:problem:live-topic-forbidden', title: 'Accès à ce flux refusé', status: 403 },
          });
          return;
        }
        const index = message.after ? this.history.findIndex((e) => e.id === message.after) : -1;
        const replay = index >= 0 ? this.history.slice(index + 1).filter((e) => e.topic === message.topic) : [];
        this.sendTo(socket, {
          type: 'subscribed',
          topic: message.topic,
          replayed: replay.length,
          gap: Boolean(message.after) && index < 0,
        });
        for (const event of replay) this.sendTo(socket, { type: 'event', ...event });
      });
    });
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as { port: number }).port}/api/v1/live`;
  }

  /** Publishes to every connection (the client filters by topic, as the server would). */
  publish(topic: string, data: unknown, options: { deliver?: boolean } = {}): LiveEvent {
    const event: LiveEvent = { topic, id: `n-${++this.sequence}`, event: 'note.added', data, at: new Date().toISOString() };
    this.history.push(event);
    if (options.deliver !== false) for (const socket of this.wss.clients) this.sendTo(socket, { type: 'event', ...event });
    return event;
  }

  dropAll(code = 1001): void {
    for (const socket of this.wss.clients) socket.close(code);
  }

  close(): Promise<void> {
    for (const socket of this.wss.clients) socket.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private sendTo(socket: WebSocket, message: ServerMessage): void {
    socket.send(JSON.stringify(message));
  }
}

async function eventually(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the browser’s live connection', () => {
  let server: FakeLiveServer;
  let live: LiveConnection;
  beforeEach(async () => {
    server = new FakeLiveServer();
    await new Promise((resolve) => server.wss.once('listening', resolve));
    live = new LiveConnection({
      url: () => server.url,
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      backoff: { initialMs: 20, maxMs: 100 },
      lingerMs: 50,
    });
  });
  afterEach(async () => {
    live.close();
    await server.close();
  });

  it('follows a topic once connected, and gives its events to each listener and to the snapshot', async () => {
    const seen: LiveEvent[] = [];
    live.subscribe('patient:p1', { onEvent: (event) => seen.push(event) });
    live.subscribe('patient:p1', {});
    expect(live.snapshot('patient:p1')?.status).toBe('pending');
    await eventually(() => live.snapshot('patient:p1')?.status === 'live');
    expect(server.received.filter((m) => m.type === 'subscribe')).toEqual([{ type: 'subscribe', topic: 'patient:p1' }]);

    server.publish('patient:p1', { n: 1 });
    server.publish('patient:p2', { n: 'not followed' });
    await eventually(() => seen.length === 1);
    expect(seen[0]).toMatchObject({ topic: 'patient:p1', data: { n: 1 } });
    expect(live.snapshot('patient:p1')?.lastEvent?.data).toEqual({ n: 1 });
    expect(live.status).toBe('open');
  });

  it('reconnects after a drop and resumes from the last event seen, replaying what was missed', async () => {
    const seen: unknown[] = [];
    let resyncs = 0;
    live.subscribe('patient:p1', { onEvent: (event) => seen.push(event.data), onResync: () => resyncs++ });
    await eventually(() => live.snapshot('patient:p1')?.status === 'live');
    const first = server.publish('patient:p1', { n: 1 });
    await eventually(() => seen.length === 1);

    // Published, but never reached the client: as if while it was disconnected.
    server.publish('patient:p1', { n: 2 }, { deliver: false });
    server.publish('patient:p1', { n: 3 }, { deliver: false });
    server.dropAll();
    await eventually(() => seen.length === 3);
    expect(seen).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(server.received).toContainEqual({ type: 'subscribe', topic: 'patient:p1', after: first.id });
    expect(resyncs).toBe(0);
    expect(server.connections).toBe(2);
  });

  it('asks the page to reload when the server’s history no longer reaches the last event seen', async () => {
    let resyncs = 0;
    live.subscribe('patient:p1', { onResync: () => resyncs++ });
    await eventually(() => live.snapshot('patient:p1')?.status === 'live');
    server.publish('patient:p1', { n: 1 });
    await eventually(() => live.snapshot('patient:p1')?.events.length === 1);
    server.history.length = 0; // the server forgot
    server.dropAll();
    await eventually(() => resyncs === 1);
    expect(live.snapshot('patient:p1')?.status).toBe('live');
  });

  it('stops trying once the session is refused (4401), until asked to reconnect', async () => {
    server.refuseSession = true;
    live.subscribe('patient:p1', {});
    await eventually(() => live.status === 'signed-out');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.connections).toBe(1);
    expect(live.snapshot('patient:p1')?.status).toBe('signed-out');

    server.refuseSession = false;
    live.reconnect();
    await eventually(() => live.snapshot('patient:p1')?.status === 'live');
  });

  it('asked to reconnect while a connection is being made, keeps one connection, not two', async () => {
    live.subscribe('patient:p1', {});
    live.reconnect(); // e.g. just signed in, while the first attempt is under way
    await eventually(() => live.snapshot('patient:p1')?.status === 'live');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.wss.clients.size).toBe(1);
  });

  it('shows a refused topic with the server’s problem, and does not ask for it again after a reconnect', async () => {
    server.refusedTopics.add('patient:other');
    live.subscribe('patient:other', {});
    live.subscribe('patient:p1', {});
    await eventually(() => live.snapshot('patient:other')?.status === 'refused');
    expect(live.snapshot('patient:other')?.problem?.title).toBe('Accès à ce flux refusé');
    server.dropAll();
    await eventually(() => server.connections === 2 && live.snapshot('patient:p1')?.status === 'live');
    expect(server.received.filter((m) => m.type === 'subscribe' && m.topic === 'patient:other')).toHaveLength(1);
  });

  it('unsubscribes when the last listener leaves, and closes the idle connection after a moment', async () => {
    const leaveA = live.subscribe('patient:p1', {});
    const leaveB = live.subscribe('patient:p1', {});
    await eventually(() => live.snapshot('patient:p1')?.status === 'live');
    leaveA();
    expect(server.received.some((m) => m.type === 'unsubscribe')).toBe(false);
    leaveB();
    await eventually(() => server.received.some((m) => m.type === 'unsubscribe' && m.topic === 'patient:p1'));
    await eventually(() => live.status === 'idle' && server.wss.clients.size === 0);
  });

  it('takes a connection silent for two pings for dead, and reconnects', async () => {
    live.close();
    live = new LiveConnection({
      url: () => server.url,
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      backoff: { initialMs: 20, maxMs: 100 },
      pingMs: 50,
    });
    live.subscribe('patient:p1', {});
    await eventually(() => live.status === 'open');
    // The server stops answering anything (a connection the network dropped silently).
    for (const socket of server.wss.clients) (socket as unknown as { _socket: { pause(): void } })._socket.pause();
    await eventually(() => server.connections === 2, 3_000);
    await eventually(() => live.snapshot('patient:p1')?.status === 'live');
  });
});
