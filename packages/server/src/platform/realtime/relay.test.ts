import { afterEach, describe, expect, it } from 'vitest';
import type { EventBus } from '../events/bus.js';
import { createEventBus } from '../events/index.js';
import { collect, natsForTests, testNamespace } from '../events/testing.js';
import { createLogger } from '../logger.js';
import { Rooms, rosterDigest, type PresenceTiming, type RoomMember, type RoomPresence } from './relay.js';

const natsUrl = await natsForTests();
const quiet = createLogger(process.env.TEST_LOG ?? 'silent');
const ROOM = 'room:3f1c9a52-0d7e-4b8a-9c61-5e2f7a4d8b10';
/** Heartbeats short enough for a test; the loss after several, so that a busy machine's late timer is no loss. */
const QUICK: PresenceTiming = { everyMs: 100, lostAfterMs: 600 };

/** A connection in the room, as the realtime endpoint keeps it: its peer id, and the frames it was sent. */
class Member implements RoomMember {
  readonly peerIds = new Map<string, string>();
  readonly frames: { type: string; peer: string; present: boolean }[] = [];
  constructor(readonly subject: string) {}
  sendFrame(frame: string): void {
    this.frames.push(JSON.parse(frame) as (typeof this.frames)[number]);
  }
  presence(peer: string): boolean[] {
    return this.frames.filter((f) => f.type === 'peer' && f.peer === peer).map((f) => f.present);
  }
}

/** A node's rooms, with its members, on its own bus over NATS (one in-process bus for all without NATS). */
function startNode(bus: EventBus, timing = QUICK) {
  const members = new Set<Member>();
  const rooms = new Rooms(bus, () => members, timing);
  return {
    rooms,
    async join(subject: string): Promise<Member> {
      await rooms.ready;
      const member = new Member(subject);
      member.peerIds.set(ROOM, Rooms.newPeerId());
      members.add(member);
      await rooms.join(ROOM, member.peerIds.get(ROOM)!, subject);
      return member;
    },
  };
}

/** Who is in the room, as a node lists it: their subjects, sorted. */
const subjectsIn = (rooms: Rooms) =>
  rooms
    .roster(ROOM)
    .map((p) => p.subject)
    .sort();

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe(`room rosters across nodes (${natsUrl ? 'NATS' : 'one in-process bus'})`, () => {
  const buses: EventBus[] = [];
  const started: Rooms[] = [];
  const namespace = testNamespace();
  let shared: EventBus | undefined;
  const bus = () => {
    if (!natsUrl) return (shared ??= createEventBus({ natsUrl: undefined }, quiet));
    const made = createEventBus({ natsUrl }, quiet, { namespace });
    buses.push(made);
    return made;
  };
  const node = (ownBus = bus(), timing = QUICK) => {
    const made = startNode(ownBus, timing);
    started.push(made.rooms);
    return made;
  };
  afterEach(async () => {
    started.splice(0).forEach((rooms) => rooms.close());
    await Promise.all(buses.splice(0).map((b) => b.close()));
    await shared?.close();
    shared = undefined;
  });

  it('a node started after the room formed knows who is in it, and counts them against the limit', async () => {
    const a = node();
    const patient = await a.join('account:patient');
    const doctor = await a.join('account:doctor');
    const late = node();
    await late.rooms.ready;
    expect(subjectsIn(late.rooms)).toEqual(['account:doctor', 'account:patient']);
    expect(late.rooms.isFull(ROOM, 'account:nurse', 2)).toBe(true);
    // The one already there learns of a newcomer on the late node once, not again from the roll call's answers.
    const nurse = await late.join('account:nurse');
    await until(() => patient.presence(nurse.peerIds.get(ROOM)!).length > 0, 'the patient hears of the nurse');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(patient.presence(nurse.peerIds.get(ROOM)!)).toEqual([true]);
    expect(patient.presence(doctor.peerIds.get(ROOM)!)).toEqual([true]);
  });

  it('drops the peers of a node that went silent (a crash: no leave was sent), and tells those still there', async () => {
    const a = node();
    const crashing = node();
    const patient = await a.join('account:patient');
    const doctor = await crashing.join('account:doctor');
    const doctorPeer = doctor.peerIds.get(ROOM)!;
    await until(() => patient.presence(doctorPeer).length === 1, 'the patient hears of the doctor');
    // Heartbeats keep the doctor listed while the node lives…
    await new Promise((resolve) => setTimeout(resolve, QUICK.lostAfterMs + 300));
    expect(a.rooms.roster(ROOM).map((p) => p.peer)).toContain(doctorPeer);
    // …and once it stops without a word, the doctor's place is freed.
    crashing.rooms.close();
    await until(() => !a.rooms.roster(ROOM).some((p) => p.peer === doctorPeer), 'the doctor is dropped', QUICK.lostAfterMs * 5);
    expect(patient.presence(doctorPeer)).toEqual([true, false]);
    expect(a.rooms.isFull(ROOM, 'account:doctor-2', 2)).toBe(false);
  });

  it('asks a host it does not know (a partition healed, a node it missed) for its peers, and lists them', async () => {
    const doctorOfBackAgain: [string, string, string][] = [[ROOM, 'peer-of-back-again', 'account:doctor']];
    const busOfA = bus();
    const a = node(busOfA);
    const patient = await a.join('account:patient');
    const heard = collect(busOfA, 'realtime.presence');
    busOfA.publish('realtime.presence', { kind: 'alive', host: 'back-again', digest: rosterDigest(doctorOfBackAgain) });
    await heard.until(2);
    expect(heard.events.map((e) => e.payload)).toContainEqual({ kind: 'roll-call', host: a.rooms.host, of: 'back-again' });
    busOfA.publish('realtime.presence', { kind: 'present', host: 'back-again', peers: doctorOfBackAgain, complete: true });
    await until(() => patient.presence('peer-of-back-again').length === 1, 'the patient hears of the doctor');
    expect(subjectsIn(a.rooms)).toEqual(['account:doctor', 'account:patient']);
    // …and drops them once that host is silent again.
    await until(() => patient.presence('peer-of-back-again').length === 2, 'the doctor is dropped', QUICK.lostAfterMs * 5);
  });
  it('forgets a peer whose leave it missed (cut off from the bus meanwhile): the host’s digest disagrees, its roll call settles it', async () => {
    const busOfA = bus();
    const a = node(busOfA);
    const patient = await a.join('account:patient');
    const both: [string, string, string][] = [
      [ROOM, 'nurse-on-h2', 'account:nurse'],
      [ROOM, 'doctor-on-h2', 'account:doctor'],
    ];
    busOfA.publish('realtime.presence', { kind: 'present', host: 'h2', peers: both, complete: true });
    await until(() => a.rooms.roster(ROOM).length === 3, 'both of h2 listed');
    // h2 now has the doctor alone: the nurse's leave never reached this node.
    const heard = collect(busOfA, 'realtime.presence');
    const rollCalls = () => heard.events.map((e) => e.payload as RoomPresence).filter((p) => p.kind === 'roll-call');
    busOfA.publish('realtime.presence', { kind: 'alive', host: 'h2', digest: rosterDigest(both.slice(1)) });
    await until(() => rollCalls().some((p) => p.kind === 'roll-call' && p.of === 'h2'), 'a roll call of h2');
    busOfA.publish('realtime.presence', { kind: 'present', host: 'h2', peers: both.slice(1), complete: true });
    await until(() => patient.presence('nurse-on-h2').length === 2, 'the nurse is dropped');
    expect(patient.presence('nurse-on-h2')).toEqual([true, false]);
    expect(subjectsIn(a.rooms)).toEqual(['account:doctor', 'account:patient']);
    // A digest that agrees asks nothing.
    const before = rollCalls().length;
    busOfA.publish('realtime.presence', { kind: 'alive', host: 'h2', digest: rosterDigest(both.slice(1)) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(rollCalls()).toHaveLength(before);
  });
});
