import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Authentication } from '../auth/hook.js';
import type { BusEvent, EventBus } from '../events/bus.js';
import type { EventSubjects } from '../events/subjects.js';
import { LANGUAGES, languageOf, type Language } from '../http/language.js';
import { LiveConnection, liveProblem, type ConnectionHost, type LivePrincipal, type RealtimeLimits } from './connection.js';
import type { RealtimeProblemSlug } from './problems.js';
import { CLOSE_CODES, EVENT_NAME_PATTERN, TOPIC_PATTERN } from './protocol.js';
import { DEFAULT_PRESENCE, Rooms, type PresenceTiming } from './relay.js';
import { ReplayBuffer, type ReplayLimits } from './replay.js';
import { verifyLiveToken } from './token.js';
import { TopicRegistry, type TopicFamily } from './topics.js';

/** What a module publishes to a live topic; every node receives it and sends it to its followers. */
export interface LivePublication {
  topic: string;
  /** The event's name as clients see it: `appointment.booked`. */
  event: string;
  /** JSON for the followers of the topic: identifiers and states, read by pages that may see them. */
  data: unknown;
}

declare module '../events/subjects.js' {
  interface EventSubjects {
    /** An event for the followers of a live topic, on every node. */
    'realtime.published': LivePublication;
  }
}

/** Publishes an event to a live topic's followers on every node (and to its replay history). */
export function publishLive(bus: EventBus, topic: string, event: string, data: unknown): BusEvent<EventSubjects, 'realtime.published'> {
  if (!TOPIC_PATTERN.test(topic)) throw new Error(`Invalid live topic "${topic}"`);
  if (!EVENT_NAME_PATTERN.test(event)) throw new Error(`Invalid live event name "${event}"`);
  return bus.publish('realtime.published', { topic, event, data });
}

export const DEFAULT_LIMITS: RealtimeLimits & { replay: ReplayLimits } = {
  maxMessageBytes: 4_096,
  messagesPerSecond: 10,
  messageBurst: 60,
  maxSubscriptions: 50,
  maxBufferedBytes: 1_048_576,
  heartbeatMs: 25_000,
  revalidateMs: 60_000,
  maxConnections: 10_000,
  closeGraceMs: 3_000,
  replay: { perTopic: 200, maxTopics: 10_000, maxBytes: 64 * 1_048_576, windowMs: 120_000 },
};

export interface RealtimeOptions {
  bus: EventBus;
  /** The caller of the upgrade request from its session cookie (the modules' session check). */
  authenticate(request: FastifyRequest): Promise<Authentication | null>;
  /** Every module's topic families (their manifests' `topics`). */
  topics: Iterable<TopicFamily> | TopicRegistry;
  /**
   * Origins a browser may connect from besides the server's own (same host): the public URL, and the
   * web app's dev server if it is on another host. Anything else is refused before the upgrade
   * (cross-site WebSocket hijacking). A request without Origin is not from a browser and is let through.
   */
  allowedOrigins?: string[];
  /** Enables `?token=` (see token.ts). The same secret on every node, ≥ 32 bytes. */
  tokenSecret?: string;
  path?: string;
  limits?: Partial<RealtimeLimits> & { replay?: Partial<ReplayLimits> };
  /** How the nodes keep their room rosters true (see relay.ts); tests shorten it. */
  presence?: Partial<PresenceTiming>;
  logger?: Logger;
}

export interface Realtime {
  /** Same as publishLive(bus, …). */
  publish(topic: string, event: string, data: unknown): void;
  stats(): {
    connections: number;
    followedTopics: number;
    replay: { topics: number; bytes: number };
    rooms: { rooms: number; peers: number };
  };
  /** Closes every connection (1001: clients reconnect elsewhere and resume). Called on app close. */
  close(): Promise<void>;
}

/**
 * The one live endpoint: a WebSocket at /api/v1/live (by default), authenticated by the session
 * cookie or a resource token, carrying the events of the topics each client may follow, across
 * nodes through the event bus. Registers @fastify/websocket on `app` unless already there.
 */
export async function registerRealtime(app: FastifyInstance, options: RealtimeOptions): Promise<Realtime> {
  const { bus } = options;
  const limits: RealtimeLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const replayLimits: ReplayLimits = { ...DEFAULT_LIMITS.replay, ...options.limits?.replay };
  const path = options.path ?? '/api/v1/live';
  const logger = options.logger ?? (app.log as Logger);
  const registry = options.topics instanceof TopicRegistry ? options.topics : new TopicRegistry(options.topics);
  const replay = new ReplayBuffer(replayLimits);
  const allowedOrigins = new Set((options.allowedOrigins ?? []).map((origin) => new URL(origin).origin));
  const connections = new Set<LiveConnection>();
  const followers = new Map<string, Set<LiveConnection>>();
  const rooms = new Rooms(bus, (topic) => followers.get(topic) ?? [], { ...DEFAULT_PRESENCE, ...options.presence });

  const host: ConnectionHost = {
    limits,
    topics: registry,
    replay,
    logger,
    resumeWindowMs: replayLimits.windowMs,
    rooms,
    identify: async (request) => identify(request, options, registry),
    follow(connection, topic) {
      let set = followers.get(topic);
      if (!set) followers.set(topic, (set = new Set()));
      set.add(connection);
    },
    unfollow(connection, topic) {
      const set = followers.get(topic);
      set?.delete(connection);
      if (set?.size === 0) followers.delete(topic);
      const peer = connection.peerIds.get(topic);
      if (peer && connection.principal?.kind === 'token') {
        connection.peerIds.delete(topic);
        rooms.leave(topic, peer, connection.principal.subject);
      }
    },
    closed(connection) {
      for (const topic of connection.topics) host.unfollow(connection, topic);
      connection.topics.clear();
      connections.delete(connection);
      if (connections.size === 0) wakeClosers();
    },
  };

  // Every node hears every live event: it keeps the topic's recent history, so that a client resumes
  // on whichever node it reconnects to, and sends the event to its own followers.
  const stopFeed = bus.subscribe('realtime.published', (event) => {
    const { topic, event: name, data } = event.payload;
    const frame = JSON.stringify({ type: 'event', topic, id: event.id, event: name, data, at: event.publishedAt });
    replay.append(topic, event.id, frame);
    for (const connection of followers.get(topic) ?? []) connection.sendFrame(frame);
  });
  const stopSessionWatch = bus.subscribe('session.ended', ({ payload }) => {
    for (const connection of connections) {
      const principal = connection.principal;
      if (principal?.kind !== 'session' || principal.actor.accountId !== payload.accountId) continue;
      if (payload.sessionId && principal.actor.sessionId !== payload.sessionId) continue;
      connection.fail('live-session-ended', CLOSE_CODES.unauthenticated);
    }
  });

  const closers: (() => void)[] = [];
  const wakeClosers = () => closers.splice(0).forEach((wake) => wake());
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      stopFeed();
      stopSessionWatch();
      rooms.close();
      if (connections.size === 0) return;
      const allClosed = new Promise<void>((resolve) => closers.push(resolve));
      for (const connection of connections) connection.close(CLOSE_CODES.goingAway, 'going-away');
      await allClosed; // each connection is cut after closeGraceMs at the latest
    })());

  // The socket's own cap, past the largest message any connection may send (a room's peers may send
  // more than a page): up to it, our checks answer; past it, the socket closes (1009).
  const roomMessageBytes = [...registry.all()].map((family) => family.relay?.maxMessageBytes ?? 0);
  const maxPayload = 2 * Math.max(limits.maxMessageBytes, ...roomMessageBytes);
  if (!app.hasDecorator('websocketServer')) {
    await app.register(fastifyWebsocket, {
      options: { maxPayload, perMessageDeflate: false },
      // Connections are closed by `close` below, with the going-away code.
      preClose: (done) => done(),
      errorHandler: (error, socket, request) => {
        request.log.debug({ err: { message: error.message } }, 'live socket error');
        socket.terminate();
      },
    });
  }
  app.addHook('preClose', async () => close());

  const refuse = (request: FastifyRequest, reply: FastifyReply, slug: RealtimeProblemSlug) => {
    const language = languageFor(request);
    return reply
      .code(liveProblem(slug, language).status)
      .type('application/problem+json')
      .header('content-language', language)
      .send({ ...liveProblem(slug, language), instance: path });
  };

  app.route({
    method: 'GET',
    url: path,
    // Authentication happens on the socket, so that a refusal reaches the browser as a close code and
    // a reason (a refused upgrade only shows as a failed connection); `public` lets the upgrade through.
    config: { policy: 'public' },
    schema: {
      summary: 'Live events (WebSocket)',
      description:
        'Upgrade to a WebSocket (session cookie, or ?token= for one topic). Messages are JSON: subscribe/unsubscribe to topics, ' +
        'events with ids to resume from after a reconnect. See platform/realtime/protocol.ts. A plain GET answers 426.',
      tags: ['realtime'],
    },
    onRequest: async (request, reply) => {
      const origin = request.headers.origin;
      if (origin !== undefined && !originAllowed(origin, request, allowedOrigins)) return refuse(request, reply, 'live-origin-refused');
      if (request.ws && connections.size >= limits.maxConnections) return refuse(request, reply, 'live-unavailable');
    },
    handler: async (request, reply) => refuse(request, reply.header('upgrade', 'websocket'), 'live-upgrade-required'),
    wsHandler: (socket, request) => {
      if (closing) return socket.close(CLOSE_CODES.goingAway, 'going-away');
      const connection = new LiveConnection(socket, request, languageFor(request), host);
      connections.add(connection);
    },
  });

  return {
    publish: (topic, event, data) => void publishLive(bus, topic, event, data),
    stats: () => ({ connections: connections.size, followedTopics: followers.size, replay: replay.stats(), rooms: rooms.stats() }),
    close,
  };
}

async function identify(
  request: FastifyRequest,
  options: RealtimeOptions,
  registry: TopicRegistry,
): Promise<{ principal: LivePrincipal } | { refusal: RealtimeProblemSlug }> {
  const token = (request.query as Record<string, unknown> | undefined)?.token;
  if (token !== undefined) {
    if (typeof token !== 'string' || token.length > 4_096 || !options.tokenSecret) return { refusal: 'live-token-invalid' };
    const claims = await verifyLiveToken(options.tokenSecret, token);
    if (!claims || !registry.resolve(claims.topic)) return { refusal: 'live-token-invalid' };
    // A token issued to an account opens only with that account's session: a leaked link alone opens nothing.
    const account = ACCOUNT_SUBJECT.exec(claims.subject)?.[1];
    if (account !== undefined) {
      const auth = await options.authenticate(request);
      if (!auth || auth.secondFactorPending || auth.actor.accountId !== account) return { refusal: 'live-token-invalid' };
    }
    return { principal: { kind: 'token', subject: claims.subject, topic: claims.topic } };
  }
  const auth = await options.authenticate(request);
  if (!auth || auth.secondFactorPending) return { refusal: 'live-unauthenticated' };
  return { principal: { kind: 'session', actor: auth.actor } };
}

/** The subject of a token issued to a signed-in account. */
const ACCOUNT_SUBJECT = /^account:(.+)$/;

/** An allowed origin, or the server's own host (the web app it serves). */
function originAllowed(origin: string, request: FastifyRequest, allowed: Set<string>): boolean {
  try {
    const url = new URL(origin);
    return allowed.has(url.origin) || url.host === request.host;
  } catch {
    return false;
  }
}

/** The `lang` the web app passes (its chosen language), else Accept-Language. */
function languageFor(request: FastifyRequest): Language {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  return LANGUAGES.find((language) => language === asked) ?? languageOf(request);
}
