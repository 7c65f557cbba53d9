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

interface Link {
  subject: string;
  pc: RTCPeerConnection;
  chat: RTCDataChannel;
  stream: MediaStream | null;
  makingOffer: boolean;
  ignoreOffer: boolean;
  /** Candidates that arrived before the description they belong to. */
  early: RTCIceCandidateInit[];
}

/**
 * The call as a mesh of peer connections, one per other participant (four at most in a room).
 * Media and chat go peer to peer (DTLS-SRTP, an SCTP data channel); only descriptions and
 * candidates pass through the server. Negotiation follows the W3C "perfect negotiation" pattern:
 * the newcomer offers; if two offers cross, the polite side (the smaller subject) yields.
 */
export class Mesh {
  private readonly links = new Map<string, Link>();
  readonly chat: ChatLine[] = [];

  constructor(
    private readonly local: MediaStream,
    private readonly iceServers: RTCIceServer[],
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

  /** A peer joined: it will call; its link is made when its offer arrives. Another tab of the same participant replaces the old one. */
  joined(peer: string, subject: string): void {
    for (const [other, link] of this.links) if (link.subject === subject && other !== peer) this.leave(other);
  }

  leave(peer: string): void {
    const link = this.links.get(peer);
    if (!link) return;
    link.pc.close();
    this.links.delete(peer);
    this.adaptBitrates();
    this.changed();
  }

  async signal(from: string, subject: string, signal: Signal): Promise<void> {
    const link = this.links.get(from) ?? this.link(from, subject, false);
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

  say(text: string): void {
    const line = text.trim().slice(0, MAX_CHAT_LENGTH);
    if (!line) return;
    for (const link of this.links.values()) if (link.chat.readyState === 'open') link.chat.send(line);
    this.chat.push({ from: 'me', text: line, at: Date.now() });
    this.changed();
  }

  close(): void {
    for (const peer of [...this.links.keys()]) this.leave(peer);
  }

  private polite(subject: string): boolean {
    return this.self < subject;
  }

  private link(peer: string, subject: string, offering: boolean): Link {
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    // Negotiated on both sides with one id: no extra round trip to open the chat.
    const chat = pc.createDataChannel('chat', { negotiated: true, id: 0 });
    const link: Link = { subject, pc, chat, stream: null, makingOffer: false, ignoreOffer: false, early: [] };
    this.links.set(peer, link);
    chat.onmessage = (event) => {
      this.chat.push({ from: subject, text: String(event.data).slice(0, MAX_CHAT_LENGTH), at: Date.now() });
      this.changed();
    };
    pc.ontrack = (event) => {
      link.stream = event.streams[0] ?? new MediaStream([event.track]);
      this.changed();
    };
    pc.onicecandidate = (event) => this.send(peer, { kind: 'candidate', candidate: event.candidate?.toJSON() ?? null });
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'connected') this.adaptBitrates();
      this.changed();
    };
    pc.onnegotiationneeded = async () => {
      try {
        link.makingOffer = true;
        await pc.setLocalDescription();
        this.send(peer, describe(pc));
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
    for (const track of this.local.getTracks()) if (!sent.has(track)) pc.addTrack(track, this.local);
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

/** The connection's local description, as a signal. */
function describe(pc: RTCPeerConnection): Signal {
  const { type, sdp } = pc.localDescription!;
  return { kind: 'description', description: { type: type === 'answer' ? 'answer' : 'offer', sdp } };
}
