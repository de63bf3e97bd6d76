/**
 * Measuring picks on a time split: the styles each member liked or bought in a later window are
 * the truth; precision@k is the share of the k picks among them, averaged over members. Intervals
 * come from a bootstrap over members (resampled with replacement, a seeded generator, so a run can
 * be repeated).
 */
import { isPositive, type EventTable } from './events';

export interface SplitTargets {
  /** member (table id) → styles (table ids) liked or bought in the window. */
  byMember: Map<number, Set<number>>;
}

export interface WindowOptions {
  from: number;
  to: number;
  /** Members evaluated: profiling members only. */
  profiling: (member: number) => boolean;
  /** Events before `from` a member needs to be evaluated. Default 5. */
  minEvents?: number;
}

/** Members with enough history before `from` and at least one liked or bought style in the window. */
export function windowTargets(table: EventTable, options: WindowOptions): SplitTargets {
  const minEvents = options.minEvents ?? 5;
  const before = new Map<number, number>();
  const byMember = new Map<number, Set<number>>();
  for (let i = 0; i < table.length; i++) {
    const member = table.member[i] ?? -1;
    if (member < 0) continue;
    const at = table.at[i] ?? 0;
    if (at < options.from) before.set(member, (before.get(member) ?? 0) + 1);
    else if (at < options.to && isPositive(table.outcomeOf(i))) {
      let set = byMember.get(member);
      if (!set) byMember.set(member, (set = new Set()));
      set.add(table.style[i] ?? 0);
    }
  }
  for (const member of [...byMember.keys()])
    if ((before.get(member) ?? 0) < minEvents || !options.profiling(member))
      byMember.delete(member);
  return { byMember };
}

export function precisionAt(
  picks: readonly number[],
  truth: ReadonlySet<number>,
  k: number,
): number {
  let hits = 0;
  for (const style of picks.slice(0, k)) if (truth.has(style)) hits++;
  return hits / k;
}

/** A small seeded generator (mulberry32): the same seed gives the same intervals. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Interval {
  mean: number;
  low: number;
  high: number;
}

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)))] ?? 0;

/**
 * Mean with a 95 % bootstrap interval of per-member values; when `baseline` is given (same
 * members, same order), the interval is of the ratio mean(values) / mean(baseline), resampling
 * members jointly (a paired bootstrap).
 */
export function bootstrap(
  values: readonly number[],
  options: { rounds?: number; seed?: number; baseline?: readonly number[] } = {},
): Interval {
  const n = values.length;
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const base = options.baseline;
  const point = base ? mean(values) / Math.max(1e-12, mean(base)) : mean(values);
  if (n === 0) return { mean: 0, low: 0, high: 0 };
  const rounds = options.rounds ?? 1000;
  const random = seededRandom(options.seed ?? 20260812);
  const stats: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let sum = 0;
    let baseSum = 0;
    for (let i = 0; i < n; i++) {
      const j = Math.floor(random() * n);
      sum += values[j] ?? 0;
      baseSum += base?.[j] ?? 0;
    }
    stats.push(base ? sum / Math.max(1e-12, baseSum) : sum / n);
  }
  stats.sort((a, b) => a - b);
  return { mean: point, low: quantile(stats, 0.025), high: quantile(stats, 0.975) };
}
