import { randomInt } from 'node:crypto';

// Numbers printed on documents and typed into the public verification page: a two-letter kind,
// then 12 characters of an unambiguous alphabet (no I, L, O, U), random so that they cannot be
// guessed from one another (~60 bits).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function documentNumber(prefix: 'OR' | 'AT'): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${prefix}-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}
