/**
 * RFC 4180 CSV for exports that people open in a spreadsheet: amounts with two decimals, quotes
 * where a cell holds a comma, a quote or a line break, and a leading apostrophe on a cell that a
 * spreadsheet would run as a formula (=, +, -, @): a patient's name must never become one.
 */
export type CsvCell = string | number | null | undefined;

export function csvCell(value: CsvCell): string {
  let text = value === null || value === undefined ? '' : typeof value === 'number' ? value.toFixed(2) : value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header line, then a line per row, CRLF-separated as the RFC says. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
