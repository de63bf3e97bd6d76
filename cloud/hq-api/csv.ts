/**
 * CSV export, the same for the server's row exports and the console's chart tables: RFC 4180,
 * UTF-8 with a BOM so spreadsheet programs read Chinese. Text that a spreadsheet would run as a
 * formula (=, +, -, @, tab, CR first) is prefixed with an apostrophe.
 */
export type CsvValue = string | number | boolean | null;

const FORMULA = /^[=+\-@\t\r]/;

function cell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(cell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Fen as a yuan amount with two decimals, for exports. */
export const yuan = (cents: number) => (cents / 100).toFixed(2);
