// NIR (numéro d'inscription au répertoire, the social security number and INS matricule):
// 13 characters — sex, year, month, place of birth (département + commune), order number —
// then a 2-digit key = 97 − (the 13 first digits mod 97). Factsheet §7.2, identito-na.fr/NIR-et-NIA.
import { compact, isDigits, type IdentifierCheck, type IdentifierReason, type IdentifierWarning } from './check.js';

const NIR_LENGTH = 15;

/**
 * The first character: 1 (man) or 2 (woman) in a NIR; 3 for a person born abroad whose
 * registration is under way; 7 (man) or 8 (woman) in a NIA, the temporary number (numéro
 * d'inscription d'attente) that an INS matricule may be pending registration (factsheet §7.1: "the
 * NIR, or the NIA (temporary number)"; interop.md: INS-NIA `1.2.250.1.213.1.4.9`). The stored
 * sources name the sex digit (§7.2) but not this list, which comes from identito-na.fr/NIR-et-NIA
 * and INSEE practice: UNCERTAIN beyond 1 and 2. 4 (sometimes cited for temporary numbers) is left
 * out, as the database's `patients.nir` check (migration 0001) leaves it out: schema and table
 * must refuse the same NIRs.
 */
const NIR_FIRST_DIGITS = new Set(['1', '2', '3', '7', '8']);

/** The key of the 13 first characters; Corsica's 2A and 2B count as 19 and 18 (common convention, UNCERTAIN). */
export function nirKey(first13: string): number {
  const digits = first13.slice(0, 5) + corsicaAsDigits(first13.slice(5, 7)) + first13.slice(7, 13);
  // 13 digits stay below 2^53: plain numbers are exact here.
  return 97 - (Number(digits) % 97);
}

function corsicaAsDigits(departement: string): string {
  if (departement === '2A') return '19';
  if (departement === '2B') return '18';
  return departement;
}

/** Checks a NIR written with or without spaces (`1 57 01 67 482 145 62`). */
export function checkNir(value: string): IdentifierCheck {
  const nir = compact(value);
  const reasons: IdentifierReason[] = [];
  const warnings: IdentifierWarning[] = [];
  if (nir.length !== NIR_LENGTH) reasons.push('bad-length');
  if (!hasNirCharacters(nir)) reasons.push('bad-characters');
  const isCorsican = nir.slice(5, 7) === '2A' || nir.slice(5, 7) === '2B';
  if (reasons.length === 0) {
    if (nirKey(nir) !== Number(nir.slice(13))) reasons.push('bad-key');
    if (isCorsican) warnings.push('nir-corsica-key-convention');
  }
  const valid = reasons.length === 0;
  return { valid, normalized: valid ? nir : null, reasons, warnings };
}

/** Digits only, the first one a sex or temporary-number digit, except a Corsican département 2A/2B in the 6th and 7th places. */
function hasNirCharacters(nir: string): boolean {
  const departement = nir.slice(5, 7);
  const withoutCorsica = departement === '2A' || departement === '2B' ? nir.slice(0, 5) + '20' + nir.slice(7) : nir;
  return isDigits(withoutCorsica) && NIR_FIRST_DIGITS.has(nir.charAt(0));
}
