import { describe, expect, it } from 'vitest';
import { tQuantile, tTwoSidedP } from './student-t';

describe('Student t', () => {
  it('gives the textbook two-sided 95 % quantiles', () => {
    // t tables (e.g. NIST/SEMATECH e-Handbook, 1.3.6.7.2): t(0.975, ν)
    const table: Array<[number, number]> = [
      [1, 12.706205],
      [2, 4.302653],
      [3, 3.182446],
      [5, 2.570582],
      [10, 2.228139],
      [30, 2.042272],
      [100, 1.983972],
    ];
    for (const [df, t] of table) expect(tQuantile(0.95, df)).toBeCloseTo(t, 5);
  });

  it('tends to the normal quantile and takes fractional degrees of freedom', () => {
    expect(tQuantile(0.95, 1e7)).toBeCloseTo(1.959964, 5);
    const between = tQuantile(0.95, 2.5);
    expect(between).toBeLessThan(4.302653);
    expect(between).toBeGreaterThan(3.182446);
    expect(tTwoSidedP(tQuantile(0.99, 7.3), 7.3)).toBeCloseTo(0.01, 10);
  });
});
