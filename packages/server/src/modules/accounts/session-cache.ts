import type { Actor } from '../../platform/auth/actor.js';
import type { EventBus } from '../../platform/events/index.js';

/** How long a node remembers who a session is without asking the database again. */
export const SESSION_CACHE_TTL_MS = 2_000;

/** Who a session's token stands for, as the request path needs it (the client's address apart). */
export interface CachedSession {
  sessionId: string;
  accountId: string;
  actor: Omit<Actor, 'address'>;
  csrfToken: string;
  secondFactorPending: boolean;
}

/**
 * Remembers for a moment who a session is, so that a burst of requests does not read the session,
 * the memberships and the records again and again. An entry lives two seconds at most, and goes at
 * once — on every node, through the event bus — when its session ends or its account changes: a
 * log-out or a revocation takes effect immediately, everything else within two seconds.
 */
export class SessionCache {
  private readonly entries = new Map<string, CachedSession & { expires: number }>();
  /** What an account's pages load again and again (its profile, roles and records), per account. */
  private readonly views = new Map<string, { value: Promise<unknown>; expires: number }>();
  /** Sessions being loaded, and a count of forgets: a load that a forget overtook is not kept. */
  private readonly loading = new Map<string, Promise<CachedSession | null>>();
  private generation = 0;

  constructor(
    private readonly ttlMs = SESSION_CACHE_TTL_MS,
    private readonly maxEntries = 10_000,
  ) {}

  /** Keeps the cache true to the cluster's changes; returns the unsubscribe. */
  follow(events: EventBus): () => void {
    const stops = [
      events.subscribe('session.ended', ({ payload }) => this.forget(payload.accountId, payload.sessionId)),
      events.subscribe('account.changed', ({ payload }) => this.forget(payload.accountId)),
    ];
    return () => stops.forEach((stop) => stop());
  }

  get(tokenHash: string, now = Date.now()): CachedSession | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.expires <= now) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry;
  }

  /**
   * The cached session, or `load`'s answer, remembered: requests of one session arriving together
   * while it is not cached share one load instead of each reading the session again. In its last
   * quarter of life a cached session is still answered, while one load in the background renews it:
   * a busy session never makes its requests wait for the reload, and nothing is kept longer than
   * the two seconds. A session forgotten while it loaded is not remembered from that load.
   */
  async load(tokenHash: string, load: () => Promise<CachedSession | null>, now = Date.now()): Promise<CachedSession | null> {
    const entry = this.entries.get(tokenHash);
    if (entry && entry.expires > now) {
      if (entry.expires - now < this.ttlMs / 4) this.renew(tokenHash, load).catch(() => {});
      return entry;
    }
    return this.renew(tokenHash, load);
  }

  private renew(tokenHash: string, load: () => Promise<CachedSession | null>): Promise<CachedSession | null> {
    let pending = this.loading.get(tokenHash);
    if (!pending) {
      const generation = this.generation;
      pending = load().then((session) => {
        if (generation !== this.generation) return session;
        if (session) this.set(tokenHash, session);
        else this.entries.delete(tokenHash);
        return session;
      });
      this.loading.set(tokenHash, pending);
      void pending.finally(() => this.loading.delete(tokenHash)).catch(() => {});
    }
    return pending;
  }

  set(tokenHash: string, session: CachedSession, now = Date.now()): void {
    // A full cache starts again rather than grow: it only saves reads, it never decides.
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(tokenHash, { ...session, expires: now + this.ttlMs });
  }

  /**
   * The account's view as `load` builds it, loaded once per account and moment: it lives and goes
   * with the account's sessions (two seconds at most, at once on a change, on every node).
   */
  view<T>(accountId: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    const cached = this.views.get(accountId);
    if (cached && cached.expires > now) return cached.value as Promise<T>;
    if (this.views.size >= this.maxEntries) this.views.clear();
    const value = load();
    this.views.set(accountId, { value, expires: now + this.ttlMs });
    // A failed load is not remembered: the next request tries again.
    value.catch(() => {
      if (this.views.get(accountId)?.value === value) this.views.delete(accountId);
    });
    return value;
  }

  /** Every cached session of the account, or only the one named; the account's view either way. */
  forget(accountId: string, sessionId?: string): void {
    this.generation++;
    this.views.delete(accountId);
    for (const [key, entry] of this.entries)
      if (entry.accountId === accountId && (sessionId === undefined || entry.sessionId === sessionId)) this.entries.delete(key);
  }
}

const caches = new WeakMap<EventBus, SessionCache>();

/** The node's session cache (one per event bus, that is per node), following the bus from its first use. */
export function sessionCache(events: EventBus): SessionCache {
  let cache = caches.get(events);
  if (!cache) {
    cache = new SessionCache();
    cache.follow(events);
    caches.set(events, cache);
  }
  return cache;
}

/**
 * A session (or every session of the account) ended: forgotten here at once, so that the very next
 * request on this node is refused, and on every other node through the bus.
 */
export function endSessions(events: EventBus, accountId: string, sessionId?: string): void {
  sessionCache(events).forget(accountId, sessionId);
  events.publish('session.ended', { accountId, ...(sessionId ? { sessionId } : {}) });
}

/** What an account may do changed (a membership, a record it manages): its sessions reload at once, here and on every node. */
export function accountChanged(events: EventBus, accountId: string): void {
  sessionCache(events).forget(accountId);
  events.publish('account.changed', { accountId });
}
