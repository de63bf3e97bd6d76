/**
 * Review of the uplift arithmetic (issue 13.1) against hand computations: unequal arms with
 * Welch's t interval, a difference of proportions written as 0/1 values, arms that do not vary
 * (no data yet: no interval rather than a zero-width one), and nothing that is not a finite number.
 */
import { describe, expect, it } from 'vitest';
import { uplift } from './uplift';

describe('uplift, reviewed', () => {
  it('matches a second hand-computed example with unequal arms', () => {
    // Treatment (n = 4): 0, 0, 30 000, 10 000 → mean 10 000; s² = (1e8 + 1e8 + 4e8 + 0) / 3 = 2e8.
    // Control (n = 3): 0, 6 000, 0 → mean 2 000; s² = (4e6 + 16e6 + 4e6) / 2 = 12e6.
    // se = √(2e8 / 4 + 12e6 / 3) = √54e6 = 7 348.47; diff = 8 000;
    // ν = 54e6² / (5e7² / 3 + 4e6² / 2) = 3.46593; t(0.975, 3.46593) = 2.95359;
    // CI = 8 000 ± 2.95359 × 7 348.47 = [−13 704.4, 29 704.4]; relative = 8 000 / 2 000 = 4.
    const u = uplift([0, 0, 30_000, 10_000], [0, 6_000, 0]);
    expect(u?.perMemberCents).toBe(8_000);
    expect(u?.degreesOfFreedom).toBeCloseTo(3.46593, 4);
    expect(u?.ciLowCents).toBeCloseTo(-13_704.4, 0);
    expect(u?.ciHighCents).toBeCloseTo(29_704.4, 0);
    expect(u?.relative).toBe(4);
  });

  it('reads 0/1 values as a difference of proportions', () => {
    // 30 of 100 against 2 of 10: p = 0.3 and 0.2; s² = p(1 − p) × n / (n − 1)
    const t = Array.from({ length: 100 }, (_, i) => (i < 30 ? 1 : 0));
    const c = Array.from({ length: 10 }, (_, i) => (i < 2 ? 1 : 0));
    const vt = (0.21 * 100) / 99 / 100;
    const vc = (0.16 * 10) / 9 / 10;
    const df = (vt + vc) ** 2 / (vt ** 2 / 99 + vc ** 2 / 9); // 11.26
    const u = uplift(t, c);
    expect(u?.perMemberCents).toBeCloseTo(0.1, 12);
    expect(u?.degreesOfFreedom).toBeCloseTo(df, 9);
    // t(0.975, 11.2613) = 2.19477 (between the table's 2.201 at 11 and 2.179 at 12)
    expect(u?.ciHighCents).toBeCloseTo(0.1 + 2.19477 * Math.sqrt(vt + vc), 5);
  });

  it('has no interval while neither arm varies (nobody bought yet), rather than a zero-width one', () => {
    expect(uplift([0, 0, 0, 0], [0, 0])).toBeNull();
    expect(uplift([500, 500], [200, 200])).toBeNull();
    expect(uplift([500, 700], [200, 200])).not.toBeNull();
  });

  it('gives only finite numbers, also for large revenues', () => {
    const u = uplift([0, 9e12, 3e12], [1e12, 0]);
    for (const v of [u?.perMemberCents, u?.ciLowCents, u?.ciHighCents, u?.relative])
      expect(Number.isFinite(v)).toBe(true);
  });
});
