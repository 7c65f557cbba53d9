/** The camera and microphone chosen in the device test, for the call (this tab only). */
export interface ChosenDevices {
  audio?: string;
  video?: string;
}

const KEY = 'parcours.teleconsultation.devices';

export function chosenDevices(): ChosenDevices {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as ChosenDevices;
  } catch {
    return {};
  }
}

export function chooseDevices(devices: ChosenDevices): void {
  sessionStorage.setItem(KEY, JSON.stringify(devices));
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
