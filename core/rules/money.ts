/**
 * Money is integer fen (1/100 yuan) everywhere: no floats ever hold an amount.
 *
 * The one rounding rule (docs/pricing.md): a percentage discount is computed on the unit price and
 * rounded half-up to the fen, then multiplied by the quantity, so the member price a mirror shows
 * for one item is exactly what the till charges for it. Fixed amounts (amount / threshold coupons,
 * points) are never rounded: they are split across lines by largest remainder, so the line shares
 * always add up to the basket amount exactly.
 */

/** True for a whole, safe, non-negative number of fen. */
export function isFen(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/** Parses '1234.5', '1,234.50', '¥12' into fen; at most two decimals, never rounds. */
export function parseYuan(
  text: string,
): { ok: true; value: number } | { ok: false; error: { code: 'invalid-amount'; message: string } } {
  const cleaned = text.trim().replace(/^¥/, '').replace(/,/g, '');
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!m || m[1] === undefined) {
    return {
      ok: false,
      error: { code: 'invalid-amount', message: `not a yuan amount: ${JSON.stringify(text)}` },
    };
  }
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return { ok: true, value: fen };
}

/** '¥1,234.50'; negative amounts as '-¥12.00'. Integer-only arithmetic, so no float artefacts. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100).toString().padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}

/** round(numerator / denominator) with halves going up; both non-negative integers, denominator > 0. */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** Percent as basis points (12.5 → 1250); undefined unless 0..100 with at most two decimals. */
export function percentToBasisPoints(pct: number): number | undefined {
  if (!Number.isFinite(pct) || pct < 0 || pct > 100) return undefined;
  const bp = Math.round(pct * 100);
  return Math.abs(bp - pct * 100) < 1e-6 ? bp : undefined;
}

/** `pct` percent of `fen`, rounded half-up to the fen (the one rounding rule). */
export function percentOfFen(fen: number, basisPoints: number): number {
  return Number(roundHalfUp(BigInt(fen) * BigInt(basisPoints), 10_000n));
}

/**
 * Splits `total` fen across `weights` in proportion, by largest remainder (Hamilton's method).
 * Guarantees: every share is a non-negative integer, shares sum to `total` exactly, no share exceeds
 * its weight when total ≤ Σweights, and ties go to the lower index, so callers that sort their
 * lines canonically get an answer independent of scan order. All-zero weights put nothing anywhere
 * unless total is 0 (the caller must not allocate a positive amount onto nothing).
 */
export function allocateLargestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + BigInt(w), 0n);
  if (sum === 0n || total === 0) return weights.map(() => 0);
  const t = BigInt(total);
  const shares = weights.map((w) => (t * BigInt(w)) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (t * BigInt(w)) % sum }));
  let left = t - shares.reduce((a, s) => a + s, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left <= 0n) break;
    shares[i] = (shares[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return shares.map(Number);
}
