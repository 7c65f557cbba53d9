import type { Actor } from '../auth/actor.js';
import { TOPIC_PATTERN } from './protocol.js';

/**
 * A family of live topics, declared by the module that publishes to it: `patient:<patientId>`,
 * `waiting-room:<organisationId>`… `authorize` decides whether an actor may follow one topic of the
 * family; give it the same policy function the module's routes use (returning false, or throwing a
 * 403/404 problem, refuses).
 */
export interface TopicFamily<Name extends string = string, Param extends string = string> {
  readonly name: Name;
  readonly params: readonly Param[];
  authorize(actor: Actor, params: Readonly<Record<Param, string>>): boolean | Promise<boolean>;
  /** Makes each topic of the family a room whose peers relay messages to one another (see relay.ts). */
  readonly relay?: RelayPolicy;
}

/**
 * A room: only the holder of a token for the topic joins it (a session alone never does); the peers
 * relay messages to one another through the server (WebRTC signaling), across nodes.
 */
export interface RelayPolicy {
  /** Distinct token subjects at most in one room. */
  maxPeers: number;
  /** The largest message a peer may send, in bytes: a larger one is dropped with an error to its sender. */
  maxMessageBytes: number;
  /** The checked form of a relayed `data`, or null when malformed (dropped with an error to its sender). */
  parse(data: unknown): unknown;
}

export interface DefinedTopicFamily<Name extends string, Param extends string> extends TopicFamily<Name, Param> {
  /** The topic of one resource, to publish to: `patient.topic({ patientId })` → `patient:<patientId>`. */
  topic(params: Readonly<Record<Param, string>>): string;
}

const PARAM_VALUE = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Declares a topic family:
 *   export const patientTopic = defineTopic({
 *     name: 'patient', params: ['patientId'],
 *     authorize: (actor, { patientId }) => managesPatient(actor, patientId),
 *   });
 */
export function defineTopic<const Name extends string, const Param extends string>(
  family: TopicFamily<Name, Param>,
): DefinedTopicFamily<Name, Param> {
  if (!TOPIC_PATTERN.test([family.name, ...family.params.map(() => 'x')].join(':'))) {
    throw new Error(`Invalid topic family "${family.name}" (a lowercase name, at most four parameters)`);
  }
  return {
    ...family,
    authorize: family.authorize.bind(family),
    ...(family.relay ? { relay: family.relay } : {}),
    topic(params) {
      const values = family.params.map((name) => params[name]);
      for (const value of values) {
        if (!PARAM_VALUE.test(value)) throw new Error(`Invalid ${family.name} topic parameter "${value}"`);
      }
      return [family.name, ...values].join(':');
    },
  };
}

export interface ResolvedTopic {
  family: TopicFamily;
  params: Record<string, string>;
}

/** The topic families of every module, by name; a topic string resolves to its family and parameters. */
export class TopicRegistry {
  private readonly families = new Map<string, TopicFamily>();

  constructor(families: Iterable<TopicFamily> = []) {
    for (const family of families) this.add(family);
  }

  add(family: TopicFamily): void {
    if (this.families.has(family.name)) throw new Error(`Topic family "${family.name}" is declared twice`);
    this.families.set(family.name, family);
  }

  all(): Iterable<TopicFamily> {
    return this.families.values();
  }

  /** The family and parameters of a topic, or null when no family has that name and arity. */
  resolve(topic: string): ResolvedTopic | null {
    if (!TOPIC_PATTERN.test(topic)) return null;
    const [name, ...values] = topic.split(':');
    const family = this.families.get(name!);
    if (!family || family.params.length !== values.length) return null;
    return { family, params: Object.fromEntries(family.params.map((param, i) => [param, values[i]!])) };
  }
}
