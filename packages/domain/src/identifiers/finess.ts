// FINESS (fichier national des établissements sanitaires et sociaux): 9 characters, the first two
// the département (2A/2B for Corsica, 97 overseas), for a legal entity (EJ) or a site (ET).
// Its check key is UNCERTAIN in the sources: only the format is checked. Factsheet §7.4.
import { compact, isDigits, type IdentifierCheck, type IdentifierReason, type IdentifierWarning } from './check.js';

const FINESS_LENGTH = 9;

/** Metropolitan départements 01–95 (no 20 since Corsica split into 2A/2B) and 97 for the DROM and Mayotte. */
export function isFinessDepartement(prefix: string): boolean {
  if (prefix === '2A' || prefix === '2B' || prefix === '97') return true;
  if (!/^\d\d$/.test(prefix)) return false;
  const number = Number(prefix);
  return number >= 1 && number <= 95 && number !== 20;
}

export function checkFiness(value: string): IdentifierCheck {
  const finess = compact(value);
  const reasons: IdentifierReason[] = [];
  const warnings: IdentifierWarning[] = [];
  if (finess.length !== FINESS_LENGTH) reasons.push('bad-length');
  if (finess.length < 2 || !isFinessDepartement(finess.slice(0, 2)) || !isDigits(finess.slice(2))) reasons.push('bad-characters');
  if (reasons.length === 0) warnings.push('finess-check-key-not-verified');
  const valid = reasons.length === 0;
  return { valid, normalized: valid ? finess : null, reasons, warnings };
}
