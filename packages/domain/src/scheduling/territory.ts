/**
 * The départements of France, as the territory a practitioner serves: 01–95 with Corsica as 2A and
 * 2B (no 20), and the overseas départements 971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La
 * Réunion, 976 Mayotte. "Local" in the reimbursement rules means the patient's département is one of
 * the practitioner's.
 */
export const DEPARTEMENTS: readonly string[] = [
  ...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).flatMap((code) => (code === '20' ? ['2A', '2B'] : [code])),
  '971',
  '972',
  '973',
  '974',
  '976',
];

const KNOWN = new Set(DEPARTEMENTS);

export function isDepartement(code: string): boolean {
  return KNOWN.has(code);
}
