import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../../api/problem.js';
import { mediaFailure } from './devices.js';
import { Mesh, type ChatLine, type Participant, type Signal } from './mesh.js';
import { RoomSocket } from './signaling.js';

/** How a participant gets into the room, whoever they are (patient, practitioner, assistant). */
export interface RoomEntry {
  /** A room token for this participant: the socket's, its subject and topic, the ICE servers. */
  token(): Promise<{ token: string; topic: string; subject: string; iceServers: RTCIceServer[] }>;
  /** The camera and microphone (or what of them opens). */
  openMedia(): Promise<MediaStream>;
  /** The room's shared files as this participant reads them: read again when one is shared, or after the socket was away. */
  files: QueryKey;
  /** The media opened: once per socket joined (`attempt` 0 first). */
  onMedia?(local: MediaStream, attempt: number): void;
  /** The mesh is up and the socket joining. */
  onInCall?(): void;
}

export type RoomStatus = 'connecting' | 'in-call' | 'reconnecting' | 'refused' | 'media-failed';

export interface RoomState {
  status: RoomStatus;
  /** Why the camera or microphone failed (a key of `teleconsultation.devices.failed`). */
  mediaProblem: string | null;
  local: MediaStream | null;
  participants: Participant[];
  chat: ChatLine[];
  /** How the room names this participant, once a room token came. */
  self: string | null;
}

/**
 * The room of one call while `joined` (`key` names the call): the local media, a room token, the
 * room's socket and the mesh. A lost socket is joined again with a fresh token while the mesh lives
 * on: its peer connections restart ICE, the chat stays. An answer refusing the token is final; no
 * answer at all (the network changing) is tried again. The caller lets the media go (`letMediaGo`).
 */
export function useRoom(key: string, joined: boolean, entry: RoomEntry) {
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<RoomState>({
    status: 'connecting',
    mediaProblem: null,
    local: null,
    participants: [],
    chat: [],
    self: null,
  });
  const mesh = useRef<Mesh | null>(null);
  const local = useRef<MediaStream | null>(null);
  const room = useRef<RoomSocket | null>(null);
  // The entry as last rendered: its callbacks may change without the room joining again.
  const current = useRef(entry);
  current.current = entry;

  // The mesh lives as long as the participant is in the call, across the room's sockets.
  useEffect(() => {
    if (!joined) return;
    return () => {
      mesh.current?.close();
      mesh.current = null;
    };
  }, [key, joined]);

  useEffect(() => {
    if (!joined) return;
    const entry = current.current;
    let stopped = false;
    let socket: RoomSocket | undefined;
    const subjects = new Map<string, string>();
    const update = () => {
      if (!mesh.current) return;
      const participants = mesh.current.participants();
      // Read now: the updater may run after the mesh is closed (the call ended meanwhile).
      const chat = [...mesh.current.chat];
      setState((s) => ({ ...s, participants, chat }));
    };
    const filesAgain = () => void queryClient.invalidateQueries({ queryKey: entry.files });
    void (async () => {
      setState((s) => ({ ...s, status: attempt === 0 ? 'connecting' : 'reconnecting' }));
      try {
        local.current ??= await entry.openMedia();
      } catch (error) {
        if (!stopped) setState((s) => ({ ...s, status: 'media-failed', mediaProblem: mediaFailure(error) }));
        return;
      }
      entry.onMedia?.(local.current, attempt);
      let token;
      try {
        token = await entry.token();
      } catch (error) {
        if (stopped) return;
        if (attempt > 0 && !(error instanceof ApiProblem)) return void window.setTimeout(() => !stopped && setAttempt((n) => n + 1), 2_000);
        setState((s) => ({ ...s, status: 'refused' }));
        return;
      }
      if (stopped) return;
      const call = (mesh.current ??= new Mesh(
        local.current,
        token.iceServers,
        token.subject,
        (to, signal) => room.current?.send(to, signal),
        update,
      ));
      entry.onInCall?.();
      setState((s) => ({ ...s, local: local.current, status: 'in-call', self: token.subject }));
      socket = room.current = new RoomSocket(token.token, token.topic, i18n.language, {
        onEvent: (event) => {
          if (event === 'file.shared') filesAgain();
        },
        onJoined: (_self, peers) => {
          // A room replays nothing: what was shared while the socket was away is read again.
          if (attempt > 0) filesAgain();
          for (const { peer, subject } of peers) subjects.set(peer, subject);
          call.rejoined(peers, token.iceServers);
        },
        onPeer: ({ peer, subject }, present) => {
          if (present) {
            subjects.set(peer, subject);
            call.joined(peer, subject);
          } else call.left(peer);
        },
        onSignal: (from, data) => void call.signal(from, subjects.get(from) ?? from, data as Signal).catch(() => {}),
        onClosed: (final) => {
          if (stopped) return;
          if (final) {
            call.close();
            return setState((s) => ({ ...s, status: 'refused' }));
          }
          // Lost (a network change, a node restarting): join again with a fresh token; the mesh stays.
          window.setTimeout(() => !stopped && setAttempt((n) => n + 1), 1_000);
        },
      });
    })();
    return () => {
      stopped = true;
      socket?.close();
      if (room.current === socket) room.current = null;
    };
  }, [key, joined, attempt, i18n.language, queryClient]);

  /** The camera and microphone let go (their light goes off), and the room's videos with them. */
  const letMediaGo = useCallback(() => {
    local.current?.getTracks().forEach((track) => track.stop());
    local.current = null;
    setState((s) => ({ ...s, local: null, participants: [] }));
  }, []);

  return { state, setState, mesh, local, letMediaGo };
}
