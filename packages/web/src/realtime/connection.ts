import { CLOSE_UNAUTHENTICATED, type ClientMessage, type LiveEvent, type LiveProblem, type ServerMessage } from './protocol.js';

/**
 * - connecting: the first connection is being made
 * - open: connected and authenticated
 * - reconnecting: the connection was lost; another attempt is scheduled (with back-off)
 * - signed-out: the server refused the session (4401); nothing is tried until `reconnect()`
 * - idle: no topic is followed, so no connection is kept
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'signed-out';

/**
 * A topic as one page sees it. `live`: its events arrive; `pending`: asked, not yet confirmed (or
 * waiting for the connection); `refused`: the server said no (see `problem`).
 */
export interface TopicSnapshot<T = unknown> {
  status: 'pending' | 'live' | 'refused' | ConnectionStatus;
  /** The latest events, oldest first (at most `maxEvents`). */
  events: readonly LiveEvent<T>[];
  lastEvent: LiveEvent<T> | undefined;
  problem: LiveProblem | undefined;
}

export interface TopicListener {
  /** The snapshot changed (for useSyncExternalStore). */
  onChange?(): void;
  onEvent?(event: LiveEvent): void;
  /**
   * Events may have been missed (the server's history did not reach back to the last one seen):
   * reload the state this topic describes.
   */
  onResync?(): void;
}

/** The minimum of the browser's WebSocket this client uses (tests pass the `ws` package's). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface LiveConnectionOptions {
  /** The endpoint's ws:// or wss:// URL; read at each attempt (the language may have changed). */
  url: () => string;
  createSocket?: (url: string) => SocketLike;
  /** First reconnect delay and the ceiling of the exponential back-off (each delay is jittered). */
  backoff?: { initialMs: number; maxMs: number };
  /** How often the client pings; a connection silent for twice as long is taken for dead. */
  pingMs?: number;
  /** A connection with no topic left is closed after this long (navigating between pages keeps it). */
  lingerMs?: number;
  maxEvents?: number;
}

interface TopicRecord {
  listeners: Set<TopicListener>;
  snapshot: TopicSnapshot;
  lastId: string | undefined;
  /** Confirmed once by the server: later subscriptions are re-subscriptions (after a reconnect). */
  everSubscribed: boolean;
  refused: boolean;
}

const OPEN = 1;
const CONNECTING = 0;

/**
 * The browser's one live connection: topics are followed by reference count, re-subscribed after a
 * reconnect from the last event seen (so nothing is missed within the server's window), with
 * exponential back-off and jitter between attempts, and a client-side heartbeat that notices a
 * connection the network silently dropped (a laptop waking up).
 */
export class LiveConnection {
  private readonly topics = new Map<string, TopicRecord>();
  private readonly statusListeners = new Set<() => void>();
  private socket: SocketLike | undefined;
  private connectionStatus: ConnectionStatus = 'idle';
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private lingerTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private lastHeardAt = 0;
  private readonly options: Required<LiveConnectionOptions>;

  constructor(options: LiveConnectionOptions) {
    this.options = {
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      backoff: { initialMs: 500, maxMs: 30_000 },
      pingMs: 20_000,
      lingerMs: 5_000,
      maxEvents: 50,
      ...options,
    };
  }

  get status(): ConnectionStatus {
    return this.connectionStatus;
  }

  /** Follows a topic until the returned function is called. */
  subscribe(topic: string, listener: TopicListener): () => void {
    let record = this.topics.get(topic);
    if (!record) {
      record = { listeners: new Set(), snapshot: this.snapshotOf('pending'), lastId: undefined, everSubscribed: false, refused: false };
      this.topics.set(topic, record);
      this.send({ type: 'subscribe', topic });
    }
    record.listeners.add(listener);
    clearTimeout(this.lingerTimer);
    this.ensureConnected();
    return () => {
      const current = this.topics.get(topic);
      if (!current?.listeners.delete(listener) || current.listeners.size > 0) return;
      this.topics.delete(topic);
      this.send({ type: 'unsubscribe', topic });
      if (this.topics.size === 0) this.lingerTimer = setTimeout(() => this.disconnect(), this.options.lingerMs);
    };
  }

  /** The topic's state now; the same object until it changes. */
  snapshot(topic: string): TopicSnapshot | undefined {
    return this.topics.get(topic)?.snapshot;
  }

  onStatus(listener: () => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Tries again now: after signing in again, or when the browser is back online. */
  reconnect(): void {
    if (this.connectionStatus === 'open' || this.topics.size === 0) return;
    clearTimeout(this.retryTimer);
    // An attempt still in flight is dropped, not left open beside the new one (a second connection
    // with the same subscriptions, whose messages nobody reads).
    const pending = this.socket;
    this.socket = undefined;
    if (pending && (pending.readyState === OPEN || pending.readyState === CONNECTING)) pending.close(1000);
    this.attempt = 0;
    this.open();
  }

  /** Closes the connection and forgets every topic. */
  close(): void {
    this.topics.clear();
    this.disconnect();
  }

  private ensureConnected(): void {
    if (this.socket || this.retryTimer || this.connectionStatus === 'signed-out') return;
    this.open();
  }

  private open(): void {
    this.retryTimer = undefined;
    this.setStatus(this.attempt === 0 && this.connectionStatus !== 'reconnecting' ? 'connecting' : 'reconnecting');
    const socket = this.options.createSocket(this.options.url());
    this.socket = socket;
    this.lastHeardAt = Date.now();
    socket.onmessage = (event) => {
      if (socket !== this.socket) return;
      this.lastHeardAt = Date.now();
      let message: ServerMessage;
      try {
        message = JSON.parse(String(event.data)) as ServerMessage;
      } catch {
        return;
      }
      this.receive(message);
    };
    socket.onclose = (event) => {
      if (socket === this.socket) this.lost(event.code);
    };
    // An error is always followed by a close, which decides what happens next.
    socket.onerror = () => {};
  }

  private receive(message: ServerMessage): void {
    switch (message.type) {
      case 'welcome':
        this.attempt = 0;
        this.setStatus('open');
        this.startPinging();
        for (const [topic, record] of this.topics) {
          if (record.refused) continue;
          this.send({ type: 'subscribe', topic, ...(record.lastId ? { after: record.lastId } : {}) });
        }
        return;
      case 'subscribed': {
        const record = this.topics.get(message.topic);
        if (!record) return;
        // A resubscription without an event seen cannot resume: what happened meanwhile is unknown.
        const missed = message.gap || (record.everSubscribed && !record.lastId);
        record.everSubscribed = true;
        this.update(record, { status: 'live', problem: undefined });
        if (missed) record.listeners.forEach((l) => l.onResync?.());
        return;
      }
      case 'event': {
        const record = this.topics.get(message.topic);
        if (!record) return;
        const { type: _type, ...event } = message;
        record.lastId = event.id;
        const events = [...record.snapshot.events, event].slice(-this.options.maxEvents);
        this.update(record, { events, lastEvent: event });
        record.listeners.forEach((l) => l.onEvent?.(event));
        return;
      }
      case 'error': {
        const record = message.topic ? this.topics.get(message.topic) : undefined;
        if (record) {
          record.refused = true;
          this.update(record, { status: 'refused', problem: message.problem });
        }
        return;
      }
      // Rooms (a call's signaling) have their own connection: features/teleconsultation/call/signaling.ts.
      case 'peer':
      case 'relay':
      case 'unsubscribed':
      case 'pong':
        return;
    }
  }

  private lost(code: number): void {
    this.stopPinging();
    this.socket = undefined;
    if (this.topics.size === 0) return this.setStatus('idle');
    if (code === CLOSE_UNAUTHENTICATED) return this.setStatus('signed-out');
    const { initialMs, maxMs } = this.options.backoff;
    // Full jitter: after an outage, the clients of a node do not all come back in the same instant.
    const delay = Math.random() * Math.min(maxMs, initialMs * 2 ** this.attempt);
    this.attempt++;
    this.setStatus('reconnecting');
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private disconnect(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.lingerTimer);
    this.retryTimer = undefined;
    this.stopPinging();
    const socket = this.socket;
    this.socket = undefined;
    if (socket && (socket.readyState === OPEN || socket.readyState === CONNECTING)) socket.close(1000);
    this.attempt = 0;
    this.setStatus('idle');
  }

  private startPinging(): void {
    this.stopPinging();
    this.pingTimer = setInterval(() => {
      if (Date.now() - this.lastHeardAt > 2 * this.options.pingMs) {
        // Silent for two rounds: the network dropped us without a close. Start again.
        const socket = this.socket;
        this.lost(1006);
        socket?.close();
        return;
      }
      this.send({ type: 'ping' });
    }, this.options.pingMs);
  }

  private stopPinging(): void {
    clearInterval(this.pingTimer);
    this.pingTimer = undefined;
  }

  private send(message: ClientMessage): void {
    // Before `welcome`, subscriptions wait: the welcome handler sends them all.
    if (this.connectionStatus === 'open' && this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(message));
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.connectionStatus === status) return;
    this.connectionStatus = status;
    for (const record of this.topics.values()) {
      if (status === 'open' || record.refused) continue;
      this.update(record, { status: record.snapshot.status === 'live' || status !== 'connecting' ? status : 'pending' });
    }
    this.statusListeners.forEach((listener) => listener());
  }

  private update(record: TopicRecord, change: Partial<TopicSnapshot>): void {
    record.snapshot = { ...record.snapshot, ...change };
    record.listeners.forEach((l) => l.onChange?.());
  }

  private snapshotOf(status: TopicSnapshot['status']): TopicSnapshot {
    return { status, events: [], lastEvent: undefined, problem: undefined };
  }
}
