// The answer of every identifier check: the server's identity module and the rules engine's
// `identifier` kind share it.
import type { ReasonCode, WarningCode } from '../rules/codes.js';

export type IdentifierReason = Extract<ReasonCode, 'bad-length' | 'bad-characters' | 'bad-key'>;
export type IdentifierWarning = Extract<WarningCode, 'rpps-check-digit' | 'nir-corsica-key-convention' | 'finess-check-key-not-verified'>;

export interface IdentifierCheck {
  /** Whether the identifier may be accepted (a warning does not make it invalid). */
  valid: boolean;
  /** Spaces removed, letters upper-cased; null when invalid. */
  normalized: string | null;
  reasons: IdentifierReason[];
  warnings: IdentifierWarning[];
}

/**
 * Removes the spaces people type or paste between groups of digits (ordinary, no-break, narrow
 * no-break) and upper-cases the letters (2a → 2A). Tabs, line breaks and other control characters
 * stay, so that such a value is refused rather than silently repaired.
 */
export function compact(value: string): string {
  return value.replace(/[ \u00a0\u2007\u202f]+/g, '').toUpperCase();
}

export function isDigits(value: string): boolean {
  return /^\d*$/.test(value);
}
