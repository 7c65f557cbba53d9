import crypto from 'node:crypto';

/**
 * SHA-256 of a text, in hex. Hot: every session look-up and every audit entry hashes. `crypto.hash`
 * (Node 20.12 and later) does it in one call, without a Hash object and three calls through it;
 * before, the object it replaces.
 */
export const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');
