import net from 'node:net';
import { randomBytes } from 'node:crypto';
import type { BusEvent, EventBus, SubjectPattern } from './bus.js';

const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/**
 * The NATS server tests may use: TEST_NATS_URL, else 127.0.0.1:4222 when it answers (CI has one),
 * else undefined and the NATS tests are skipped. A TEST_NATS_URL that does not answer fails the run;
 * TEST_NATS_URL=off runs without NATS.
 */
export async function natsForTests(): Promise<string | undefined> {
  const explicit = process.env.TEST_NATS_URL;
  if (explicit === 'off') return undefined;
  const url = explicit ?? DEFAULT_NATS_URL;
  const { hostname, port } = new URL(url);
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 4222) });
    const answer = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.setTimeout(1_000);
    socket.once('connect', () => answer(true));
    socket.once('timeout', () => answer(false));
    socket.once('error', () => answer(false));
  });
  if (!reachable && explicit) throw new Error(`TEST_NATS_URL is set but no NATS answers at ${hostname}:${port}`);
  return reachable ? url : undefined;
}

/** A namespace no other test run uses, so that parallel runs on one NATS do not see each other. */
export function testNamespace(): string {
  return `test-${randomBytes(6).toString('hex')}`;
}

/** Collects the events of a pattern, and waits for them. */
export function collect<Catalogue, P extends SubjectPattern<Catalogue>>(bus: EventBus<Catalogue>, pattern: P) {
  const events: BusEvent<Catalogue>[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = bus.subscribe(pattern, (event) => {
    events.push(event as BusEvent<Catalogue>);
    wake?.();
  });
  return {
    events,
    unsubscribe,
    /** Resolves once `count` events arrived; rejects after `timeoutMs`. */
    async until(count: number, timeoutMs = 5_000): Promise<BusEvent<Catalogue>[]> {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count) {
        if (Date.now() > deadline) throw new Error(`${events.length} of ${count} events on ${pattern} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
      }
      return events;
    },
  };
}
