import { create } from 'qrcode';
import { useMemo } from 'react';

const QUIET_ZONE = 4; // modules of light margin the standard asks for

/** The text as a QR code (level M), drawn in SVG (one path), black on white whatever the theme. */
export function QrCode({ value, label, size = 200 }: { value: string; label: string; size?: number }) {
  const { path, extent } = useMemo(() => {
    const { modules } = create(value, { errorCorrectionLevel: 'M' });
    const parts: string[] = [];
    for (let y = 0; y < modules.size; y++) {
      for (let x = 0; x < modules.size; x++) {
        if (modules.get(y, x)) parts.push(`M${x + QUIET_ZONE},${y + QUIET_ZONE}h1v1h-1z`);
      }
    }
    return { path: parts.join(''), extent: modules.size + QUIET_ZONE * 2 };
  }, [value]);
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${extent} ${extent}`}
      shapeRendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width={extent} height={extent} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
