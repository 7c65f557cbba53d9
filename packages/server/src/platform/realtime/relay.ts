import { randomBytes } from 'node:crypto';
import type { EventBus } from '../events/bus.js';
import { sha256Hex } from '../sha256.js';
import { waitAtMost } from '../timeout.js';
import type { RoomPeer } from './protocol.js';

/**
 * What crosses the nodes about a room: a peer joined or left (on the room host — one per node —
 * named `host`), or sent data to the others (or to one). Signaling only — session descriptions and
 * ICE candidates, never media — and nothing kept.
 */
export type RoomSignal =
  | { topic: string; kind: 'joined' | 'left'; peer: string; subject: string; host: string }
  | { topic: string; kind: 'data'; from: string; to?: string; data: unknown };

/**
 * How the nodes keep their rosters true without a store: a host with peers says it is `alive` every
 * few seconds, and its peers are dropped elsewhere once it has been silent too long (a crashed
 * node's peers must not hold places); a host just started (or hearing of one it did not know) asks
 * for a `roll-call`, which hosts answer with their peers, `present`, in chunks under the bus's size
 * limit, the last one marked `complete`. `alive` carries a digest of the host's peers: a node whose
 * list of them differs (it missed a join or a leave while cut off from the bus) asks that host for
 * its roll call, and keeps only the peers the complete answer names.
 */
export type RoomPresence =
  | { kind: 'alive'; host: string; digest: RosterDigest }
  | { kind: 'roll-call'; host: string; of?: string }
  | { kind: 'present'; host: string; peers: [topic: string, peer: string, subject: string][]; complete: boolean };

/** How many peers, and the sum of their names' 32-bit hashes: the same whatever the order. */
export interface RosterDigest {
  count: number;
  sum: number;
}

declare module '../events/subjects.js' {
  interface EventSubjects {
    'realtime.relayed': RoomSignal;
    'realtime.presence': RoomPresence;
  }
}

/** A connection as a room sees it: its peer id in each room it joined, and a way to send it a frame. */
export interface RoomMember {
  readonly peerIds: Map<string, string>;
  sendFrame(frame: string): void;
}

export interface PresenceTiming {
  /** How often a host with peers says it is alive. */
  everyMs: number;
  /** Silence after which a host's peers are dropped: a few heartbeats, so that one lost is no harm. */
  lostAfterMs: number;
}

export const DEFAULT_PRESENCE: PresenceTiming = { everyMs: 5_000, lostAfterMs: 16_000 };

/** How long a join (or the roll call) waits, at most, for the bus to carry it to the other nodes. */
const MAX_WAIT_MS = 1_000;
/** How long a host just started listens to the answers to its roll call before it admits anyone. */
const ROLL_CALL_SETTLE_MS = 250;
/** Peers per `present` message: about 120 bytes each, far under the bus's 64 KiB. */
const PRESENT_CHUNK = 200;

interface Entry {
  subject: string;
  host: string;
}

/**
 * The rooms as one node knows them: every peer of each room, on whichever node it is connected
 * (learnt from the bus), and the node's own members, to whom it delivers what the others send.
 */
export class Rooms {
  /** This node's room host: the name its peers are announced under. */
  readonly host = Rooms.newPeerId();
  /** Resolves once the answers to this host's first roll call had time to arrive (capped). */
  readonly ready: Promise<void>;
  /** topic → peer → subject and host */
  private readonly rosters = new Map<string, Map<string, Entry>>();
  /** host → when it was last heard (ms), for the other hosts with peers. */
  private readonly heard = new Map<string, number>();
  /** host → the peers its roll call's answer named so far, until its complete part. */
  private readonly answering = new Map<string, Set<string>>();
  private readonly stopFeeds: (() => void)[];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly bus: EventBus,
    private readonly membersOf: (topic: string) => Iterable<RoomMember>,
    private readonly presence: PresenceTiming = DEFAULT_PRESENCE,
  ) {
    this.stopFeeds = [
      bus.subscribe('realtime.relayed', ({ payload }) => this.deliver(payload)),
      bus.subscribe('realtime.presence', ({ payload }) => this.onPresence(payload)),
    ];
    this.timer = setInterval(() => this.beat(), presence.everyMs);
    this.timer.unref();
    this.ready = this.rollCall();
  }

  static newPeerId(): string {
    return randomBytes(8).toString('hex');
  }

  /** The peers present in a room. */
  roster(topic: string): RoomPeer[] {
    return [...(this.rosters.get(topic) ?? [])].map(([peer, { subject }]) => ({ peer, subject }));
  }

  /** Whether `subject` would be one too many: a participant already present may always come back (another tab, a reconnect). */
  isFull(topic: string, subject: string, maxPeers: number): boolean {
    const subjects = new Set([...(this.rosters.get(topic)?.values() ?? [])].map((entry) => entry.subject));
    return !subjects.has(subject) && subjects.size >= maxPeers;
  }

  /**
   * Noted here at once (a second join on this node sees it), and resolves once the bus has carried
   * it to the other nodes: answered only then, a participant who next joins on another node (the
   * mesh's limit) finds this one there. A bus that cannot say so (NATS reconnecting) is waited for
   * a second at most: the peers on this node need not wait for the others.
   */
  async join(topic: string, peer: string, subject: string): Promise<void> {
    const signal = { topic, kind: 'joined', peer, subject, host: this.host } as const;
    this.note(signal);
    this.bus.publish('realtime.relayed', signal);
    await waitAtMost(this.bus.flush(), MAX_WAIT_MS);
  }

  leave(topic: string, peer: string, subject: string): void {
    const signal = { topic, kind: 'left', peer, subject, host: this.host } as const;
    this.note(signal);
    this.bus.publish('realtime.relayed', signal);
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
    clearInterval(this.timer);
    this.stopFeeds.forEach((stop) => stop());
  }

  /** Asks every host for its peers, and gives the answers a moment: a node started after a room formed must know it. */
  private async rollCall(): Promise<void> {
    await waitAtMost(this.bus.ready, MAX_WAIT_MS);
    this.publishPresence({ kind: 'roll-call', host: this.host });
    await waitAtMost(this.bus.flush(), MAX_WAIT_MS);
    if (this.bus.transport === 'in-process') return waitAtMost(this.bus.flush(), MAX_WAIT_MS);
    await new Promise((resolve) => setTimeout(resolve, ROLL_CALL_SETTLE_MS));
  }

  /** Says this host is alive (when it has peers), and drops the peers of hosts silent too long. */
  private beat(): void {
    const own = this.ownPeers();
    if (own.length > 0) this.publishPresence({ kind: 'alive', host: this.host, digest: rosterDigest(own) });
    const silentSince = Date.now() - this.presence.lostAfterMs;
    for (const [host, at] of this.heard) {
      if (at >= silentSince) continue;
      this.heard.delete(host);
      for (const [topic, roster] of this.rosters)
        for (const [peer, entry] of roster)
          if (entry.host === host) this.noteAndTell({ topic, kind: 'left', peer, subject: entry.subject, host });
    }
  }

  private onPresence(message: RoomPresence): void {
    if (message.host === this.host) return;
    const known = this.heard.has(message.host);
    this.heard.set(message.host, Date.now());
    if (message.kind === 'alive') {
      // A host we had dropped (or never heard of), or whose peers we list otherwise: ask it.
      const digest = rosterDigest(this.peersOf(message.host));
      if (!known || digest.count !== message.digest.count || digest.sum !== message.digest.sum)
        this.publishPresence({ kind: 'roll-call', host: this.host, of: message.host });
    } else if (message.kind === 'roll-call') {
      if (message.of === undefined || message.of === this.host) this.answerRollCall();
    } else {
      const named = this.answering.get(message.host) ?? new Set<string>();
      this.answering.set(message.host, named);
      for (const [topic, peer, subject] of message.peers) {
        named.add(peer);
        this.noteAndTell({ topic, kind: 'joined', peer, subject, host: message.host });
      }
      if (!message.complete) return;
      this.answering.delete(message.host);
      for (const [topic, peer, subject] of this.peersOf(message.host))
        if (!named.has(peer)) this.noteAndTell({ topic, kind: 'left', peer, subject, host: message.host });
    }
  }

  /** Every peer of this host, in chunks; the last (empty when there is none) marked complete. */
  private answerRollCall(): void {
    const peers = this.ownPeers();
    let start = 0;
    do {
      const chunk = peers.slice(start, (start += PRESENT_CHUNK));
      this.publishPresence({ kind: 'present', host: this.host, peers: chunk, complete: start >= peers.length });
    } while (start < peers.length);
  }

  private ownPeers(): [string, string, string][] {
    return this.peersOf(this.host);
  }

  private peersOf(host: string): [topic: string, peer: string, subject: string][] {
    const peers: [string, string, string][] = [];
    for (const [topic, roster] of this.rosters)
      for (const [peer, entry] of roster) if (entry.host === host) peers.push([topic, peer, entry.subject]);
    return peers;
  }

  /** Presence is a repair: a bus closing meanwhile is no reason to fail. */
  private publishPresence(message: RoomPresence): void {
    try {
      this.bus.publish('realtime.presence', message);
    } catch {
      // closed: the node is stopping
    }
  }

  /**
   * The roster follows joins and leaves at once on the node where they happen, and from the bus on
   * the others; answers whether it changed.
   */
  private note(signal: Extract<RoomSignal, { kind: 'joined' | 'left' }>): boolean {
    let roster = this.rosters.get(signal.topic);
    if (signal.kind === 'left') {
      const had = roster?.get(signal.peer);
      if (!had) return false;
      roster!.delete(signal.peer);
      if (roster!.size === 0) this.rosters.delete(signal.topic);
      return true;
    }
    if (!roster) this.rosters.set(signal.topic, (roster = new Map()));
    const had = roster.has(signal.peer);
    roster.set(signal.peer, { subject: signal.subject, host: signal.host });
    return !had;
  }

  /** Notes a change learnt without its own signal (a roll call's answer, a host gone silent), and tells this node's members. */
  private noteAndTell(signal: Extract<RoomSignal, { kind: 'joined' | 'left' }>): void {
    if (this.note(signal)) this.tell(signal);
  }

  private tell({ topic, peer, subject, kind }: Extract<RoomSignal, { kind: 'joined' | 'left' }>): void {
    const frame = JSON.stringify({ type: 'peer', topic, peer, subject, present: kind === 'joined' });
    for (const member of this.membersOf(topic)) {
      const own = member.peerIds.get(topic);
      if (own && own !== peer) member.sendFrame(frame);
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
    if (signal.host !== this.host) this.heard.set(signal.host, Date.now());
    // This host's own joins and leaves are already noted: their echo is how its members hear of them.
    if (this.note(signal) || signal.host === this.host) this.tell(signal);
  }
}

/** The digest of a host's peers: what `alive` says, and what a node compares with its own list. */
export function rosterDigest(peers: readonly (readonly [topic: string, peer: string, subject: string])[]): RosterDigest {
  let sum = 0;
  // The first 32 bits of each peer id's SHA-256, summed: any change to the list changes the sum.
  for (const [, peer] of peers) sum = (sum + parseInt(sha256Hex(peer).slice(0, 8), 16)) >>> 0;
  return { count: peers.length, sum };
}
