import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { teleconsultationApi } from '../api.js';
import { mediaConstraints, mediaFailure } from './devices.js';
import { Mesh, type ChatLine, type Participant, type Signal } from './mesh.js';
import { QualitySampler } from './quality.js';
import { RoomSocket } from './signaling.js';

export type CallStatus = 'connecting' | 'in-call' | 'reconnecting' | 'left' | 'refused' | 'media-failed';

export interface CallState {
  status: CallStatus;
  /** Why the camera or microphone failed (a key of `teleconsultation.devices.failed`). */
  mediaProblem: string | null;
  local: MediaStream | null;
  participants: Participant[];
  chat: ChatLine[];
  micOn: boolean;
  cameraOn: boolean;
}

/**
 * The call of one appointment while `joined`: the local media, a room token, the room's socket and
 * the mesh; a lost socket is joined again with a fresh token. Leaving (or unmounting) sends the
 * quality summary and stops the media.
 */
export function useCall(appointmentId: string, joined: boolean) {
  const { i18n } = useTranslation();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<CallState>({
    status: 'connecting',
    mediaProblem: null,
    local: null,
    participants: [],
    chat: [],
    micOn: true,
    cameraOn: true,
  });
  const mesh = useRef<Mesh | null>(null);
  const local = useRef<MediaStream | null>(null);
  const sampler = useRef<QualitySampler | null>(null);

  useEffect(() => {
    if (!joined) return;
    let stopped = false;
    let socket: RoomSocket | undefined;
    const subjects = new Map<string, string>();
    const update = () => {
      if (stopped || !mesh.current) return;
      const participants = mesh.current.participants();
      setState((s) => ({ ...s, participants, chat: [...mesh.current!.chat] }));
    };
    void (async () => {
      setState((s) => ({ ...s, status: attempt === 0 ? 'connecting' : 'reconnecting' }));
      try {
        local.current ??= await navigator.mediaDevices.getUserMedia(mediaConstraints());
      } catch (error) {
        if (!stopped) setState((s) => ({ ...s, status: 'media-failed', mediaProblem: mediaFailure(error) }));
        return;
      }
      let token;
      try {
        token = await teleconsultationApi.roomToken(appointmentId);
      } catch {
        if (!stopped) setState((s) => ({ ...s, status: 'refused' }));
        return;
      }
      if (stopped) return;
      const call = new Mesh(local.current, token.iceServers, token.subject, (to, signal) => socket?.send(to, signal), update);
      mesh.current = call;
      sampler.current ??= new QualitySampler(() => mesh.current?.connections() ?? []);
      sampler.current.start();
      setState((s) => ({ ...s, local: local.current, status: 'in-call' }));
      socket = new RoomSocket(token.token, token.topic, i18n.language, {
        onJoined: (_self, peers) => {
          for (const { peer, subject } of peers) {
            subjects.set(peer, subject);
            call.call(peer, subject);
          }
        },
        onPeer: ({ peer, subject }, present) => {
          if (present) {
            subjects.set(peer, subject);
            call.joined(peer, subject);
          } else call.leave(peer);
        },
        onSignal: (from, data) => void call.signal(from, subjects.get(from) ?? from, data as Signal).catch(() => {}),
        onClosed: (final) => {
          if (stopped) return;
          call.close();
          if (final) return setState((s) => ({ ...s, status: 'refused' }));
          // Lost (a network change, a node restarting): join again with a fresh token.
          window.setTimeout(() => !stopped && setAttempt((n) => n + 1), 1_000);
        },
      });
    })();
    return () => {
      stopped = true;
      socket?.close();
      mesh.current?.close();
      mesh.current = null;
    };
  }, [appointmentId, joined, attempt, i18n.language]);

  /** Sends the quality summary (on leaving, and before the practitioner ends the act). */
  const reportQuality = useCallback(async () => {
    await sampler.current?.sample().catch(() => {});
    const summary = sampler.current?.summary();
    if (summary) await teleconsultationApi.reportQuality(appointmentId, summary).catch(() => {});
    return summary ?? null;
  }, [appointmentId]);

  /** Leaving: what was measured is reported, and the camera and microphone are let go (their light goes off). */
  const release = useCallback(() => {
    void reportQuality();
    sampler.current?.stop();
    local.current?.getTracks().forEach((track) => track.stop());
    local.current = null;
    setState((s) => ({ ...s, local: null, participants: [], micOn: true, cameraOn: true }));
  }, [reportQuality]);

  useEffect(() => release, [release]);

  const toggle = (kind: 'audio' | 'video') => {
    const tracks = kind === 'audio' ? local.current?.getAudioTracks() : local.current?.getVideoTracks();
    const on = !(tracks?.[0]?.enabled ?? true);
    tracks?.forEach((track) => (track.enabled = on));
    setState((s) => (kind === 'audio' ? { ...s, micOn: on } : { ...s, cameraOn: on }));
  };

  return {
    ...state,
    toggleMic: () => toggle('audio'),
    toggleCamera: () => toggle('video'),
    say: (text: string) => mesh.current?.say(text),
    reportQuality,
    release,
  };
}
