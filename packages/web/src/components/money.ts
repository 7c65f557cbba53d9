/** Euros as French (or British) people read them: `25,00 €`; a dash for an amount not known. */
export function formatEuros(amount: number | null | undefined, language: string): string {
  if (amount === null || amount === undefined) return '—';
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', { style: 'currency', currency: 'EUR' }).format(amount);
}
