import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../../api/problem.js';
import { teleconsultationApi, teleconsultationKeys } from '../api.js';
import { chooseDevices, chosenDevices, mediaConstraints, mediaFailure } from './devices.js';
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
  /** How many cameras the device has (a switch button from two). */
  cameras: number;
  /** The practitioner's screen goes to the peers instead of the camera. */
  sharing: boolean;
  /** No video sent: chosen, or the camera failed, or the connection was too poor (recorded on the visit). */
  audioOnly: AudioOnlyReason | null;
  /** How the room names this participant (`account:<id>`), once a room token came. */
  self: string | null;
}

export type AudioOnlyReason = 'chosen' | 'camera-failed' | 'poor-quality';

/**
 * The camera and microphone for the call; when the camera alone fails (missing, taken by another
 * application), the microphone alone: the call goes on in audio.
 */
async function openMedia(): Promise<MediaStream> {
  const constraints = mediaConstraints();
  try {
    return await navigator.mediaDevices.getUserMedia(constraints);
  } catch (error) {
    const audio = await navigator.mediaDevices.getUserMedia({ audio: constraints.audio }).catch(() => null);
    if (!audio) throw error;
    return audio;
  }
}

/**
 * The call of one appointment while `joined`: the local media, a room token, the room's socket and
 * the mesh. A lost socket is joined again with a fresh token while the mesh lives on: its peer
 * connections restart ICE, the chat and the toggles stay. Leaving (or unmounting) sends the
 * quality summary and stops the media.
 */
export function useCall(appointmentId: string, joined: boolean) {
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<CallState>({
    status: 'connecting',
    mediaProblem: null,
    local: null,
    participants: [],
    chat: [],
    micOn: true,
    cameraOn: true,
    cameras: 0,
    sharing: false,
    audioOnly: null,
    self: null,
  });
  const mesh = useRef<Mesh | null>(null);
  const local = useRef<MediaStream | null>(null);
  const sampler = useRef<QualitySampler | null>(null);
  const room = useRef<RoomSocket | null>(null);
  /** The shared screen's track, sent in the camera's place while the practitioner shares it. */
  const screen = useRef<MediaStreamTrack | null>(null);

  /** Audio alone, recorded on the visit (a telephone act for billing); the peers receive no more video. */
  const recordAudioOnly = useCallback(
    async (reason: AudioOnlyReason) => {
      setState((s) => ({ ...s, audioOnly: s.audioOnly ?? reason, cameraOn: false, sharing: false }));
      await teleconsultationApi.audioOnly(appointmentId, reason).catch(() => {});
    },
    [appointmentId],
  );

  // The mesh lives as long as the participant is in the call, across the room's sockets.
  useEffect(() => {
    if (!joined) return;
    return () => {
      mesh.current?.close();
      mesh.current = null;
    };
  }, [appointmentId, joined]);

  useEffect(() => {
    if (!joined) return;
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
    void (async () => {
      setState((s) => ({ ...s, status: attempt === 0 ? 'connecting' : 'reconnecting' }));
      try {
        local.current ??= await openMedia();
      } catch (error) {
        if (!stopped) setState((s) => ({ ...s, status: 'media-failed', mediaProblem: mediaFailure(error) }));
        return;
      }
      if (local.current.getVideoTracks().length === 0 && attempt === 0) void recordAudioOnly('camera-failed');
      void navigator.mediaDevices
        .enumerateDevices()
        .then((devices) => setState((s) => ({ ...s, cameras: devices.filter((d) => d.kind === 'videoinput').length })));
      let token;
      try {
        token = await teleconsultationApi.roomToken(appointmentId);
      } catch (error) {
        if (stopped) return;
        // No answer at all (the network is changing): try again; an answer refusing the room is final.
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
      sampler.current ??= new QualitySampler(() => mesh.current?.connections() ?? []);
      sampler.current.start();
      setState((s) => ({ ...s, local: local.current, status: 'in-call', self: token.subject }));
      socket = room.current = new RoomSocket(token.token, token.topic, i18n.language, {
        // A file shared in the room: the list is read again (through the audited route).
        onEvent: (event) => {
          if (event === 'file.shared') void queryClient.invalidateQueries({ queryKey: teleconsultationKeys.files(appointmentId) });
        },
        onJoined: (_self, peers) => {
          // A room replays nothing: what was shared while the socket was away is read again.
          if (attempt > 0) void queryClient.invalidateQueries({ queryKey: teleconsultationKeys.files(appointmentId) });
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
  }, [appointmentId, joined, attempt, i18n.language, recordAudioOnly, queryClient]);

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

  /** The local stream's video is now `track` (another camera, the camera again, or none): for the peers, the preview, new links. */
  const sendVideo = useCallback(async (track: MediaStreamTrack | null) => {
    const stream = local.current;
    if (!stream) return track?.stop();
    await mesh.current?.replaceTrack('video', track);
    for (const old of stream.getVideoTracks()) {
      if (old === track) continue;
      stream.removeTrack(old);
      old.stop();
    }
    if (track && !stream.getVideoTracks().includes(track)) stream.addTrack(track);
    setState((s) => ({ ...s, local: new MediaStream(stream.getTracks()) }));
  }, []);

  /** The next camera (front and back of a phone): opened, sent to every peer in place of the current one, and kept as the choice. */
  const switchCamera = async () => {
    const current = local.current?.getVideoTracks()[0];
    const cameras = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    const at = cameras.findIndex((d) => d.deviceId === current?.getSettings().deviceId);
    const next = cameras[(at + 1) % cameras.length];
    if (!next || !local.current || screen.current) return;
    const video = mediaConstraints({ video: next.deviceId }).video as MediaTrackConstraints;
    const open = async () =>
      (await navigator.mediaDevices.getUserMedia({ video: { ...video, deviceId: { exact: next.deviceId } } })).getVideoTracks()[0];
    let track: MediaStreamTrack | undefined;
    try {
      track = await open();
    } catch {
      // A phone opens one camera at a time: the current one is let go, then the other opened.
      current?.stop();
      track = await open().catch(() => undefined);
      // The other camera cannot open: back to the one we had.
      track ??= (await navigator.mediaDevices.getUserMedia({ video: mediaConstraints().video }).catch(() => null))?.getVideoTracks()[0];
    }
    if (!track) return;
    track.enabled = state.cameraOn;
    if (track.getSettings().deviceId === next.deviceId) chooseDevices({ ...chosenDevices(), video: next.deviceId });
    await sendVideo(track);
  };

  /** The practitioner's screen in place of the camera, for every peer; back to the camera when the sharing stops (the browser's own button too). */
  const shareScreen = async () => {
    if (!local.current || screen.current) return;
    let shared: MediaStreamTrack | undefined;
    try {
      [shared] = (await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false })).getVideoTracks();
    } catch {
      return; // refused or cancelled: nothing changes
    }
    if (!shared) return;
    screen.current = shared;
    await mesh.current?.replaceTrack('video', shared);
    setState((s) => ({ ...s, sharing: true }));
    shared.onended = () => void stopSharing();
  };

  const stopSharing = useCallback(async () => {
    const shared = screen.current;
    if (!shared) return;
    screen.current = null;
    shared.onended = null;
    shared.stop();
    const back = local.current?.getVideoTracks()[0] ?? null;
    await mesh.current?.replaceTrack('video', back?.readyState === 'live' ? back : null);
    setState((s) => ({ ...s, sharing: false }));
  }, []);

  /** Audio alone: the camera (or the shared screen) is let go, the peers receive no more video, and the visit records it. */
  const goAudioOnly = useCallback(
    async (reason: AudioOnlyReason = 'chosen') => {
      await stopSharing();
      await sendVideo(null);
      await recordAudioOnly(reason);
    },
    [stopSharing, sendVideo, recordAudioOnly],
  );

  // A connection too poor for video (loss or round trip, several samples running): audio alone, on its own.
  useEffect(() => {
    if (!joined || state.audioOnly || state.status !== 'in-call') return;
    const timer = window.setInterval(() => {
      if (sampler.current?.isPoor()) void goAudioOnly('poor-quality');
    }, 2_000);
    return () => window.clearInterval(timer);
  }, [joined, state.audioOnly, state.status, goAudioOnly]);

  /** The video again after audio alone (the visit keeps that it was partly by telephone). */
  const restoreVideo = async () => {
    try {
      const [track] = (await navigator.mediaDevices.getUserMedia({ video: mediaConstraints().video })).getVideoTracks();
      if (!track) return;
      await sendVideo(track);
      setState((s) => ({ ...s, audioOnly: null, cameraOn: true }));
    } catch (error) {
      setState((s) => ({ ...s, mediaProblem: mediaFailure(error) }));
    }
  };

  return {
    ...state,
    toggleMic: () => toggle('audio'),
    toggleCamera: () => toggle('video'),
    switchCamera,
    shareScreen,
    stopSharing: () => stopSharing(),
    goAudioOnly,
    restoreVideo,
    say: (text: string) => mesh.current?.say(text),
    reportQuality,
    release,
  };
}
