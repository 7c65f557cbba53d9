import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import WebSocket, { type RawData } from 'ws';
import type { Actor } from '../auth/actor.js';
import type { Language } from '../http/language.js';
import { Problem, PROBLEM_TYPE_PREFIX } from '../http/problem.js';
import { REALTIME_PROBLEMS, type RealtimeProblemSlug } from './problems.js';
import { ClientMessage, CLOSE_CODES, type LiveProblem, type ServerMessage } from './protocol.js';
import { Rooms } from './relay.js';
import type { ReplayBuffer } from './replay.js';
import type { RelayPolicy, TopicRegistry } from './topics.js';

/** Who is at the other end: a signed-in actor, or the holder of a token for one topic. */
export type LivePrincipal = { kind: 'session'; actor: Actor } | { kind: 'token'; subject: string; topic: string };

export interface RealtimeLimits {
  /** Largest message a client may send, in bytes (its subscribe requests are small). */
  maxMessageBytes: number;
  /** Messages a client may send per second, on average… */
  messagesPerSecond: number;
  /** …and in one burst (a page re-subscribing to its topics after a reconnect). */
  messageBurst: number;
  maxSubscriptions: number;
  /**
   * Bytes the server may hold for a client that does not read: past it, the client is disconnected
   * (it reconnects and resumes from its last event), so a slow reader never grows the node's memory.
   */
  maxBufferedBytes: number;
  /** Interval of protocol pings; a peer that has not answered the previous one is dropped. */
  heartbeatMs: number;
  /** How often a session is checked again, and each subscription re-authorised (a revoked access ends). */
  revalidateMs: number;
  /** Live connections per node. */
  maxConnections: number;
  /** How long a closing peer has to answer the close before it is cut. */
  closeGraceMs: number;
}

/** What a connection needs from the endpoint that holds it. */
export interface ConnectionHost {
  readonly limits: RealtimeLimits;
  readonly topics: TopicRegistry;
  readonly replay: ReplayBuffer;
  readonly logger: Logger;
  readonly resumeWindowMs: number;
  readonly rooms: Rooms;
  identify(request: FastifyRequest): Promise<{ principal: LivePrincipal } | { refusal: RealtimeProblemSlug }>;
  follow(connection: LiveConnection, topic: string): void;
  unfollow(connection: LiveConnection, topic: string): void;
  closed(connection: LiveConnection): void;
}

const STATUS: Record<RealtimeProblemSlug, number> = {
  'live-upgrade-required': 426,
  'live-origin-refused': 403,
  'live-unavailable': 503,
  'live-unauthenticated': 401,
  'live-token-invalid': 401,
  'live-session-ended': 401,
  'live-message-invalid': 400,
  'live-message-too-large': 413,
  'live-rate-limited': 429,
  'live-too-slow': 408,
  'live-topic-unknown': 404,
  'live-topic-forbidden': 403,
  'live-too-many-subscriptions': 400,
  'live-room-full': 409,
  'live-internal': 500,
};

export function liveProblem(slug: RealtimeProblemSlug, language: Language, detail?: string): LiveProblem {
  return {
    type: PROBLEM_TYPE_PREFIX + slug,
    title: REALTIME_PROBLEMS[slug][language],
    status: STATUS[slug],
    ...(detail ? { detail } : {}),
  };
}

let connectionCount = 0;

/**
 * One client's WebSocket: authenticates it, then handles its messages one at a time (subscribing
 * waits for the topic's policy), sends it its topics' events within its buffer budget, and rate
 * limits what it sends.
 */
export class LiveConnection {
  readonly id = (++connectionCount).toString(36);
  principal: LivePrincipal | null = null;
  readonly topics = new Set<string>();
  /** Its peer id in each room it joined. */
  readonly peerIds = new Map<string, string>();
  /** Answered the last ping (or sent something) since the previous heartbeat. */
  alive = true;
  private isClosing = false;
  private tokens: number;
  private refilledAt = Date.now();
  private validatedAt = Date.now();
  /** The room a token opens, when its topic is one: its peers' messages have their own rules. */
  private relay: RelayPolicy | undefined;
  private throttleToldAt = 0;
  /** The messages are handled in order, one at a time. */
  private work: Promise<void>;
  private cutTimer: NodeJS.Timeout | undefined;
  /**
   * Each connection's heartbeat keeps its own clock, from its opening: one tick for the whole node
   * pinged (and re-checked) ten thousand sockets at once, holding every relay back for a quarter of
   * a second; spread, the same work is a few sockets at a time.
   */
  private readonly heartbeatTimer: NodeJS.Timeout;

  constructor(
    readonly socket: WebSocket,
    readonly request: FastifyRequest,
    readonly language: Language,
    private readonly host: ConnectionHost,
  ) {
    this.tokens = host.limits.messageBurst;
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.on('pong', () => (this.alive = true));
    this.heartbeatTimer = setInterval(() => this.heartbeat(Date.now()), host.limits.heartbeatMs);
    this.heartbeatTimer.unref();
    socket.on('close', () => {
      clearTimeout(this.cutTimer);
      clearInterval(this.heartbeatTimer);
      this.isClosing = true;
      this.host.closed(this);
    });
    this.work = this.authenticate();
  }

  get closing(): boolean {
    return this.isClosing;
  }

  /** Sends an already serialised event; a client over its buffer budget is disconnected instead. */
  sendFrame(frame: string): void {
    if (this.isClosing || this.socket.readyState !== WebSocket.OPEN) return;
    if (this.socket.bufferedAmount + frame.length > this.host.limits.maxBufferedBytes) {
      this.host.logger.info({ connection: this.id, buffered: this.socket.bufferedAmount }, 'live client too slow; disconnected');
      this.close(CLOSE_CODES.tooSlow, 'live-too-slow');
      return;
    }
    this.socket.send(frame);
  }

  send(message: ServerMessage): void {
    this.sendFrame(JSON.stringify(message));
  }

  /** Tells the client why, then closes with `code`. */
  fail(slug: RealtimeProblemSlug, code: number, topic?: string): void {
    if (this.isClosing) return;
    this.sendError(slug, topic);
    this.close(code, slug);
  }

  /** Closes with a close frame; a peer that does not answer it in time is cut. */
  close(code: number, reason: string): void {
    if (this.isClosing) return;
    this.isClosing = true;
    for (const topic of this.topics) this.host.unfollow(this, topic);
    this.topics.clear();
    this.socket.close(code, reason);
    this.cutTimer = setTimeout(() => this.socket.terminate(), this.host.limits.closeGraceMs);
    this.cutTimer.unref();
  }

  /** Every heartbeat of this connection: drops a peer that did not answer the previous ping, and re-checks access when due. */
  private heartbeat(now: number): void {
    if (this.isClosing) return;
    if (!this.alive) {
      this.host.logger.debug({ connection: this.id }, 'live peer did not answer the ping; dropped');
      this.socket.terminate();
      return;
    }
    this.alive = false;
    this.socket.ping();
    if (now - this.validatedAt >= this.host.limits.revalidateMs) {
      this.validatedAt = now;
      this.enqueue(() => this.revalidate());
    }
  }

  private async authenticate(): Promise<void> {
    try {
      const identified = await this.host.identify(this.request);
      if ('refusal' in identified) return this.fail(identified.refusal, CLOSE_CODES.unauthenticated);
      this.principal = identified.principal;
      if (this.principal.kind === 'token') this.relay = this.host.topics.resolve(this.principal.topic)?.family.relay;
      this.send({
        type: 'welcome',
        heartbeatMs: this.host.limits.heartbeatMs,
        resumeWindowMs: this.host.resumeWindowMs,
        maxMessageBytes: this.maxMessageBytes,
      });
    } catch (error) {
      this.host.logger.error({ err: { message: (error as Error).message }, connection: this.id }, 'live authentication failed');
      this.fail('live-internal', CLOSE_CODES.internal);
    }
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.isClosing) return;
    this.alive = true;
    const size = Array.isArray(data)
      ? data.reduce((sum, part) => sum + part.length, 0)
      : data instanceof ArrayBuffer
        ? data.byteLength
        : data.length;
    // A peer in a call keeps its call: what it sends wrong is dropped and told, to it alone.
    if (size > this.maxMessageBytes) {
      return this.relay ? this.sendError('live-message-too-large') : this.fail('live-message-too-large', CLOSE_CODES.tooLarge);
    }
    if (!this.takeToken()) return this.relay ? this.throttled() : this.fail('live-rate-limited', CLOSE_CODES.rateLimited);
    if (isBinary) return this.sendError('live-message-invalid');
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as Buffer).toString('utf8');
    this.enqueue(() => this.handle(text));
  }

  private get maxMessageBytes(): number {
    return this.relay?.maxMessageBytes ?? this.host.limits.maxMessageBytes;
  }

  /** A flooding peer's messages are dropped; it is told at most once a second, so that telling costs less than flooding. */
  private throttled(): void {
    const now = Date.now();
    if (now - this.throttleToldAt < 1_000) return;
    this.throttleToldAt = now;
    this.sendError('live-rate-limited');
  }

  private enqueue(task: () => Promise<void> | void): void {
    this.work = this.work
      .then(() => (this.isClosing ? undefined : task()))
      .catch((error: Error) => {
        this.host.logger.error({ err: { message: error.message }, connection: this.id }, 'live message failed');
        this.fail('live-internal', CLOSE_CODES.internal);
      });
  }

  /** Token bucket: `messageBurst` at once, refilled at `messagesPerSecond`. */
  private takeToken(): boolean {
    const now = Date.now();
    const { messageBurst, messagesPerSecond } = this.host.limits;
    this.tokens = Math.min(messageBurst, this.tokens + ((now - this.refilledAt) / 1000) * messagesPerSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private async handle(text: string): Promise<void> {
    if (!this.principal) return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.sendError('live-message-invalid');
    }
    const parsed = ClientMessage.safeParse(json);
    if (!parsed.success) return this.sendError('live-message-invalid');
    const message = parsed.data;
    switch (message.type) {
      case 'ping':
        return this.send({ type: 'pong' });
      case 'unsubscribe':
        if (this.topics.delete(message.topic)) this.host.unfollow(this, message.topic);
        return this.send({ type: 'unsubscribed', topic: message.topic });
      case 'subscribe':
        return this.subscribe(message.topic, message.after);
      case 'relay':
        return this.relayData(message.topic, message.to, message.data);
    }
  }

  private async subscribe(topic: string, after: string | undefined): Promise<void> {
    if (!this.host.topics.resolve(topic)) return this.sendError('live-topic-unknown', topic);
    if (!this.topics.has(topic) && this.topics.size >= this.host.limits.maxSubscriptions) {
      return this.sendError('live-too-many-subscriptions', topic);
    }
    if (!(await this.mayFollow(topic))) {
      if (this.topics.delete(topic)) this.host.unfollow(this, topic);
      return this.sendError('live-topic-forbidden', topic);
    }
    if (this.isClosing) return;
    const relay = this.host.topics.resolve(topic)?.family.relay;
    if (relay && this.principal?.kind === 'token') return this.joinRoom(topic, relay, this.principal.subject);
    // Following and replaying in the same turn: no event can fall between the two.
    this.topics.add(topic);
    this.host.follow(this, topic);
    const replay = after ? this.host.replay.since(topic, after) : { frames: [], gap: false };
    this.send({ type: 'subscribed', topic, replayed: replay.frames.length, gap: replay.gap });
    for (const frame of replay.frames) this.sendFrame(frame);
  }

  /** Joins a room (once): its peers learn of this one, and this one of them. */
  private async joinRoom(topic: string, relay: RelayPolicy, subject: string): Promise<void> {
    const rooms = this.host.rooms;
    if (!this.peerIds.has(topic)) {
      // A node just started first hears who is already in the rooms (at once, once it has).
      await rooms.ready;
      if (this.isClosing) return;
    }
    if (!this.peerIds.has(topic)) {
      // Checked and noted in the same turn: two joins on this node cannot both take the last place.
      if (rooms.isFull(topic, subject, relay.maxPeers)) return this.sendError('live-room-full', topic);
      this.topics.add(topic);
      this.host.follow(this, topic);
      this.peerIds.set(topic, Rooms.newPeerId());
      await rooms.join(topic, this.peerIds.get(topic)!, subject);
      if (this.isClosing) return;
    }
    const peer = this.peerIds.get(topic)!;
    const peers = rooms.roster(topic).filter((p) => p.peer !== peer);
    this.send({ type: 'subscribed', topic, replayed: 0, gap: false, peer, peers });
  }

  /** Hands checked data to the room's other peers (or to one): a malformed message goes no further than an error to its sender. */
  private relayData(topic: string, to: string | undefined, data: unknown): void {
    const peer = this.peerIds.get(topic);
    if (!peer || !this.relay) return this.sendError('live-topic-forbidden', topic);
    const checked = this.relay.parse(data);
    if (checked === null || checked === undefined) return this.sendError('live-message-invalid', topic);
    this.host.rooms.send(topic, peer, to, checked);
  }

  private async mayFollow(topic: string): Promise<boolean> {
    const principal = this.principal;
    const resolved = this.host.topics.resolve(topic);
    if (!principal || !resolved) return false;
    if (principal.kind === 'token') return principal.topic === topic;
    // A room opens with its token only: a session alone (even the right person's) does not join it.
    if (resolved.family.relay) return false;
    try {
      return (await resolved.family.authorize(principal.actor, resolved.params)) === true;
    } catch (error) {
      // A policy that throws 403 or 404 refuses, as it would on a route.
      if (error instanceof Problem && error.status >= 400 && error.status < 500) return false;
      throw error;
    }
  }

  /** The session still stands and each topic is still allowed; a revoked access ends here. */
  private async revalidate(): Promise<void> {
    const principal = this.principal;
    if (principal?.kind !== 'session') return;
    let identified: Awaited<ReturnType<ConnectionHost['identify']>>;
    try {
      identified = await this.host.identify(this.request);
    } catch (error) {
      // The database may be briefly away: keep the connection, check again at the next turn.
      this.host.logger.warn({ err: { message: (error as Error).message }, connection: this.id }, 'live session check failed');
      return;
    }
    if (
      'refusal' in identified ||
      identified.principal.kind !== 'session' ||
      identified.principal.actor.accountId !== principal.actor.accountId
    ) {
      return this.fail('live-session-ended', CLOSE_CODES.unauthenticated);
    }
    this.principal = identified.principal;
    for (const topic of [...this.topics]) {
      if (await this.mayFollow(topic)) continue;
      if (this.topics.delete(topic)) this.host.unfollow(this, topic);
      this.sendError('live-topic-forbidden', topic);
    }
  }

  private sendError(slug: RealtimeProblemSlug, topic?: string): void {
    this.send({ type: 'error', ...(topic ? { topic } : {}), problem: liveProblem(slug, this.language) });
  }
}
