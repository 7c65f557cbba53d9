import { useEffect, useRef } from 'react';

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
