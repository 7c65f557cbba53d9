import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { createLogger } from '../logger.js';
import { MAX_EVENT_BYTES, subjectMatches, type BusEvent, type EventBus } from './bus.js';
import { createEventBus } from './index.js';
import { collect, natsForTests, testNamespace } from './testing.js';

/** The subjects of these tests, kept out of the application's catalogue. */
interface TestSubjects {
  'consultation.started': { consultationId: string };
  'consultation.ended': { consultationId: string; minutes: number };
  'consultation.room.opened': { roomId: string };
  'alert.raised': { level: 'low' | 'high' };
}

const natsUrl = await natsForTests();
const quiet = createLogger('silent');
const buses: EventBus<TestSubjects>[] = [];
afterEach(async () => {
  await Promise.all(buses.splice(0).map((bus) => bus.close()));
});

const transports = [
  { name: 'in-process', make: () => createEventBus<TestSubjects>({ natsUrl: undefined }, quiet) },
  ...(natsUrl
    ? [{ name: 'NATS', make: (namespace = testNamespace()) => createEventBus<TestSubjects>({ natsUrl }, quiet, { namespace }) }]
    : []),
];

function track(bus: EventBus<TestSubjects>): EventBus<TestSubjects> {
  buses.push(bus);
  return bus;
}

describe.each(transports)('the event bus ($name)', ({ make }) => {
  it('delivers a published event to each subscriber, with its id, subject, node and time', async () => {
    const bus = track(make());
    const first = collect(bus, 'consultation.started');
    const second = collect(bus, 'consultation.started');
    await bus.flush();
    const published = bus.publish('consultation.started', { consultationId: 'c1' });
    const [event] = await first.until(1);
    await second.until(1);
    expect(event).toEqual(published);
    expect(event).toMatchObject({ subject: 'consultation.started', payload: { consultationId: 'c1' }, node: bus.node });
    expect(event!.id).toMatch(new RegExp(`^${bus.node}-`));
    expect(Date.parse(event!.publishedAt)).toBeGreaterThan(Date.now() - 10_000);
  });

  it('matches `*` to one token and a final `>` to the rest, and nothing else', async () => {
    const bus = track(make());
    const oneToken = collect(bus, 'consultation.*');
    const rest = collect(bus, 'consultation.>');
    const alerts = collect(bus, 'alert.raised');
    await bus.flush();
    bus.publish('consultation.started', { consultationId: 'c1' });
    bus.publish('consultation.room.opened', { roomId: 'r1' });
    bus.publish('consultation.ended', { consultationId: 'c1', minutes: 12 });
    await rest.until(3);
    await oneToken.until(2);
    await bus.flush();
    expect(oneToken.events.map((e) => e.subject)).toEqual(['consultation.started', 'consultation.ended']);
    expect(rest.events.map((e) => e.subject)).toEqual(['consultation.started', 'consultation.room.opened', 'consultation.ended']);
    expect(alerts.events).toEqual([]);
  });

  it('keeps publication order for a subscriber', async () => {
    const bus = track(make());
    const received = collect(bus, 'consultation.ended');
    await bus.flush();
    for (let minutes = 0; minutes < 200; minutes++) bus.publish('consultation.ended', { consultationId: 'c', minutes });
    const events = await received.until(200);
    expect(events.map((e) => (e.payload as { minutes: number }).minutes)).toEqual([...Array(200).keys()]);
  });

  it('stops delivering once unsubscribed', async () => {
    const bus = track(make());
    const received = collect(bus, 'alert.raised');
    const control = collect(bus, 'alert.raised');
    await bus.flush();
    bus.publish('alert.raised', { level: 'low' });
    await received.until(1);
    received.unsubscribe();
    await bus.flush();
    bus.publish('alert.raised', { level: 'high' });
    await control.until(2);
    expect(received.events).toHaveLength(1);
  });

  it('gives each subscriber its own copy, and goes on when a handler fails', async () => {
    const bus = track(make());
    bus.subscribe('alert.raised', (event) => {
      event.payload.level = 'low';
      throw new Error('handler bug');
    });
    bus.subscribe('alert.raised', async () => {
      throw new Error('async handler bug');
    });
    const other = collect(bus, 'alert.raised');
    await bus.flush();
    bus.publish('alert.raised', { level: 'high' });
    bus.publish('alert.raised', { level: 'high' });
    const events = await other.until(2);
    expect(events.map((e) => e.payload)).toEqual([{ level: 'high' }, { level: 'high' }]);
  });

  it('gives each event to one member of a queue group', async () => {
    const bus = track(make());
    const members = [0, 0, 0];
    members.forEach((_, i) => bus.subscribe('alert.raised', () => void members[i]!++, { queue: 'mailer' }));
    const all = collect(bus, 'alert.raised');
    await bus.flush();
    for (let i = 0; i < 30; i++) bus.publish('alert.raised', { level: 'low' });
    await all.until(30);
    await bus.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(members.reduce((a, b) => a + b)).toBe(30);
  });

  it('refuses a malformed subject and an oversized event', () => {
    const bus = track(make());
    expect(() => bus.publish('consultation started' as 'alert.raised', { level: 'low' })).toThrow(/subject/);
    expect(() => bus.subscribe('consultation.>.room' as 'alert.raised', () => {})).toThrow(/pattern/);
    const big = 'x'.repeat(MAX_EVENT_BYTES);
    expect(() => bus.publish('consultation.started', { consultationId: big })).toThrow(/larger than/);
  });

  it('waits on close for the running handlers, then refuses to publish', async () => {
    const bus = make();
    let finished = false;
    bus.subscribe('consultation.started', async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      finished = true;
    });
    await bus.flush();
    bus.publish('consultation.started', { consultationId: 'c1' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await bus.close();
    expect(finished).toBe(true);
    expect(() => bus.publish('consultation.started', { consultationId: 'c2' })).toThrow(/closed/);
  });
});

describe.runIf(natsUrl)('the event bus across nodes (NATS)', () => {
  const node = (namespace: string) => track(createEventBus<TestSubjects>({ natsUrl }, quiet, { namespace }));

  it('delivers an event published on node A to subscribers on node B and on A', async () => {
    const namespace = testNamespace();
    const [a, b] = [node(namespace), node(namespace)];
    const onA = collect(a, 'consultation.>');
    const onB = collect(b, 'consultation.>');
    await Promise.all([a.flush(), b.flush()]);
    const published = a.publish('consultation.started', { consultationId: 'c1' });
    expect((await onB.until(1))[0]).toEqual(published);
    expect((await onA.until(1))[0]).toEqual(published);
    expect(published.node).not.toBe(b.node);
  });

  it('keeps namespaces apart on one NATS server', async () => {
    const [a, b] = [node(testNamespace()), node(testNamespace())];
    const onB = collect(b, '>');
    const onA = collect(a, '>');
    await Promise.all([a.flush(), b.flush()]);
    a.publish('alert.raised', { level: 'high' });
    await onA.until(1);
    await b.flush();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(onB.events).toEqual([]);
  });

  it('gives a queue group event to one node of the cluster', async () => {
    const namespace = testNamespace();
    const nodes = [node(namespace), node(namespace), node(namespace)];
    let handled = 0;
    for (const bus of nodes) bus.subscribe('alert.raised', () => void handled++, { queue: 'escalation' });
    const witness = collect(nodes[0]!, 'alert.raised');
    await Promise.all(nodes.map((bus) => bus.flush()));
    for (let i = 0; i < 20; i++) nodes[i % 3]!.publish('alert.raised', { level: 'high' });
    await witness.until(20);
    await Promise.all(nodes.map((bus) => bus.flush()));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(handled).toBe(20);
  });

  it('sends what was published before close: close drains', async () => {
    const namespace = testNamespace();
    const [a, b] = [createEventBus<TestSubjects>({ natsUrl }, quiet, { namespace }), node(namespace)];
    const onB = collect(b, 'consultation.ended');
    await b.flush();
    for (let minutes = 0; minutes < 100; minutes++) a.publish('consultation.ended', { consultationId: 'c', minutes });
    await a.close();
    expect(await onB.until(100)).toHaveLength(100);
  });

  it('waits for NATS at start: publications and subscriptions made before the connection apply', async () => {
    const namespace = testNamespace();
    const [a, b] = [node(namespace), node(namespace)];
    const onB = collect(b, 'alert.raised'); // made before b is connected
    await b.ready;
    await b.flush();
    a.publish('alert.raised', { level: 'low' }); // published before a is connected
    expect(await onB.until(1)).toHaveLength(1);
  });
});

describe('subject patterns', () => {
  it('follows the NATS wildcard rules', () => {
    expect(subjectMatches('a.*', 'a.b')).toBe(true);
    expect(subjectMatches('a.*', 'a.b.c')).toBe(false);
    expect(subjectMatches('a.>', 'a.b.c')).toBe(true);
    expect(subjectMatches('a.>', 'a')).toBe(false);
    expect(subjectMatches('*.b', 'a.b')).toBe(true);
    expect(subjectMatches('a.b', 'a.b')).toBe(true);
    expect(subjectMatches('a.b', 'a.b.c')).toBe(false);
    expect(subjectMatches('>', 'a')).toBe(true);
  });

  it('types a handler with the subjects its pattern matches', () => {
    const bus = createEventBus<TestSubjects>({ natsUrl: undefined }, quiet);
    bus.subscribe('consultation.*', (event) => {
      expectTypeOf(event.subject).toEqualTypeOf<'consultation.started' | 'consultation.ended'>();
      if (event.subject === 'consultation.ended') expectTypeOf(event.payload).toEqualTypeOf<{ consultationId: string; minutes: number }>();
    });
    bus.subscribe('alert.raised', (event) => {
      expectTypeOf(event).toEqualTypeOf<BusEvent<TestSubjects, 'alert.raised'>>();
    });
    bus.subscribe('consultation.>', (event) => {
      expectTypeOf(event.subject).toEqualTypeOf<'consultation.started' | 'consultation.ended' | 'consultation.room.opened'>();
    });
    // @ts-expect-error an undeclared subject
    expect(() => bus.publish('alert.unknown', {})).not.toThrow();
    // @ts-expect-error a payload of the wrong shape
    bus.publish('alert.raised', { level: 'urgent' });
    void bus.close();
  });
});
