/** Percentiles over samples, and a row of the results table. */
export interface BenchRow {
  suite: string;
  metric: string;
  value: number;
  unit: string;
  note?: string;
  /** A 95 % confidence interval of `value` (bootstrap), when the suite measures one. */
  ci?: [number, number];
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes on one machine. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

/** A scan latency's median (`what, median (N scans)`) and tail (`what, pXX`) rows, in ms. */
export function latencyRows(
  suite: string,
  what: string,
  samples: readonly number[],
  tail: number,
): BenchRow[] {
  return [
    {
      suite,
      metric: `${what}, median (${samples.length} scans)`,
      value: round(median(samples)),
      unit: 'ms',
    },
    { suite, metric: `${what}, p${tail}`, value: round(percentile(samples, tail)), unit: 'ms' },
  ];
}
