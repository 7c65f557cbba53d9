/** Whether this browser can reach a peer: directly, only through the TURN relay, or not at all. */
export type Reachability = 'direct' | 'relay' | 'none';

export interface ConnectivityResult {
  /** A direct path: a server-reflexive candidate from STUN (a host candidate when no STUN server is configured). */
  direct: boolean;
  /** A relay candidate from the TURN server over UDP; null when none is configured. */
  turnUdp: boolean | null;
  /** A relay candidate from the TURN server over TLS (port 443 in production); null when none is configured. */
  turnTls: boolean | null;
  reachable: Reachability;
}

/** How long each path may take to give its candidate: a blocked one never answers. */
const GATHER_MS = 6_000;

/**
 * Tries each path a call may take with the ICE servers the server hands out, as a browser behind
 * this network would: STUN alone (direct), TURN over UDP alone, TURN over TLS alone, each in its own
 * peer connection (the relay ones forced to `relay`). A path works when it yields its kind of
 * candidate; no media is sent anywhere.
 */
export async function checkConnectivity(iceServers: RTCIceServer[], timeoutMs = GATHER_MS): Promise<ConnectivityResult> {
  const urls = (server: RTCIceServer) => [server.urls].flat();
  const only = (keep: (url: string) => boolean): RTCIceServer[] =>
    iceServers.flatMap((server) => {
      const kept = urls(server).filter(keep);
      return kept.length ? [{ ...server, urls: kept }] : [];
    });
  const stun = only((url) => url.startsWith('stun:'));
  const udp = only((url) => url.startsWith('turn:') && !url.includes('transport=tcp'));
  const tls = only((url) => url.startsWith('turns:'));
  const [direct, turnUdp, turnTls] = await Promise.all([
    gather({ iceServers: stun }, (type) => (stun.length ? type === 'srflx' : type === 'host' || type === 'srflx'), timeoutMs),
    udp.length ? gather({ iceServers: udp, iceTransportPolicy: 'relay' }, (type) => type === 'relay', timeoutMs) : null,
    tls.length ? gather({ iceServers: tls, iceTransportPolicy: 'relay' }, (type) => type === 'relay', timeoutMs) : null,
  ]);
  return { direct, turnUdp, turnTls, reachable: direct ? 'direct' : turnUdp || turnTls ? 'relay' : 'none' };
}

/** Whether a peer connection with `config` gathers a candidate `wanted` before the end of its gathering or the timeout. */
async function gather(
  config: RTCConfiguration,
  wanted: (type: RTCIceCandidateType | null) => boolean,
  timeoutMs: number,
): Promise<boolean> {
  let pc: RTCPeerConnection;
  try {
    pc = new RTCPeerConnection(config);
  } catch {
    return false; // a server URL the browser refuses
  }
  try {
    return await new Promise<boolean>((resolve) => {
      const timer = window.setTimeout(() => resolve(false), timeoutMs);
      const done = (found: boolean) => {
        window.clearTimeout(timer);
        resolve(found);
      };
      pc.onicecandidate = (event) => {
        if (!event.candidate) return done(false);
        if (wanted(event.candidate.type)) done(true);
      };
      pc.createDataChannel('check');
      pc.createOffer()
        .then((offer) => pc.setLocalDescription(offer))
        .catch(() => done(false));
    });
  } finally {
    pc.close();
  }
}
