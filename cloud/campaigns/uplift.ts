/**
 * A campaign's measured effect: the difference in revenue per member between the targeted arm and
 * the held-out control arm, with a 95 % confidence interval by Welch's t test (each arm's sample
 * variance over its size, no equal-variance assumption, Welch–Satterthwaite degrees of freedom),
 * so a small group gets the wide interval it deserves; with large groups t is the normal 1.96.
 * Pure arithmetic.
 */
import { tQuantile } from './student-t';

export interface Uplift {
  perMemberCents: number;
  ciLowCents: number;
  ciHighCents: number;
  /** perMember ÷ control's mean; null when control's mean is 0. */
  relative: number | null;
  confidence: 0.95;
  /** Welch–Satterthwaite degrees of freedom of the interval. */
  degreesOfFreedom: number;
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** Sample variance (n − 1); needs at least two values. */
export function sampleVariance(xs: readonly number[]): number {
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
}

/**
 * Uplift of `treatment` over `control` (one value per member, members without a purchase as 0),
 * or null when either arm has fewer than two members, or when neither arm varies (before anyone
 * has bought, every value is 0): a zero-width interval would claim a certainty there is no data for.
 */
export function uplift(treatment: readonly number[], control: readonly number[]): Uplift | null {
  if (treatment.length < 2 || control.length < 2) return null;
  const mt = mean(treatment);
  const mc = mean(control);
  const vt = sampleVariance(treatment) / treatment.length;
  const vc = sampleVariance(control) / control.length;
  const se = Math.sqrt(vt + vc);
  if (se === 0) return null;
  const df = (vt + vc) ** 2 / (vt ** 2 / (treatment.length - 1) + vc ** 2 / (control.length - 1));
  const t = tQuantile(0.95, df);
  const diff = mt - mc;
  return {
    perMemberCents: diff,
    ciLowCents: diff - t * se,
    ciHighCents: diff + t * se,
    relative: mc === 0 ? null : diff / mc,
    confidence: 0.95,
    degreesOfFreedom: df,
  };
}
