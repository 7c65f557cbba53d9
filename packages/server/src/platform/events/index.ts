import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { EventBus } from './bus.js';
import { InProcessEventBus } from './memory.js';
import { NatsEventBus } from './nats.js';
import type { EventSubjects } from './subjects.js';

export type { BusEvent, EventBus, EventHandler, EventOf, SubjectOf, SubjectPattern, SubscribeOptions, Unsubscribe } from './bus.js';
export { MAX_EVENT_BYTES, subjectMatches } from './bus.js';
export type { EventSubjects } from './subjects.js';
export { InProcessEventBus } from './memory.js';
export { NatsEventBus } from './nats.js';

export interface EventBusOptions {
  /** First token of the NATS subjects (default `parcours`); tests use one of their own. */
  namespace?: string;
}

/** The node's event bus: over NATS when `NATS_URL` is set (several nodes), in-process otherwise. */
export function createEventBus<Catalogue = EventSubjects>(
  config: Pick<Config, 'natsUrl'>,
  logger: Logger,
  options: EventBusOptions = {},
): EventBus<Catalogue> {
  if (!config.natsUrl) return new InProcessEventBus<Catalogue>(logger);
  return new NatsEventBus<Catalogue>({ url: config.natsUrl, namespace: options.namespace ?? 'parcours', logger });
}
