/**
 * Figures derived from the sums the API returns, computed the same way by the console and by
 * tests: average order value, units per transaction, members' share, conversion, and the fit
 * signal of a style.
 */
import type { SalesSums } from './overview';
import type { FitSignal } from './reasons';

export const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
export const averageOrderCents = (s: SalesSums) => ratio(s.netCents, s.orders);
export const unitsPerOrder = (s: SalesSums) => ratio(s.units, s.orders);
export const memberShare = (s: SalesSums) => ratio(s.memberNetCents, s.netCents);

/** Fewer "too small" + "too big" answers than this say nothing about a style's fit. */
export const FIT_MIN_ANSWERS = 8;
/** A side dominates when the 95 % lower bound of its share is at least this. */
export const FIT_DOMINANCE = 0.6;

/** Wilson score interval's lower bound of k successes in n trials (95 %). */
export function wilsonLower(k: number, n: number, z = 1.96): number {
  if (n === 0) return 0;
  const p = k / n;
  const z2 = z * z;
  return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p) + z2 / (4 * n)) / n)) / (1 + z2 / n);
}

/**
 * Runs small (or large) when one side clearly dominates the fit answers: at least
 * FIT_MIN_ANSWERS answers and the Wilson lower bound of the dominant share ≥ FIT_DOMINANCE.
 */
export function fitSignal(small: number, large: number): FitSignal {
  const n = small + large;
  const top = Math.max(small, large);
  const share = n > 0 ? top / n : 0;
  const lowerBound = wilsonLower(top, n);
  const verdict =
    n < FIT_MIN_ANSWERS
      ? 'too-few'
      : lowerBound >= FIT_DOMINANCE
        ? small > large
          ? 'runs-small'
          : 'runs-large'
        : 'true-to-size';
  return { verdict, small, large, share, lowerBound };
}
