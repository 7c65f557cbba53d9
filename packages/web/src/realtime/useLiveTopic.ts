import { useCallback, useEffect, useEffectEvent, useSyncExternalStore } from 'react';
import type { ConnectionStatus, TopicSnapshot } from './connection.js';
import { liveConnection } from './live.js';
import type { LiveEvent } from './protocol.js';

const IDLE: TopicSnapshot<never> = { status: 'idle', events: [], lastEvent: undefined, problem: undefined };

export interface LiveTopicHandlers<T> {
  /** Each event as it arrives (e.g. invalidate the query that shows the changed resource). */
  onEvent?: (event: LiveEvent<T>) => void;
  /** Events may have been missed while disconnected: reload what the page shows. */
  onResync?: () => void;
}

/**
 * The live stream of one topic (`patient:<id>`, `waiting-room:<organisationId>`) for as long as the
 * component is mounted: its status, its latest events, and callbacks for each event and for a
 * resync. `null` follows nothing. The connection is shared by every component and resumes after a
 * reconnect from the last event seen.
 *
 *   const room = useLiveTopic<Arrival>(`waiting-room:${organisationId}`, {
 *     onEvent: () => queryClient.invalidateQueries({ queryKey: ['waiting-room', organisationId] }),
 *     onResync: () => queryClient.invalidateQueries({ queryKey: ['waiting-room', organisationId] }),
 *   });
 *   room.status === 'refused' → room.problem.title says why, in the interface's language.
 */
export function useLiveTopic<T = unknown>(topic: string | null | undefined, handlers: LiveTopicHandlers<T> = {}): TopicSnapshot<T> {
  const subscribe = useCallback((onChange: () => void) => (topic ? liveConnection().subscribe(topic, { onChange }) : () => {}), [topic]);
  const snapshot = useSyncExternalStore(
    subscribe,
    () => (topic ? liveConnection().snapshot(topic) : undefined) ?? IDLE,
    () => IDLE,
  );

  const onEvent = useEffectEvent((event: LiveEvent) => handlers.onEvent?.(event as LiveEvent<T>));
  const onResync = useEffectEvent(() => handlers.onResync?.());
  useEffect(() => {
    if (!topic) return;
    return liveConnection().subscribe(topic, { onEvent: (event) => onEvent(event), onResync: () => onResync() });
  }, [topic]);

  return snapshot as TopicSnapshot<T>;
}

/** The shared connection's status, e.g. for a discreet "reconnecting…" indicator. */
export function useLiveConnectionStatus(): ConnectionStatus {
  return useSyncExternalStore(
    (onChange) => liveConnection().onStatus(onChange),
    () => liveConnection().status,
    () => 'idle',
  );
}
