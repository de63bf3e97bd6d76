/** Integer fen (1/100 yuan) to a display string: 123450 → "¥1,234.50"; -2000 → "-¥20.00". */
export function formatFen(fen: number, sign = '¥'): string {
  if (!Number.isSafeInteger(fen)) return `${sign}?`;
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${sign}${yuan}.${cents}`;
}
