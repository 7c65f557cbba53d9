import type { RoomPeer, ServerMessage } from '../../../realtime/protocol.js';

export interface RoomHandlers {
  /** In the room: this connection's peer id and the peers already there. */
  onJoined(self: string, peers: RoomPeer[]): void;
  onPeer(peer: RoomPeer, present: boolean): void;
  onSignal(from: string, data: unknown): void;
  /** What the server tells the room (a file was shared): its name and identifiers. */
  onEvent?(event: string, data: unknown): void;
  /** The socket closed; `final`: refused (signed out, token refused, room full), nothing more to try with this token. */
  onClosed(final: boolean): void;
}

/**
 * The call's signaling: its own WebSocket to the live endpoint, opened with the room token (and
 * the session's cookie), relaying to the room's other peers. Kept apart from the page's shared live
 * connection, whose topics follow a session and resume; a room is joined anew each time.
 */
export class RoomSocket {
  private readonly socket: WebSocket;
  private refused = false;

  constructor(
    token: string,
    private readonly topic: string,
    language: string,
    private readonly handlers: RoomHandlers,
  ) {
    const url = new URL('/api/v1/live', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', token);
    url.searchParams.set('lang', language === 'en' ? 'en' : 'fr');
    this.socket = new WebSocket(url);
    this.socket.onmessage = (event) => this.receive(JSON.parse(String(event.data)) as ServerMessage);
    this.socket.onclose = (event) => handlers.onClosed(this.refused || event.code === 4401);
  }

  send(to: string, data: unknown): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ type: 'relay', topic: this.topic, to, data }));
  }

  close(): void {
    this.socket.onclose = null;
    this.socket.close();
  }

  private receive(message: ServerMessage): void {
    switch (message.type) {
      case 'welcome':
        return this.socket.send(JSON.stringify({ type: 'subscribe', topic: this.topic }));
      case 'subscribed':
        return this.handlers.onJoined(message.peer ?? '', message.peers ?? []);
      case 'peer':
        return this.handlers.onPeer({ peer: message.peer, subject: message.subject }, message.present);
      case 'relay':
        return this.handlers.onSignal(message.from, message.data);
      case 'event':
        return message.topic === this.topic ? this.handlers.onEvent?.(message.event, message.data) : undefined;
      case 'error':
        // Refused the room itself (forbidden, full): closing says so; a dropped message is only logged.
        if (message.topic === this.topic && message.problem.status !== 400 && message.problem.status !== 413) {
          this.refused = true;
          this.socket.close();
        }
        return;
      default:
        return;
    }
  }
}
