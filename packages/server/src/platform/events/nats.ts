import { connect, type NatsConnection, type Subscription as NatsSubscription } from 'nats';
import type { Logger } from 'pino';
import {
  assertPattern,
  assertSubject,
  encodeEvent,
  eventIds,
  HandlerRunner,
  type BusEvent,
  type EventBus,
  type EventHandler,
  type SubjectOf,
  type SubjectPattern,
  type SubscribeOptions,
  type Unsubscribe,
} from './bus.js';
import type { EventSubjects } from './subjects.js';

export interface NatsEventBusOptions {
  url: string;
  /**
   * The first token of every NATS subject this bus uses (`<namespace>.<subject>`): deployments, or
   * test runs, sharing one NATS server do not see each other's events.
   */
  namespace: string;
  logger: Logger;
}

interface Subscription {
  pattern: string;
  queue: string | undefined;
  handler: EventHandler<never>;
  nats?: NatsSubscription;
  cancelled: boolean;
}

const encoder = new TextEncoder();

/**
 * The bus across nodes, over core NATS (no JetStream: events are notifications, at most once). Until
 * the first connection is made, publications and subscriptions wait for it in order, and start-up
 * keeps retrying; after that the client reconnects by itself and re-subscribes.
 */
export class NatsEventBus<Catalogue = EventSubjects> implements EventBus<Catalogue> {
  readonly transport = 'nats';
  readonly node: string;
  readonly ready: Promise<void>;
  private readonly ids = eventIds();
  private readonly connection: Promise<NatsConnection>;
  private nc: NatsConnection | undefined;
  private readonly subscriptions = new Set<Subscription>();
  private readonly handlers: HandlerRunner;
  private readonly logger: Logger;
  private readonly prefix: string;
  private closed = false;
  private wakeRetry: (() => void) | undefined;

  constructor(private readonly options: NatsEventBusOptions) {
    assertSubject(options.namespace);
    this.node = this.ids.node;
    this.logger = options.logger;
    this.prefix = options.namespace + '.';
    this.handlers = new HandlerRunner(options.logger);
    this.connection = this.connectWithRetry();
    this.ready = this.connection.then(() => {});
    // A bus closed before NATS ever answered rejects `ready`; that is not an unhandled error.
    this.ready.catch(() => {});
  }

  publish<S extends SubjectOf<Catalogue>>(subject: S, payload: Catalogue[S]): BusEvent<Catalogue, S> {
    if (this.closed) throw new Error('The event bus is closed');
    assertSubject(subject);
    const event: BusEvent<Catalogue, S> = { id: this.ids.next(), subject, payload, publishedAt: new Date().toISOString(), node: this.node };
    const data = encoder.encode(encodeEvent(event));
    if (this.nc) this.nc.publish(this.prefix + subject, data);
    else
      this.connection.then(
        (nc) => nc.publish(this.prefix + subject, data),
        () => this.logger.warn({ subject, eventId: event.id }, 'event dropped: the bus closed before NATS answered'),
      );
    return event;
  }

  subscribe<P extends SubjectPattern<Catalogue>>(pattern: P, handler: EventHandler<never>, options: SubscribeOptions = {}): Unsubscribe {
    if (this.closed) throw new Error('The event bus is closed');
    assertPattern(pattern);
    const subscription: Subscription = { pattern, queue: options.queue, handler, cancelled: false };
    this.subscriptions.add(subscription);
    if (this.nc) this.activate(this.nc, subscription);
    else
      this.connection.then(
        (nc) => this.activate(nc, subscription),
        () => {},
      );
    return () => {
      subscription.cancelled = true;
      this.subscriptions.delete(subscription);
      if (subscription.nats && !subscription.nats.isClosed()) subscription.nats.unsubscribe();
    };
  }

  async flush(): Promise<void> {
    await (await this.connection).flush();
  }

  async close(): Promise<void> {
    if (this.closed) return this.ready.catch(() => {});
    this.closed = true;
    this.wakeRetry?.();
    const nc = await this.connection.catch(() => undefined);
    // drain: stop the subscriptions, deliver what has arrived, send what is queued, then disconnect.
    if (nc && !nc.isClosed() && !nc.isDraining()) await nc.drain();
    await this.handlers.idle();
  }

  private activate(nc: NatsConnection, subscription: Subscription): void {
    if (subscription.cancelled || nc.isClosed() || nc.isDraining()) return;
    subscription.nats = nc.subscribe(this.prefix + subscription.pattern, {
      ...(subscription.queue ? { queue: subscription.queue } : {}),
      callback: (error, message) => {
        if (error) {
          this.logger.error({ err: { message: error.message }, pattern: subscription.pattern }, 'event subscription failed');
          return;
        }
        let event: BusEvent<never, never>;
        try {
          event = message.json<BusEvent<never, never>>();
        } catch {
          this.logger.warn({ subject: message.subject }, 'malformed event ignored');
          return;
        }
        if (!subscription.cancelled) this.handlers.run(subscription.handler, event as never);
      },
    });
  }

  private async connectWithRetry(): Promise<NatsConnection> {
    const server = natsServerName(this.options.url);
    for (let attempt = 1; ; attempt++) {
      if (this.closed) throw new Error('The event bus is closed');
      try {
        const nc = await connect({
          servers: this.options.url,
          name: `parcours-${this.node}`,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 1_000,
          timeout: 5_000,
        });
        this.nc = nc;
        void this.watch(nc, server);
        this.logger.info({ server, namespace: this.options.namespace }, 'event bus connected to NATS');
        return nc;
      } catch (error) {
        const delay = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
        this.logger.warn({ server, attempt, retryInMs: delay, err: { message: (error as Error).message } }, 'NATS unreachable; retrying');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wakeRetry = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  private async watch(nc: NatsConnection, server: string): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') this.logger.warn({ server }, 'event bus disconnected from NATS; reconnecting');
      else if (status.type === 'reconnect') this.logger.info({ server }, 'event bus reconnected to NATS');
      else if (status.type === 'error') this.logger.error({ server, err: { message: String(status.data) } }, 'NATS error');
    }
  }
}

/** host:port of a NATS URL, never its credentials (they must not reach the logs). */
function natsServerName(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid NATS URL)';
  }
}
