import WebSocket from 'ws';
import type { ServerMessage } from './protocol.js';

export interface LiveClientOptions {
  cookie?: string;
  origin?: string;
  token?: string;
  lang?: 'fr' | 'en';
}

/** A WebSocket client of /api/v1/live for tests: it keeps every message and waits for the ones asked. */
export class LiveTestClient {
  readonly messages: ServerMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private wake: (() => void) | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as ServerMessage);
      this.wake?.();
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Connects (the upgrade answered 101); rejects with the HTTP status of a refused upgrade. */
  static connect(baseUrl: string, options: LiveClientOptions = {}): Promise<LiveTestClient> {
    const url = new URL('/api/v1/live', baseUrl.replace(/^http/, 'ws'));
    if (options.token) url.searchParams.set('token', options.token);
    if (options.lang) url.searchParams.set('lang', options.lang);
    const headers: Record<string, string> = {};
    if (options.cookie) headers.cookie = options.cookie;
    const socket = new WebSocket(url, { headers, ...(options.origin ? { origin: options.origin } : {}) });
    const client = new LiveTestClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_request, response) => {
        reject(Object.assign(new Error(`upgrade refused: ${response.statusCode}`), { status: response.statusCode }));
        socket.terminate();
      });
      socket.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The first message (from index `from` on) that `match` accepts; rejects after `timeoutMs`. */
  async waitFor(match: (message: ServerMessage) => boolean, { timeoutMs = 5_000, from = 0 } = {}): Promise<ServerMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find(match);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no awaited message within ${timeoutMs} ms; got ${JSON.stringify(this.messages).slice(0, 500)}`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 50);
      });
    }
  }

  /** The first message of `type` (from index `from` on) that `match` accepts. */
  async next<T extends ServerMessage['type']>(
    type: T,
    match: (message: Extract<ServerMessage, { type: T }>) => boolean = () => true,
    options: { timeoutMs?: number; from?: number } = {},
  ): Promise<Extract<ServerMessage, { type: T }>> {
    return (await this.waitFor((m) => m.type === type && match(m as Extract<ServerMessage, { type: T }>), options)) as Extract<
      ServerMessage,
      { type: T }
    >;
  }

  /** Subscribes and waits for the answer: `subscribed`, or the `error` about that topic. */
  async subscribe(topic: string, after?: string): Promise<ServerMessage> {
    const from = this.messages.length;
    this.send({ type: 'subscribe', topic, ...(after ? { after } : {}) });
    return this.waitFor((m) => (m.type === 'subscribed' || m.type === 'error') && m.topic === topic, { from });
  }

  events(topic: string): Extract<ServerMessage, { type: 'event' }>[] {
    return this.messages.filter((m): m is Extract<ServerMessage, { type: 'event' }> => m.type === 'event' && m.topic === topic);
  }

  close(): void {
    this.socket.close();
  }
}
