import { useEffect, useRef } from 'react';
import { chosenDevices } from './call/devices.js';

/** A video of a stream (the camera's, or a peer's), named for screen readers; one's own is muted. */
export function Video({
  stream,
  label,
  muted = false,
  mirrored = false,
}: {
  stream: MediaStream | null;
  label: string;
  muted?: boolean;
  mirrored?: boolean;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  // A peer's voice goes to the speaker chosen in the device test, where the browser lets a page choose.
  useEffect(() => {
    const output = chosenDevices().output;
    const video = ref.current as (HTMLVideoElement & { setSinkId?: (id: string) => Promise<void> }) | null;
    if (!muted && output && video?.setSinkId) void video.setSinkId(output).catch(() => {});
  }, [muted]);
  return (
    <video
      ref={ref}
      autoPlay
      playsInline
      muted={muted}
      aria-label={label}
      style={{
        width: '100%',
        aspectRatio: '4 / 3',
        background: '#1a1b1e',
        borderRadius: 8,
        objectFit: 'cover',
        transform: mirrored ? 'scaleX(-1)' : undefined,
      }}
    />
  );
}
