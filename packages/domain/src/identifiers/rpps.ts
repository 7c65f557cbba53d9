// RPPS (répertoire partagé des professionnels de santé): 11 digits; the national professional
// identifier is `8` + RPPS. The check digit is widely assumed to be Luhn, which the ANS's own
// (fictitious) example fails: a mismatch is a warning only. Factsheet §7.4.
import { compact, isDigits, type IdentifierCheck, type IdentifierReason, type IdentifierWarning } from './check.js';

const RPPS_LENGTH = 11;

/** Luhn check over a string of digits (the last one being the check digit). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function checkRpps(value: string): IdentifierCheck {
  const rpps = compact(value);
  const reasons: IdentifierReason[] = [];
  const warnings: IdentifierWarning[] = [];
  if (rpps.length !== RPPS_LENGTH) reasons.push('bad-length');
  if (!isDigits(rpps) || rpps.length === 0) reasons.push('bad-characters');
  if (reasons.length === 0 && !passesLuhn(rpps)) warnings.push('rpps-check-digit');
  const valid = reasons.length === 0;
  return { valid, normalized: valid ? rpps : null, reasons, warnings };
}
