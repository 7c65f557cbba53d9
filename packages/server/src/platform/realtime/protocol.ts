import { z } from 'zod';

/**
 * The live protocol: JSON text frames over one WebSocket at /api/v1/live. The web client keeps a
 * copy of these types in packages/web/src/realtime/protocol.ts; change both together.
 *
 * client → server
 *   { type: 'subscribe', topic, after? }   after: the last event id seen, to resume from
 *   { type: 'unsubscribe', topic }
 *   { type: 'ping' }                        the browser cannot send protocol pings; answered by pong
 *   { type: 'relay', topic, to?, data }     in a room (a topic whose family relays, joined with a token):
 *                                           data for the other peers, or for the one peer `to`
 * server → client
 *   { type: 'welcome', heartbeatMs, resumeWindowMs, maxMessageBytes }   once authenticated
 *   { type: 'subscribed', topic, replayed, gap, peer?, peers? }   gap: events may have been missed, reload the state;
 *                                           in a room: this connection's peer id and the peers already there
 *   { type: 'peer', topic, peer, subject, present }   in a room: a peer joined (present) or left
 *   { type: 'relay', topic, from, data }    in a room: what peer `from` sent
 *   { type: 'event', topic, id, event, data, at }
 *   { type: 'unsubscribed', topic }
 *   { type: 'error', topic?, problem }      problem: RFC 9457 body, title in the connection's language
 *   { type: 'pong' }
 */

/** `family:param[:param…]`, e.g. `patient:0b5c…`, `waiting-room:<organisationId>`. */
export const TOPIC_PATTERN = /^[a-z][a-z0-9-]{0,39}(:[A-Za-z0-9_-]{1,64}){0,4}$/;
/** An event name as the client sees it: `appointment.booked`, `participant-joined`. */
export const EVENT_NAME_PATTERN = /^[a-z][a-z0-9.-]{0,63}$/;

const Topic = z.string().max(300).regex(TOPIC_PATTERN);
/** A peer in a room: one connection, named at random by the node that holds it. */
export const PEER_PATTERN = /^[a-f0-9]{16}$/;

export const ClientMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('subscribe'), topic: Topic, after: z.string().min(1).max(100).optional() }),
  z.strictObject({ type: z.literal('unsubscribe'), topic: Topic }),
  z.strictObject({ type: z.literal('ping') }),
  // `data` is checked by the room's family (its relay policy), not here.
  z.strictObject({ type: z.literal('relay'), topic: Topic, to: z.string().regex(PEER_PATTERN).optional(), data: z.unknown() }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export interface LiveProblem {
  type: string;
  title: string;
  status: number;
  detail?: string;
}

/** A peer of a room: its connection's id and who holds it (the token's subject). */
export interface RoomPeer {
  peer: string;
  subject: string;
}

export type ServerMessage =
  | { type: 'welcome'; heartbeatMs: number; resumeWindowMs: number; maxMessageBytes: number }
  | { type: 'subscribed'; topic: string; replayed: number; gap: boolean; peer?: string; peers?: RoomPeer[] }
  | { type: 'peer'; topic: string; peer: string; subject: string; present: boolean }
  | { type: 'relay'; topic: string; from: string; data: unknown }
  | { type: 'event'; topic: string; id: string; event: string; data: unknown; at: string }
  | { type: 'unsubscribed'; topic: string }
  | { type: 'error'; topic?: string; problem: LiveProblem }
  | { type: 'pong' };

/**
 * Close codes. 4401 tells the client not to reconnect before the person signs in again; the others
 * invite a reconnect (with back-off) and a resume.
 */
export const CLOSE_CODES = {
  /** The node is shutting down: reconnect (to another node) and resume. */
  goingAway: 1001,
  /** A message over the size limit (the WebSocket standard's code). */
  tooLarge: 1009,
  internal: 1011,
  /** No session, an ended session, or an invalid token. */
  unauthenticated: 4401,
  /** The client could not keep up with its events: reconnect and resume. */
  tooSlow: 4408,
  /** The client sent messages faster than allowed. */
  rateLimited: 4429,
} as const;
