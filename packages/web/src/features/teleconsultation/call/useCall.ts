import { useCallback, useEffect, useRef, useState } from 'react';
import { teleconsultationApi, teleconsultationKeys } from '../api.js';
import { chooseDevices, chosenDevices, mediaConstraints, mediaFailure, toggleTracks } from './devices.js';
import { QualitySampler } from './quality.js';
import { useRoom, type RoomState } from './useRoom.js';

export interface CallState extends RoomState {
  micOn: boolean;
  cameraOn: boolean;
  /** How many cameras the device has (a switch button from two). */
  cameras: number;
  /** The practitioner's screen goes to the peers instead of the camera. */
  sharing: boolean;
  /** No video sent: chosen, or the camera failed, or the connection was too poor (recorded on the visit). */
  audioOnly: AudioOnlyReason | null;
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
 * The call of one appointment while `joined`: the room (useRoom: media, token, socket, mesh), and
 * what the patient's and the practitioner's sides add — camera switch, screen sharing, audio alone
 * (recorded on the visit), the quality sampled and reported. Leaving (or unmounting) sends the
 * quality summary and stops the media.
 */
export function useCall(appointmentId: string, joined: boolean) {
  const [own, setOwn] = useState({ micOn: true, cameraOn: true, cameras: 0, sharing: false, audioOnly: null as AudioOnlyReason | null });
  const sampler = useRef<QualitySampler | null>(null);
  /** The shared screen's track, sent in the camera's place while the practitioner shares it. */
  const screen = useRef<MediaStreamTrack | null>(null);

  /** Audio alone, recorded on the visit (a telephone act for billing); the peers receive no more video. */
  const recordAudioOnly = useCallback(
    async (reason: AudioOnlyReason) => {
      setOwn((s) => ({ ...s, audioOnly: s.audioOnly ?? reason, cameraOn: false, sharing: false }));
      await teleconsultationApi.audioOnly(appointmentId, reason).catch(() => {});
    },
    [appointmentId],
  );

  const {
    state: room,
    setState: setRoom,
    mesh,
    local,
    letMediaGo,
  } = useRoom(appointmentId, joined, {
    token: () => teleconsultationApi.roomToken(appointmentId),
    openMedia,
    files: teleconsultationKeys.files(appointmentId),
    onMedia: (stream, attempt) => {
      if (stream.getVideoTracks().length === 0 && attempt === 0) void recordAudioOnly('camera-failed');
      void navigator.mediaDevices
        .enumerateDevices()
        .then((devices) => setOwn((s) => ({ ...s, cameras: devices.filter((d) => d.kind === 'videoinput').length })));
    },
    onInCall: () => {
      sampler.current ??= new QualitySampler(() => mesh.current?.connections() ?? []);
      sampler.current.start();
    },
  });
  const state: CallState = { ...room, ...own };

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
    letMediaGo();
    setOwn((s) => ({ ...s, micOn: true, cameraOn: true }));
  }, [reportQuality, letMediaGo]);

  useEffect(() => release, [release]);

  const toggle = (kind: 'audio' | 'video') => {
    const on = toggleTracks(local.current, kind);
    setOwn((s) => (kind === 'audio' ? { ...s, micOn: on } : { ...s, cameraOn: on }));
  };

  /** The local stream's video is now `track` (another camera, the camera again, or none): for the peers, the preview, new links. */
  const sendVideo = useCallback(
    async (track: MediaStreamTrack | null) => {
      const stream = local.current;
      if (!stream) return track?.stop();
      await mesh.current?.replaceTrack('video', track);
      for (const old of stream.getVideoTracks()) {
        if (old === track) continue;
        stream.removeTrack(old);
        old.stop();
      }
      if (track && !stream.getVideoTracks().includes(track)) stream.addTrack(track);
      setRoom((s) => ({ ...s, local: new MediaStream(stream.getTracks()) }));
    },
    [local, mesh, setRoom],
  );

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
    setOwn((s) => ({ ...s, sharing: true }));
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
    setOwn((s) => ({ ...s, sharing: false }));
  }, [local, mesh]);

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
      setOwn((s) => ({ ...s, audioOnly: null, cameraOn: true }));
    } catch (error) {
      setRoom((s) => ({ ...s, mediaProblem: mediaFailure(error) }));
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
