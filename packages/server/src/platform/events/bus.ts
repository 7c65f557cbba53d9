import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { EventSubjects } from './subjects.js';

/** The subjects of a catalogue (`EventSubjects` unless a bus is typed with another, as tests do). */
export type SubjectOf<Catalogue> = keyof Catalogue & string;

/** What a subscriber receives: the payload and where and when it was published. */
export interface BusEvent<Catalogue = EventSubjects, Subject extends SubjectOf<Catalogue> = SubjectOf<Catalogue>> {
  /** Unique across the cluster: `<node>-<sequence>`. Realtime clients resume from it. */
  id: string;
  subject: Subject;
  payload: Catalogue[Subject];
  /** ISO 8601 instant of publication, by the publishing node's clock. */
  publishedAt: string;
  /** The publishing node. */
  node: string;
}

/**
 * A subject, or a pattern with NATS wildcards: `*` stands for one token (`appointment.*`), a final
 * `>` for one or more (`teleconsultation.>`).
 */
export type SubjectPattern<Catalogue = EventSubjects> = SubjectOf<Catalogue> | `${string}*${string}` | `${string}>`;

type Tokens<S extends string> = S extends `${infer Head}.${infer Rest}` ? [Head, ...Tokens<Rest>] : [S];

/** Whether subject tokens `S` match pattern tokens `P`, by the NATS rules, at the type level. */
type TokensMatch<P extends string[], S extends string[]> = P extends ['>']
  ? S extends [string, ...string[]]
    ? true
    : false
  : P extends [infer PHead extends string, ...infer PRest extends string[]]
    ? S extends [infer SHead extends string, ...infer SRest extends string[]]
      ? PHead extends '*' | SHead
        ? TokensMatch<PRest, SRest>
        : false
      : false
    : S extends []
      ? true
      : false;

/** The declared subjects a pattern matches (`'appointment.*'` → `'appointment.booked' | 'appointment.cancelled'`). */
export type SubjectsMatching<Catalogue, P extends string> = {
  [S in SubjectOf<Catalogue>]: TokensMatch<Tokens<P>, Tokens<S>> extends true ? S : never;
}[SubjectOf<Catalogue>];

/** The event a handler of pattern `P` receives: a union over the subjects it matches. */
export type EventOf<Catalogue, P extends string> = {
  [S in SubjectsMatching<Catalogue, P>]: BusEvent<Catalogue, S>;
}[SubjectsMatching<Catalogue, P>];

export type EventHandler<E> = (event: E) => void | Promise<void>;

export type Unsubscribe = () => void;

export interface SubscribeOptions {
  /**
   * A queue group: each event goes to one subscriber of the group across the cluster instead of to
   * all of them (work done once, e.g. sending a mail), as NATS queue groups do.
   */
  queue?: string;
}

/**
 * Publish and subscribe on typed subjects. Delivery is at most once, asynchronous, in publication
 * order per publisher: an event is a notification, not a record. What must not be lost is written
 * to PostgreSQL first (and handed to a job where work must follow); the event only says it happened.
 */
export interface EventBus<Catalogue = EventSubjects> {
  /** This node's id, in every event it publishes. */
  readonly node: string;
  readonly transport: 'in-process' | 'nats';
  /** Resolves once the bus can carry events (NATS: the first connection is made). */
  readonly ready: Promise<void>;
  /** Publishes to every subscriber of every node; returns the event as subscribers will see it. */
  publish<S extends SubjectOf<Catalogue>>(subject: S, payload: Catalogue[S]): BusEvent<Catalogue, S>;
  /** Calls `handler` for each event on a subject matching `pattern`, until the returned function is called. */
  subscribe<P extends SubjectPattern<Catalogue>>(
    pattern: P,
    handler: EventHandler<EventOf<Catalogue, P>>,
    options?: SubscribeOptions,
  ): Unsubscribe;
  /** Resolves once the subscriptions made so far are active cluster-wide and the publications so far sent. */
  flush(): Promise<void>;
  /** Stops publishing, delivers what is in flight, waits for running handlers, then disconnects. */
  close(): Promise<void>;
}

/** An event larger than this is a bug (payloads carry identifiers, not documents): publish throws. */
export const MAX_EVENT_BYTES = 64 * 1024;

const TOKEN = /^[A-Za-z0-9_-]+$/;

/** Throws unless `subject` is dot-separated tokens of letters, digits, `_` and `-`. */
export function assertSubject(subject: string): void {
  if (subject.length > 200 || !subject.split('.').every((token) => TOKEN.test(token))) {
    throw new Error(`Invalid event subject "${subject}"`);
  }
}

/** Throws unless `pattern` is a subject whose tokens may be `*`, and whose last may be `>`. */
export function assertPattern(pattern: string): void {
  const tokens = pattern.split('.');
  const valid =
    pattern.length <= 200 && tokens.every((token, i) => TOKEN.test(token) || token === '*' || (token === '>' && i === tokens.length - 1));
  if (!valid) throw new Error(`Invalid event subject pattern "${pattern}"`);
}

/** Whether a subject matches a pattern, by the NATS rules (`*` one token, final `>` one or more). */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length || (p[i] !== '*' && p[i] !== s[i])) return false;
  }
  return p.length === s.length;
}

/** Makes the ids of one node's events: `<node>-<sequence>`, unique across nodes and restarts. */
export function eventIds(): { node: string; next(): string } {
  const node = randomBytes(6).toString('hex');
  let sequence = 0;
  return { node, next: () => `${node}-${(++sequence).toString(36)}` };
}

/** Serialises a payload once, at publication, so that both transports give subscribers the same JSON. */
export function encodeEvent(event: { subject: string }): string {
  const text = JSON.stringify(event);
  if (Buffer.byteLength(text) > MAX_EVENT_BYTES) {
    throw new Error(`Event ${event.subject} is larger than ${MAX_EVENT_BYTES} bytes; publish identifiers, not documents`);
  }
  return text;
}

/**
 * Runs subscribers' handlers: a failure is logged (subject and event id, never the payload) and
 * stops nothing else; running async handlers are tracked so that close() can wait for them.
 */
export class HandlerRunner {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run<E extends { subject: string; id: string }>(handler: EventHandler<E>, event: E): void {
    try {
      const result = handler(event);
      if (result && typeof result.then === 'function') {
        const settled: Promise<void> = result.then(
          () => {},
          (error: unknown) => this.failed(error, event),
        );
        this.running.add(settled);
        void settled.finally(() => this.running.delete(settled));
      }
    } catch (error) {
      this.failed(error, event);
    }
  }

  /** Resolves when no handler is running (handlers started meanwhile included). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private failed(error: unknown, event: { subject: string; id: string }): void {
    this.logger.error(
      { err: { message: error instanceof Error ? error.message : String(error) }, subject: event.subject, eventId: event.id },
      'event handler failed',
    );
  }
}
