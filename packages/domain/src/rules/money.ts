// Amounts are computed in whole cents, so that the AMO share, the participation forfaitaire and the
// ticket modérateur always add up to the fee exactly, then handed out as euros rounded to the cent.

export function toCents(euros: number): number {
  return Math.round(euros * 100);
}

export function toEuros(cents: number): number {
  return cents / 100;
}
