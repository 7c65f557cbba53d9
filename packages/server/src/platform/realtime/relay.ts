import { randomBytes } from 'node:crypto';
import type { EventBus } from '../events/bus.js';
import type { RoomPeer } from './protocol.js';

/**
 * What crosses the nodes about a room: a peer joined or left, or sent data to the others (or to
 * one). Signaling only — session descriptions and ICE candidates, never media — and nothing kept.
 */
export type RoomSignal =
  | { topic: string; kind: 'joined' | 'left'; peer: string; subject: string }
  | { topic: string; kind: 'data'; from: string; to?: string; data: unknown };

declare module '../events/subjects.js' {
  interface EventSubjects {
    'realtime.relayed': RoomSignal;
  }
}

/** A connection as a room sees it: its peer id in each room it joined, and a way to send it a frame. */
export interface RoomMember {
  readonly peerIds: Map<string, string>;
  sendFrame(frame: string): void;
}

/** How long a join waits, at most, for the bus to carry it to the other nodes. */
const MAX_ANNOUNCE_WAIT_MS = 1_000;

/**
 * The rooms as one node knows them: every peer of each room, on whichever node it is connected
 * (learnt from the bus), and the node's own members, to whom it delivers what the others send.
 */
export class Rooms {
  /** topic → peer → subject */
  private readonly rosters = new Map<string, Map<string, string>>();
  private readonly stopFeed: () => void;

  constructor(
    private readonly bus: EventBus,
    private readonly membersOf: (topic: string) => Iterable<RoomMember>,
  ) {
    this.stopFeed = bus.subscribe('realtime.relayed', ({ payload }) => this.deliver(payload));
  }

  static newPeerId(): string {
    return randomBytes(8).toString('hex');
  }

  /** The peers present in a room. */
  roster(topic: string): RoomPeer[] {
    return [...(this.rosters.get(topic) ?? [])].map(([peer, subject]) => ({ peer, subject }));
  }

  /** Whether `subject` would be one too many: a participant already present may always come back (another tab, a reconnect). */
  isFull(topic: string, subject: string, maxPeers: number): boolean {
    const subjects = new Set(this.rosters.get(topic)?.values());
    return !subjects.has(subject) && subjects.size >= maxPeers;
  }

  /**
   * Noted here at once (a second join on this node sees it), and resolves once the bus has carried
   * it to the other nodes: answered only then, a participant who next joins on another node (the
   * mesh's limit) finds this one there. A bus that cannot say so (NATS reconnecting) is waited for
   * a second at most: the peers on this node need not wait for the others.
   */
  async join(topic: string, peer: string, subject: string): Promise<void> {
    this.note({ topic, kind: 'joined', peer, subject });
    this.bus.publish('realtime.relayed', { topic, kind: 'joined', peer, subject });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.bus.flush().catch(() => {}),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, MAX_ANNOUNCE_WAIT_MS))),
    ]).finally(() => clearTimeout(timer));
  }

  leave(topic: string, peer: string, subject: string): void {
    this.note({ topic, kind: 'left', peer, subject });
    this.bus.publish('realtime.relayed', { topic, kind: 'left', peer, subject });
  }

  send(topic: string, from: string, to: string | undefined, data: unknown): void {
    this.bus.publish('realtime.relayed', { topic, kind: 'data', from, ...(to ? { to } : {}), data });
  }

  stats(): { rooms: number; peers: number } {
    let peers = 0;
    for (const roster of this.rosters.values()) peers += roster.size;
    return { rooms: this.rosters.size, peers };
  }

  close(): void {
    this.stopFeed();
  }

  /** The roster follows joins and leaves at once on the node where they happen, and from the bus on the others. */
  private note(signal: Extract<RoomSignal, { kind: 'joined' | 'left' }>): void {
    let roster = this.rosters.get(signal.topic);
    if (signal.kind === 'joined') {
      if (!roster) this.rosters.set(signal.topic, (roster = new Map()));
      roster.set(signal.peer, signal.subject);
    } else if (roster?.delete(signal.peer) && roster.size === 0) {
      this.rosters.delete(signal.topic);
    }
  }

  private deliver(signal: RoomSignal): void {
    if (signal.kind === 'data') {
      const frame = JSON.stringify({ type: 'relay', topic: signal.topic, from: signal.from, data: signal.data });
      for (const member of this.membersOf(signal.topic)) {
        const peer = member.peerIds.get(signal.topic);
        if (peer && peer !== signal.from && (!signal.to || peer === signal.to)) member.sendFrame(frame);
      }
      return;
    }
    this.note(signal);
    const { topic, peer, subject } = signal;
    const frame = JSON.stringify({ type: 'peer', topic, peer, subject, present: signal.kind === 'joined' });
    for (const member of this.membersOf(topic)) {
      const own = member.peerIds.get(topic);
      if (own && own !== peer) member.sendFrame(frame);
    }
  }
}
