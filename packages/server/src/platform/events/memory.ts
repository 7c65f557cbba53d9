import type { Logger } from 'pino';
import {
  assertPattern,
  assertSubject,
  encodeEvent,
  eventIds,
  HandlerRunner,
  subjectMatches,
  type BusEvent,
  type EventBus,
  type EventHandler,
  type SubjectOf,
  type SubjectPattern,
  type SubscribeOptions,
  type Unsubscribe,
} from './bus.js';
import type { EventSubjects } from './subjects.js';

interface Subscription {
  pattern: string;
  queue: string | undefined;
  handler: EventHandler<never>;
}

/**
 * The bus of a single node: events go from publisher to subscribers inside this process, after the
 * publisher's current task (as they would through NATS), each subscriber with its own copy.
 */
export class InProcessEventBus<Catalogue = EventSubjects> implements EventBus<Catalogue> {
  readonly transport = 'in-process';
  readonly ready = Promise.resolve();
  readonly node: string;
  private readonly ids = eventIds();
  private readonly subscriptions: Subscription[] = [];
  private readonly handlers: HandlerRunner;
  private readonly deliveries = new Set<Promise<void>>();
  /** Round-robin position per queue group. */
  private readonly queueTurns = new Map<string, number>();
  private closed = false;

  constructor(logger: Logger) {
    this.node = this.ids.node;
    this.handlers = new HandlerRunner(logger);
  }

  publish<S extends SubjectOf<Catalogue>>(subject: S, payload: Catalogue[S]): BusEvent<Catalogue, S> {
    if (this.closed) throw new Error('The event bus is closed');
    assertSubject(subject);
    const event: BusEvent<Catalogue, S> = { id: this.ids.next(), subject, payload, publishedAt: new Date().toISOString(), node: this.node };
    const text = encodeEvent(event);
    const delivery = Promise.resolve().then(() => this.deliver(subject, text));
    this.deliveries.add(delivery);
    void delivery.finally(() => this.deliveries.delete(delivery));
    return JSON.parse(text) as BusEvent<Catalogue, S>;
  }

  subscribe<P extends SubjectPattern<Catalogue>>(pattern: P, handler: EventHandler<never>, options: SubscribeOptions = {}): Unsubscribe {
    assertPattern(pattern);
    const subscription: Subscription = { pattern, queue: options.queue, handler };
    this.subscriptions.push(subscription);
    return () => {
      const index = this.subscriptions.indexOf(subscription);
      if (index >= 0) this.subscriptions.splice(index, 1);
    };
  }

  async flush(): Promise<void> {
    while (this.deliveries.size > 0) await Promise.all([...this.deliveries]);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    await this.handlers.idle();
    this.subscriptions.length = 0;
  }

  private deliver(subject: string, text: string): void {
    const matching = this.subscriptions.filter((s) => subjectMatches(s.pattern, subject));
    const groups = new Map<string, Subscription[]>();
    for (const subscription of matching) {
      if (subscription.queue === undefined) this.handlers.run(subscription.handler, JSON.parse(text) as never);
      else groups.set(subscription.queue, [...(groups.get(subscription.queue) ?? []), subscription]);
    }
    for (const [queue, members] of groups) {
      const turn = this.queueTurns.get(queue) ?? 0;
      this.queueTurns.set(queue, turn + 1);
      this.handlers.run(members[turn % members.length]!.handler, JSON.parse(text) as never);
    }
  }
}
