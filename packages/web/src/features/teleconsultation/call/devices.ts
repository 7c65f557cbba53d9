/** The camera, microphone and speaker chosen in the device test or the call, kept on this device for the next calls. */
export interface ChosenDevices {
  audio?: string;
  video?: string;
  /** The audio output (where the browser lets a page choose it). */
  output?: string;
}

const KEY = 'parcours.teleconsultation.devices';

export function chosenDevices(): ChosenDevices {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '{}') as ChosenDevices;
  } catch {
    return {};
  }
}

export function chooseDevices(devices: ChosenDevices): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(devices));
  } catch {
    // Storage refused (private mode): the choice holds for this page only.
  }
}

/** The constraints for getUserMedia: the chosen devices when there are, any otherwise. */
export function mediaConstraints(devices: ChosenDevices = chosenDevices()): MediaStreamConstraints {
  return {
    audio: devices.audio ? { deviceId: { ideal: devices.audio } } : true,
    video: devices.video
      ? { deviceId: { ideal: devices.video }, width: { ideal: 1280 }, height: { ideal: 720 } }
      : { width: { ideal: 1280 }, height: { ideal: 720 } },
  };
}

/** The plain advice for a failure of getUserMedia: its error name, when we know it. */
export function mediaFailure(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  return ['NotAllowedError', 'NotFoundError', 'NotReadableError', 'OverconstrainedError'].includes(name) ? name : 'other';
}

/** The stream's microphone (or camera) muted if it was live, live again if it was muted; answers whether it is now live. */
export function toggleTracks(stream: MediaStream | null, kind: 'audio' | 'video'): boolean {
  const tracks = kind === 'audio' ? stream?.getAudioTracks() : stream?.getVideoTracks();
  const on = !(tracks?.[0]?.enabled ?? true);
  tracks?.forEach((track) => (track.enabled = on));
  return on;
}
