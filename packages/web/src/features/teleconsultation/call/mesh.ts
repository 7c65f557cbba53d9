/** What peers send one another through the server (the server checks the same shape). */
export type Signal =
  | { kind: 'description'; description: { type: 'offer' | 'answer'; sdp: string } }
  | { kind: 'candidate'; candidate: RTCIceCandidateInit | null };

export interface Participant {
  peer: string;
  subject: string;
  stream: MediaStream | null;
  state: RTCPeerConnectionState;
}

export interface ChatLine {
  /** `me`, or the sender's subject. */
  from: string;
  text: string;
  at: number;
}

/** Video bitrate shared among the peers: each sends less as the mesh grows (a mesh uploads once per peer). */
const UPLINK_BPS = 1_800_000;
const MAX_CHAT_LENGTH = 2_000;
/** How long a peer the server says left, but whose media still flows, is kept for its return (a network change). */
const RETURN_GRACE_MS = 20_000;
/** How long a newcomer's offer is awaited before calling it ourselves (see `joined`). */
const CALL_IF_SILENT_MS = 1_500;
/**
 * The height a call's video starts at, and how long after connecting it goes to the camera's own.
 * A new connection's bandwidth estimate starts low (300 kbit/s in Chrome): a 720p camera's first
 * frame then waits while the encoder drops frames and steps its resolution down, some 200 ms on
 * loopback. Started at 180p, the first key frame is a few kilobytes that the pacer sends at once
 * (at 360p, a busy 2-core host still took 70 to 140 ms from connected to the first frame; at 180p,
 * 50 to 60); two seconds later the estimate has ramped up and the picture is sharp (the encoder
 * still scales down by itself where it has not).
 */
const FIRST_HEIGHT = 180;
const FULL_RESOLUTION_AFTER_MS = 2_000;

interface Link {
  /** The other side's peer id in the room: a new one each time its socket joins again. */
  peer: string;
  subject: string;
  pc: RTCPeerConnection;
  chat: RTCDataChannel;
  stream: MediaStream | null;
  makingOffer: boolean;
  ignoreOffer: boolean;
  /** Candidates that arrived before the description they belong to. */
  early: RTCIceCandidateInit[];
  /** Set while the server says the peer left but its connection lives: closed when it runs out. */
  returnTimer?: number;
}

/**
 * The call as a mesh of peer connections, one per other participant (four at most in a room).
 * Media and chat go peer to peer (DTLS-SRTP, an SCTP data channel); only descriptions and
 * candidates pass through the server. Negotiation follows the W3C "perfect negotiation" pattern:
 * the newcomer offers; if two offers cross, the polite side (the smaller subject) yields.
 */
export class Mesh {
  private readonly links = new Map<string, Link>();
  /** Newcomers whose offer is awaited: peer → the timer that calls them if none comes. */
  private readonly awaited = new Map<string, number>();
  readonly chat: ChatLine[] = [];

  constructor(
    private readonly local: MediaStream,
    private iceServers: RTCIceServer[],
    private readonly self: string,
    private readonly send: (to: string, signal: Signal) => void,
    private readonly changed: () => void,
  ) {}

  participants(): Participant[] {
    return [...this.links].map(([peer, link]) => ({ peer, subject: link.subject, stream: link.stream, state: link.pc.connectionState }));
  }

  connections(): RTCPeerConnection[] {
    return [...this.links.values()].map((link) => link.pc);
  }

  /** A peer to call now (the newcomer calls those already there). */
  call(peer: string, subject: string): void {
    this.link(peer, subject, true);
  }

  /**
   * A peer joined: it will call; its link is made when its offer arrives. A participant already
   * linked may be coming back after a network change (its offer restarts ICE on the same
   * connection) or be another tab (a new connection replaces the old): its offer tells (`adopt`).
   * An offer of ours it may never have received is withdrawn, so that its restart goes through.
   */
  joined(peer: string, subject: string): void {
    for (const link of this.links.values()) {
      if (link.subject !== subject || link.peer === peer) continue;
      if (link.pc.signalingState === 'have-local-offer') void link.pc.setLocalDescription({ type: 'rollback' }).catch(() => {});
    }
    // On two nodes, two participants joining at the same moment may each find the room empty (neither
    // node has heard of the other yet) and each wait for the other's call. Whoever has heard nothing
    // from a newcomer after a moment calls it; should both call, perfect negotiation settles it.
    window.clearTimeout(this.awaited.get(peer));
    this.awaited.set(
      peer,
      window.setTimeout(() => {
        this.awaited.delete(peer);
        if (![...this.links.values()].some((link) => link.peer === peer || link.subject === subject)) this.call(peer, subject);
      }, CALL_IF_SILENT_MS),
    );
  }

  /**
   * The server says a peer left. If its media still flows, its socket alone dropped (a network
   * change): the connection is kept a while for it to come back; otherwise it is closed now.
   */
  left(peer: string): void {
    window.clearTimeout(this.awaited.get(peer));
    this.awaited.delete(peer);
    const link = this.links.get(peer);
    if (!link) return;
    if (link.pc.connectionState !== 'connected' || link.chat.readyState !== 'open') return this.leave(peer);
    window.clearTimeout(link.returnTimer);
    link.returnTimer = window.setTimeout(() => this.leave(link.peer), RETURN_GRACE_MS);
  }

  leave(peer: string): void {
    const link = this.links.get(peer);
    if (!link) return;
    window.clearTimeout(link.returnTimer);
    link.pc.close();
    this.links.delete(peer);
    this.adaptBitrates();
    this.changed();
  }

  /**
   * Our socket joined the room again (a network change, a node restarting): the links to the
   * participants still there are kept and restart ICE, with fresh ICE servers (TURN credentials),
   * the newcomer's way; a participant we had no link to is called; one absent is let go unless its
   * media still flows (its socket may be coming back too).
   */
  rejoined(peers: { peer: string; subject: string }[], iceServers: RTCIceServer[]): void {
    this.iceServers = iceServers;
    const present = new Set(peers.map((p) => p.subject));
    for (const link of [...this.links.values()]) if (!present.has(link.subject)) this.left(link.peer);
    for (const { peer, subject } of peers) {
      const link = [...this.links.values()].find((l) => l.subject === subject);
      if (!link) {
        this.call(peer, subject);
        continue;
      }
      this.rebind(link, peer);
      void this.restart(link);
    }
  }

  /** ICE again on a link (new candidates, a new path), keeping its media, chat and state. */
  private async restart(link: Link): Promise<void> {
    link.pc.setConfiguration({ ...link.pc.getConfiguration(), iceServers: this.iceServers });
    // An offer of ours lost with the old socket would hold the negotiation: withdrawn, then made again.
    if (link.pc.signalingState === 'have-local-offer') await link.pc.setLocalDescription({ type: 'rollback' }).catch(() => {});
    link.pc.restartIce();
  }

  /** The link now answers to the peer's new id. */
  private rebind(link: Link, peer: string): void {
    window.clearTimeout(link.returnTimer);
    link.returnTimer = undefined;
    if (link.peer === peer) return;
    this.links.delete(link.peer);
    link.peer = peer;
    this.links.set(peer, link);
  }

  /**
   * An offer from a new peer id of a participant already linked: the same connection coming back
   * (its DTLS certificate's fingerprint is the one we know) is adopted under the new id; another
   * connection (a new tab, a reload) replaces the old link.
   */
  private adopt(peer: string, subject: string, signal: Signal): Link | undefined {
    const link = [...this.links.values()].find((l) => l.subject === subject);
    if (!link || signal.kind !== 'description' || signal.description.type !== 'offer') return undefined;
    const known = fingerprint(link.pc.remoteDescription?.sdp);
    if (known && known === fingerprint(signal.description.sdp)) {
      this.rebind(link, peer);
      return link;
    }
    this.leave(link.peer);
    return undefined;
  }

  async signal(from: string, subject: string, signal: Signal): Promise<void> {
    const link = this.links.get(from) ?? this.adopt(from, subject, signal) ?? this.link(from, subject, false);
    if (signal.kind === 'candidate') {
      if (!signal.candidate) return;
      if (!link.pc.remoteDescription) return void link.early.push(signal.candidate);
      await link.pc.addIceCandidate(signal.candidate).catch((error: unknown) => {
        if (!link.ignoreOffer) throw error;
      });
      return;
    }
    const { description } = signal;
    const collision = description.type === 'offer' && (link.makingOffer || link.pc.signalingState !== 'stable');
    link.ignoreOffer = !this.polite(link.subject) && collision;
    if (link.ignoreOffer) return;
    await link.pc.setRemoteDescription(description);
    for (const candidate of link.early.splice(0)) await link.pc.addIceCandidate(candidate).catch(() => {});
    if (description.type === 'offer') {
      this.addTracks(link.pc);
      await link.pc.setLocalDescription();
      this.send(from, describe(link.pc));
    }
  }

  /**
   * What every peer receives of `kind` from now on (another camera, the screen, or nothing for audio
   * alone): the senders' tracks are replaced, without renegotiating. Links made later send the
   * local stream's tracks, which the caller keeps in step.
   */
  async replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    const senders = [...this.links.values()].flatMap(({ pc }) =>
      pc.getTransceivers().flatMap((t) => (t.sender.track?.kind === kind || t.receiver.track.kind === kind ? [t.sender] : [])),
    );
    await Promise.all(senders.map((sender) => sender.replaceTrack(track)));
  }

  say(text: string): void {
    const line = text.trim().slice(0, MAX_CHAT_LENGTH);
    if (!line) return;
    for (const link of this.links.values()) if (link.chat.readyState === 'open') link.chat.send(line);
    this.chat.push({ from: 'me', text: line, at: Date.now() });
    this.changed();
  }

  close(): void {
    for (const timer of this.awaited.values()) window.clearTimeout(timer);
    this.awaited.clear();
    for (const peer of [...this.links.keys()]) this.leave(peer);
  }

  private polite(subject: string): boolean {
    return this.self < subject;
  }

  private link(peer: string, subject: string, offering: boolean): Link {
    // One transport for audio, video and chat from the offer on: a third of the candidates to
    // gather, send and check, and one DTLS handshake (every browser in use bundles; nothing unbundled answers us).
    const pc = new RTCPeerConnection({ iceServers: this.iceServers, bundlePolicy: 'max-bundle' });
    // Negotiated on both sides with one id: no extra round trip to open the chat.
    const chat = pc.createDataChannel('chat', { negotiated: true, id: 0 });
    const link: Link = { peer, subject, pc, chat, stream: null, makingOffer: false, ignoreOffer: false, early: [] };
    this.links.set(peer, link);
    chat.onmessage = (event) => {
      this.chat.push({ from: subject, text: String(event.data).slice(0, MAX_CHAT_LENGTH), at: Date.now() });
      this.changed();
    };
    pc.ontrack = (event) => {
      link.stream = event.streams[0] ?? new MediaStream([event.track]);
      this.changed();
    };
    // The peer closed its connection (it left the call): no need to wait for the server to say so.
    chat.onclose = () => this.links.get(link.peer) === link && this.leave(link.peer);
    pc.onicecandidate = (event) => this.send(link.peer, { kind: 'candidate', candidate: event.candidate?.toJSON() ?? null });
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'connected') {
        this.adaptBitrates();
        window.setTimeout(() => void fullResolution(pc), FULL_RESOLUTION_AFTER_MS);
      }
      // The path broke (a network change) while signaling still works: ICE again, on the same connection.
      if (pc.connectionState === 'failed' && link.returnTimer === undefined) void this.restart(link);
      this.changed();
    };
    pc.onnegotiationneeded = async () => {
      try {
        link.makingOffer = true;
        await pc.setLocalDescription();
        this.send(link.peer, describe(pc));
      } finally {
        link.makingOffer = false;
      }
    };
    if (offering) this.addTracks(pc);
    this.changed();
    return link;
  }

  private addTracks(pc: RTCPeerConnection): void {
    const sent = new Set(pc.getSenders().map((sender) => sender.track));
    for (const track of this.local.getTracks()) {
      if (sent.has(track)) continue;
      const sender = pc.addTrack(track, this.local);
      if (track.kind === 'video') void startLight(sender, track);
    }
  }

  /** Each peer's share of the uplink: 1.8 Mbit/s for one, 900 kbit/s each for two, 600 for three. */
  private adaptBitrates(): void {
    const share = Math.floor(UPLINK_BPS / Math.max(1, this.links.size));
    for (const { pc } of this.links.values()) {
      for (const sender of pc.getSenders()) {
        if (sender.track?.kind !== 'video') continue;
        const parameters = sender.getParameters();
        if (!parameters.encodings?.length) continue;
        // One peer and never capped: nothing to change (a change reconfigures the encoder, a frame later).
        if (this.links.size <= 1 && parameters.encodings[0]!.maxBitrate === undefined) continue;
        parameters.encodings[0]!.maxBitrate = share;
        void sender.setParameters(parameters).catch(() => {});
      }
    }
  }
}

/** A new connection's video starts at FIRST_HEIGHT at most (see there); a browser that has no encodings yet starts as it likes. */
async function startLight(sender: RTCRtpSender, track: MediaStreamTrack): Promise<void> {
  const height = track.getSettings().height ?? 0;
  const parameters = sender.getParameters();
  if (height <= FIRST_HEIGHT || !parameters.encodings?.length) return;
  parameters.encodings[0]!.scaleResolutionDownBy = height / FIRST_HEIGHT;
  await sender.setParameters(parameters).catch(() => {});
}

/** The connection's video at the camera's own resolution again. */
async function fullResolution(pc: RTCPeerConnection): Promise<void> {
  for (const sender of pc.getSenders()) {
    if (sender.track?.kind !== 'video' || pc.connectionState === 'closed') continue;
    const parameters = sender.getParameters();
    const encoding = parameters.encodings?.[0];
    if (!encoding || (encoding.scaleResolutionDownBy ?? 1) === 1) continue;
    encoding.scaleResolutionDownBy = 1;
    await sender.setParameters(parameters).catch(() => {});
  }
}

/** The DTLS certificate fingerprint an SDP states: the same for the life of one peer connection. */
function fingerprint(sdp: string | undefined): string | null {
  return sdp?.match(/^a=fingerprint:(.+)$/m)?.[1]?.trim() ?? null;
}

/** The connection's local description, as a signal. */
function describe(pc: RTCPeerConnection): Signal {
  const { type, sdp } = pc.localDescription!;
  return { kind: 'description', description: { type: type === 'answer' ? 'answer' : 'offer', sdp } };
}
