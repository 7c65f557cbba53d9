import { z } from 'zod';

/** A session description is a few kilobytes; four peers with audio, video and data stay well under this. */
export const MAX_SDP_LENGTH = 24_000;
/** The largest signaling message a peer may send (the room's relay limit): an SDP and its envelope. */
export const MAX_SIGNAL_BYTES = 32 * 1024;

/**
 * What peers of a call relay to one another through the server: WebRTC session descriptions and ICE
 * candidates, nothing else (no media, and the chat goes peer to peer on a data channel). Checked
 * here, so that a malformed message never reaches the other peers.
 */
export const Signal = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('description'),
    description: z.strictObject({ type: z.enum(['offer', 'answer']), sdp: z.string().min(1).max(MAX_SDP_LENGTH) }),
  }),
  z.strictObject({
    kind: z.literal('candidate'),
    // null: the end of the peer's candidates.
    candidate: z
      .strictObject({
        candidate: z.string().max(1_000),
        sdpMid: z.string().max(64).nullable().optional(),
        sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
        usernameFragment: z.string().max(256).nullable().optional(),
      })
      .nullable(),
  }),
]);
export type Signal = z.infer<typeof Signal>;

/** The checked signal, or null for anything else. */
export function parseSignal(data: unknown): Signal | null {
  const parsed = Signal.safeParse(data);
  return parsed.success ? parsed.data : null;
}
