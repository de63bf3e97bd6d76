import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateLargestRemainder,
  formatYuan,
  isFen,
  parseYuan,
  percentOfFen,
  percentToBasisPoints,
  roundHalfUp,
} from './money';

describe('formatYuan', () => {
  it('groups thousands and always shows two decimals', () => {
    expect(formatYuan(123450)).toBe('¥1,234.50');
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(100_000_000)).toBe('¥1,000,000.00');
    expect(formatYuan(-1200)).toBe('-¥12.00');
  });

  it('round-trips with parseYuan for every whole fen amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (fen) => {
        expect(parseYuan(formatYuan(fen))).toEqual({ ok: true, value: fen });
      }),
    );
  });
});

describe('parseYuan', () => {
  it('reads yuan text into fen without floats', () => {
    expect(parseYuan('0.29')).toEqual({ ok: true, value: 29 });
    expect(parseYuan('1,234.5')).toEqual({ ok: true, value: 123450 });
    expect(parseYuan('¥12')).toEqual({ ok: true, value: 1200 });
  });
  it('rejects more than two decimals, signs and junk with a typed error', () => {
    for (const bad of ['1.234', '-1', 'abc', '', '1e3']) {
      const r = parseYuan(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('invalid-amount');
    }
  });
});

describe('rounding', () => {
  it('rounds halves up, everything else to nearest', () => {
    expect(roundHalfUp(5n, 10n)).toBe(1n);
    expect(roundHalfUp(4n, 10n)).toBe(0n);
    expect(roundHalfUp(15n, 10n)).toBe(2n);
    expect(roundHalfUp(25n, 10n)).toBe(3n);
  });
  it('percentOfFen rounds half-up to the fen', () => {
    expect(percentOfFen(49900, 500)).toBe(2495);
    expect(percentOfFen(1990, 500)).toBe(100); // 99.5 → 100
    expect(percentOfFen(1989, 500)).toBe(99); // 99.45 → 99
    expect(percentOfFen(12345, 1250)).toBe(1543); // 1543.125 → 1543
  });
  it('accepts percents with at most two decimals in 0..100', () => {
    expect(percentToBasisPoints(5)).toBe(500);
    expect(percentToBasisPoints(12.5)).toBe(1250);
    expect(percentToBasisPoints(12.345)).toBeUndefined();
    expect(percentToBasisPoints(101)).toBeUndefined();
    expect(percentToBasisPoints(Number.NaN)).toBeUndefined();
  });
  it('isFen only accepts whole non-negative safe numbers', () => {
    expect(isFen(1)).toBe(true);
    expect(isFen(0.5)).toBe(false);
    expect(isFen(-1)).toBe(false);
    expect(isFen(2 ** 53)).toBe(false);
  });
});

describe('allocateLargestRemainder', () => {
  it('splits 100 fen over three equal lines as 34/33/33, extra fen to the first', () => {
    expect(allocateLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
  });
  it('gives the leftover fen to the largest remainders', () => {
    expect(allocateLargestRemainder(10, [57, 38, 5])).toEqual([6, 4, 0]);
    expect(allocateLargestRemainder(3000, [1989, 1, 10])).toEqual([2984, 1, 15]);
  });
  it('sums exactly, never negative, never above a weight when total ≤ Σ weights', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, share) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          const total = Math.floor(sum * share);
          const parts = allocateLargestRemainder(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(sum === 0 ? 0 : total);
          parts.forEach((p, i) => {
            expect(Number.isSafeInteger(p) && p >= 0).toBe(true);
            expect(p).toBeLessThanOrEqual(weights[i] ?? 0);
          });
        },
      ),
    );
  });
  it('stays exact for amounts whose products overflow a double', () => {
    const parts = allocateLargestRemainder(9_007_199_254_740, [9_007_199_254_740, 3, 7]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(9_007_199_254_740);
  });
});
