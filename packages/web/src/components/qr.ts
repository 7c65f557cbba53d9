/**
 * A small QR code encoder (ISO/IEC 18004, model 2): byte mode, error correction level M, the
 * smallest version that holds the text, the mask with the lowest penalty. Enough for an otpauth://
 * URI without adding a dependency; the result is a square of booleans (true = dark), row by row.
 */

// Per version 1…40 (index 0 unused), for level M: error correction codewords per block, and blocks.
const ECC_PER_BLOCK_M = [
  0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
  28, 28, 28, 28, 28, 28,
];
const BLOCKS_M = [
  0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43,
  45, 47, 49,
];
// Format information: level M is 0b00 in the two level bits.
const LEVEL_M_BITS = 0b00;

/** Modules left for data and error correction once the function patterns are drawn. */
function rawDataModules(version: number): number {
  let modules = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const alignments = Math.floor(version / 7) + 2;
    modules -= (25 * alignments - 10) * alignments - 55;
    if (version >= 7) modules -= 36;
  }
  return modules;
}

function dataCodewords(version: number): number {
  return Math.floor(rawDataModules(version) / 8) - ECC_PER_BLOCK_M[version]! * BLOCKS_M[version]!;
}

/** Centres of the alignment patterns along one axis. */
function alignmentCentres(version: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const last = version * 4 + 10;
  const step = version === 32 ? 26 : Math.ceil((version * 4 + 4) / (count * 2 - 2)) * 2;
  const centres = [6];
  for (let position = last; centres.length < count; position -= step) centres.splice(1, 0, position);
  return centres;
}

// GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
function gfMultiply(a: number, b: number): number {
  let product = 0;
  for (let bit = 7; bit >= 0; bit--) {
    product = (product << 1) ^ ((product >>> 7) * 0x11d);
    if ((b >>> bit) & 1) product ^= a;
  }
  return product & 0xff;
}

/** The Reed–Solomon generator of the given degree, leading coefficient (1) dropped. */
function generator(degree: number): number[] {
  let poly = [1];
  let root = 1;
  for (let i = 0; i < degree; i++) {
    // poly × (x − α^i)
    const next = new Array<number>(poly.length + 1).fill(0);
    poly.forEach((coefficient, j) => {
      next[j] = next[j]! ^ coefficient;
      next[j + 1] = next[j + 1]! ^ gfMultiply(coefficient, root);
    });
    poly = next;
    root = gfMultiply(root, 2);
  }
  return poly.slice(1);
}

function errorCorrection(data: number[], divisor: number[]): number[] {
  const remainder = new Array<number>(divisor.length).fill(0);
  for (const byte of data) {
    const factor = byte ^ remainder.shift()!;
    remainder.push(0);
    divisor.forEach((coefficient, i) => (remainder[i] = remainder[i]! ^ gfMultiply(coefficient, factor)));
  }
  return remainder;
}

/** The data codewords with their error correction, split in blocks and interleaved. */
function codewords(bytes: Uint8Array, version: number): number[] {
  const capacity = dataCodewords(version) * 8;
  const bits: number[] = [];
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  put(0b0100, 4); // byte mode
  put(bytes.length, version <= 9 ? 8 : 16);
  bytes.forEach((byte) => put(byte, 8));
  put(0, Math.min(4, capacity - bits.length)); // terminator
  put(0, (8 - (bits.length % 8)) % 8);
  for (let pad = 0xec; bits.length < capacity; pad ^= 0xec ^ 0x11) put(pad, 8);
  const data: number[] = [];
  for (let i = 0; i < bits.length; i += 8) data.push(bits.slice(i, i + 8).reduce((byte, bit) => (byte << 1) | bit, 0));

  const blockCount = BLOCKS_M[version]!;
  const eccLength = ECC_PER_BLOCK_M[version]!;
  const raw = Math.floor(rawDataModules(version) / 8);
  const shortBlocks = blockCount - (raw % blockCount);
  const shortDataLength = Math.floor(raw / blockCount) - eccLength;
  const divisor = generator(eccLength);
  const blocks: { data: number[]; ecc: number[] }[] = [];
  for (let b = 0, offset = 0; b < blockCount; b++) {
    const length = shortDataLength + (b < shortBlocks ? 0 : 1);
    const block = data.slice(offset, offset + length);
    offset += length;
    blocks.push({ data: block, ecc: errorCorrection(block, divisor) });
  }
  const result: number[] = [];
  for (let i = 0; i <= shortDataLength; i++) for (const block of blocks) if (i < block.data.length) result.push(block.data[i]!);
  for (let i = 0; i < eccLength; i++) for (const block of blocks) result.push(block.ecc[i]!);
  return result;
}

const MASKS: ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

class Matrix {
  readonly dark: boolean[][];
  readonly reserved: boolean[][];
  constructor(readonly size: number) {
    this.dark = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
    this.reserved = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  }
  fix(x: number, y: number, dark: boolean): void {
    if (x < 0 || y < 0 || x >= this.size || y >= this.size) return;
    this.dark[y]![x] = dark;
    this.reserved[y]![x] = true;
  }
}

function drawFunctionPatterns(m: Matrix, version: number): void {
  for (let i = 0; i < m.size; i++) {
    m.fix(6, i, i % 2 === 0);
    m.fix(i, 6, i % 2 === 0);
  }
  // Finders with their light separators.
  for (const [cx, cy] of [
    [3, 3],
    [m.size - 4, 3],
    [3, m.size - 4],
  ] as const) {
    for (let dy = -4; dy <= 4; dy++)
      for (let dx = -4; dx <= 4; dx++) {
        const ring = Math.max(Math.abs(dx), Math.abs(dy));
        m.fix(cx + dx, cy + dy, ring !== 2 && ring !== 4);
      }
  }
  const centres = alignmentCentres(version);
  const last = centres.length - 1;
  centres.forEach((cy, i) =>
    centres.forEach((cx, j) => {
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return; // finder corners
      for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) m.fix(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
    }),
  );
  drawFormat(m, 0);
  if (version >= 7) {
    let remainder = version;
    for (let i = 0; i < 12; i++) remainder = (remainder << 1) ^ ((remainder >>> 11) * 0x1f25);
    const bits = (version << 12) | remainder;
    for (let i = 0; i < 18; i++) {
      const dark = ((bits >>> i) & 1) === 1;
      const a = m.size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      m.fix(a, b, dark);
      m.fix(b, a, dark);
    }
  }
}

function drawFormat(m: Matrix, mask: number): void {
  const data = (LEVEL_M_BITS << 3) | mask;
  let remainder = data;
  for (let i = 0; i < 10; i++) remainder = (remainder << 1) ^ ((remainder >>> 9) * 0x537);
  const bits = ((data << 10) | remainder) ^ 0x5412;
  const bit = (i: number) => ((bits >>> i) & 1) === 1;
  for (let i = 0; i <= 5; i++) m.fix(8, i, bit(i));
  m.fix(8, 7, bit(6));
  m.fix(8, 8, bit(7));
  m.fix(7, 8, bit(8));
  for (let i = 9; i < 15; i++) m.fix(14 - i, 8, bit(i));
  for (let i = 0; i < 8; i++) m.fix(m.size - 1 - i, 8, bit(i));
  for (let i = 8; i < 15; i++) m.fix(8, m.size - 15 + i, bit(i));
  m.fix(8, m.size - 8, true); // the dark module
}

function placeData(m: Matrix, data: number[]): void {
  let i = 0;
  for (let right = m.size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5; // skip the vertical timing pattern
    const upward = ((right + 1) & 2) === 0;
    for (let step = 0; step < m.size; step++) {
      const y = upward ? m.size - 1 - step : step;
      for (const x of [right, right - 1]) {
        if (m.reserved[y]![x]) continue;
        if (i < data.length * 8) m.dark[y]![x] = ((data[i >>> 3]! >>> (7 - (i & 7))) & 1) === 1;
        i++;
      }
    }
  }
}

function applyMask(m: Matrix, mask: number): void {
  const test = MASKS[mask]!;
  for (let y = 0; y < m.size; y++) for (let x = 0; x < m.size; x++) if (!m.reserved[y]![x] && test(x, y)) m.dark[y]![x] = !m.dark[y]![x];
}

/** The standard's penalty: long runs, 2×2 blocks, finder look-alikes, dark/light imbalance. */
function penalty(m: Matrix): number {
  const n = m.size;
  const at = (x: number, y: number) => m.dark[y]![x]!;
  let score = 0;
  const lines: ((i: number) => boolean)[] = [];
  for (let k = 0; k < n; k++) {
    lines.push((i) => at(i, k));
    lines.push((i) => at(k, i));
  }
  const finderLike = [true, false, true, true, true, false, true];
  for (const line of lines) {
    let run = 1;
    for (let i = 1; i <= n; i++) {
      if (i < n && line(i) === line(i - 1)) run++;
      else {
        if (run >= 5) score += 3 + run - 5;
        run = 1;
      }
    }
    const cell = (i: number) => i >= 0 && i < n && line(i);
    for (let i = 0; i + 7 <= n; i++) {
      if (!finderLike.every((dark, j) => cell(i + j) === dark)) continue;
      const lightBefore = [1, 2, 3, 4].every((j) => !cell(i - j));
      const lightAfter = [0, 1, 2, 3].every((j) => !cell(i + 7 + j));
      if (lightBefore || lightAfter) score += 40;
    }
  }
  let dark = 0;
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      if (at(x, y)) dark++;
      if (x + 1 < n && y + 1 < n && at(x, y) === at(x + 1, y) && at(x, y) === at(x, y + 1) && at(x, y) === at(x + 1, y + 1)) score += 3;
    }
  const total = n * n;
  score += 10 * (Math.ceil(Math.abs(dark * 20 - total * 10) / total) - 1);
  return score;
}

/** Encodes the text; `mask` forces a mask pattern (0–7), otherwise the best one is chosen. */
export function encodeQr(text: string, mask?: number): boolean[][] {
  const bytes = new TextEncoder().encode(text);
  let version = 1;
  while (4 + (version <= 9 ? 8 : 16) + bytes.length * 8 > dataCodewords(version) * 8) {
    if (++version > 40) throw new RangeError('text too long for a QR code');
  }
  const m = new Matrix(version * 4 + 17);
  drawFunctionPatterns(m, version);
  placeData(m, codewords(bytes, version));
  let chosen = mask;
  if (chosen === undefined) {
    let best = Infinity;
    for (let candidate = 0; candidate < 8; candidate++) {
      applyMask(m, candidate);
      drawFormat(m, candidate);
      const score = penalty(m);
      if (score < best) [best, chosen] = [score, candidate];
      applyMask(m, candidate); // XOR again: undone
    }
  }
  applyMask(m, chosen!);
  drawFormat(m, chosen!);
  return m.dark;
}
