// IEEE 11073-20601 numbers as Bluetooth health profiles carry them, little-endian: SFLOAT (16 bits,
// 4-bit exponent and 12-bit mantissa, both signed) and FLOAT (32 bits, 8-bit exponent and 24-bit
// mantissa). Some mantissas with a zero exponent are reserved for special values.

/** A decoded number, or the special value the device sent in its place. */
export type Ieee11073 = number | 'NaN' | 'NRes' | '+INF' | '-INF' | 'reserved';

const SFLOAT_SPECIAL: Record<number, Exclude<Ieee11073, number>> = {
  0x07ff: 'NaN',
  0x0800: 'NRes',
  0x07fe: '+INF',
  0x0802: '-INF',
  0x0801: 'reserved',
};

const FLOAT_SPECIAL: Record<number, Exclude<Ieee11073, number>> = {
  0x007fffff: 'NaN',
  0x00800000: 'NRes',
  0x007ffffe: '+INF',
  0x00800002: '-INF',
  0x00800001: 'reserved',
};

/** mantissa × 10^exponent, dividing for a negative exponent so that 365 × 10⁻¹ is exactly 36.5. */
function scaled(mantissa: number, exponent: number): number {
  return exponent < 0 ? mantissa / 10 ** -exponent : mantissa * 10 ** exponent;
}

/** Decodes a 16-bit SFLOAT given as its unsigned raw value. */
export function decodeSfloat(raw: number): Ieee11073 {
  const special = SFLOAT_SPECIAL[raw & 0xffff];
  if (special) return special;
  let mantissa = raw & 0x0fff;
  let exponent = (raw >> 12) & 0x0f;
  if (mantissa >= 0x0800) mantissa -= 0x1000;
  if (exponent >= 0x08) exponent -= 0x10;
  return scaled(mantissa, exponent);
}

/** Decodes a 32-bit FLOAT given as its unsigned raw value. */
export function decodeFloat(raw: number): Ieee11073 {
  const special = FLOAT_SPECIAL[raw >>> 0];
  if (special) return special;
  let mantissa = raw & 0x00ffffff;
  let exponent = (raw >>> 24) & 0xff;
  if (mantissa >= 0x800000) mantissa -= 0x1000000;
  if (exponent >= 0x80) exponent -= 0x100;
  return scaled(mantissa, exponent);
}

/** Encodes a number as an SFLOAT with the given exponent (tests, device simulators); ±2046–2048 are reserved. */
export function encodeSfloat(value: number, exponent: number): number {
  const mantissa = Math.round(exponent < 0 ? value * 10 ** -exponent : value / 10 ** exponent);
  if (mantissa < -2045 || mantissa > 2045 || exponent < -8 || exponent > 7)
    throw new RangeError(`${value} does not fit an SFLOAT at 10^${exponent}`);
  return ((exponent & 0x0f) << 12) | (mantissa & 0x0fff);
}
