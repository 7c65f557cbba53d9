// The live protocol as the browser sees it: a copy of the server's types in
// packages/server/src/platform/realtime/protocol.ts (no OpenAPI document describes a WebSocket's
// messages). Change both together.

export interface LiveProblem {
  type: string;
  /** In the connection's language (the `lang` the client connects with). */
  title: string;
  status: number;
  detail?: string;
}

export interface LiveEvent<T = unknown> {
  topic: string;
  /** Unique across the cluster; the client resumes from the last one it saw. */
  id: string;
  /** The event's name: `note.added`, `participant.joined`. */
  event: string;
  data: T;
  /** ISO 8601 instant of publication. */
  at: string;
}

export type ClientMessage =
  | { type: 'subscribe'; topic: string; after?: string }
  | { type: 'unsubscribe'; topic: string }
  | { type: 'ping' }
  | { type: 'relay'; topic: string; to?: string; data: unknown };

/** A peer of a room (a call): its connection's id and who holds it (`account:<id>`). */
export interface RoomPeer {
  peer: string;
  subject: string;
}

export type ServerMessage =
  | { type: 'welcome'; heartbeatMs: number; resumeWindowMs: number; maxMessageBytes: number }
  | { type: 'subscribed'; topic: string; replayed: number; gap: boolean; peer?: string; peers?: RoomPeer[] }
  | { type: 'peer'; topic: string; peer: string; subject: string; present: boolean }
  | { type: 'relay'; topic: string; from: string; data: unknown }
  | ({ type: 'event' } & LiveEvent)
  | { type: 'unsubscribed'; topic: string }
  | { type: 'error'; topic?: string; problem: LiveProblem }
  | { type: 'pong' };

/** 4401: signed out (no reconnect until the person signs in again); the other closes invite a reconnect. */
export const CLOSE_UNAUTHENTICATED = 4401;
