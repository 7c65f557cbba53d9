export interface ReplayLimits {
  /** Events kept per topic. */
  perTopic: number;
  /** Topics kept; the least recently published to is forgotten first. */
  maxTopics: number;
  /** Bytes of serialised events kept across all topics; least recent topics are forgotten first. */
  maxBytes: number;
  /** How long an event stays replayable (the newest of a topic stays, so that "nothing missed" can be told). */
  windowMs: number;
}

interface Entry {
  id: string;
  at: number;
  frame: string;
  bytes: number;
}

export interface Replay {
  /** The frames published after `afterId`, in order. */
  frames: string[];
  /** `afterId` is no longer (or never was) here: events may have been missed, the client reloads. */
  gap: boolean;
}

/**
 * The recent events of each topic on this node, fed by the event bus, so that a client that lost
 * its connection gets what it missed. Bounded in events per topic, topics and bytes: memory does not
 * grow with traffic, the oldest history goes first, and a client asking beyond it is told of the gap.
 */
export class ReplayBuffer {
  private readonly topics = new Map<string, Entry[]>();
  private bytes = 0;

  constructor(
    private readonly limits: ReplayLimits,
    private readonly now: () => number = Date.now,
  ) {}

  append(topic: string, id: string, frame: string): void {
    const entries = this.topics.get(topic) ?? [];
    // Re-inserting keeps the Map in least-recently-published order, for eviction.
    this.topics.delete(topic);
    this.topics.set(topic, entries);
    const bytes = frame.length * 2 + 64; // UTF-16 in memory, plus the entry
    entries.push({ id, at: this.now(), frame, bytes });
    this.bytes += bytes;
    if (entries.length > this.limits.perTopic) this.bytes -= entries.shift()!.bytes;
    this.prune(topic);
    while (this.topics.size > this.limits.maxTopics || (this.bytes > this.limits.maxBytes && this.topics.size > 1)) this.evictOldestTopic();
  }

  since(topic: string, afterId: string): Replay {
    const entries = this.topics.get(topic);
    if (!entries) return { frames: [], gap: true };
    this.prune(topic);
    const index = entries.findIndex((entry) => entry.id === afterId);
    if (index < 0) return { frames: [], gap: true };
    return { frames: entries.slice(index + 1).map((entry) => entry.frame), gap: false };
  }

  stats(): { topics: number; bytes: number } {
    return { topics: this.topics.size, bytes: this.bytes };
  }

  /** Drops a topic's events older than the window, except its newest. */
  private prune(topic: string): void {
    const entries = this.topics.get(topic);
    if (!entries) return;
    const oldest = this.now() - this.limits.windowMs;
    while (entries.length > 1 && entries[0]!.at < oldest) this.bytes -= entries.shift()!.bytes;
  }

  private evictOldestTopic(): void {
    const [topic, entries] = this.topics.entries().next().value as [string, Entry[]];
    this.topics.delete(topic);
    for (const entry of entries) this.bytes -= entry.bytes;
  }
}
