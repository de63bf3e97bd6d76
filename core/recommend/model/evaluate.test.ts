import { describe, expect, it } from 'vitest';
import { bootstrap, precisionAt, windowTargets } from './evaluate';
import { table } from './test-data';

describe('evaluation', () => {
  it('scores precision@k over the first k picks', () => {
    expect(precisionAt([1, 2, 3, 4, 5, 6], new Set([2, 6]), 5)).toBe(0.2);
    expect(precisionAt([], new Set([1]), 5)).toBe(0);
  });

  it('takes as truth the styles liked or bought in the window, for members with enough history', () => {
    const t = table([
      ...Array.from({ length: 5 }, (_, i) => ({
        member: 'A',
        style: 'B1',
        outcome: 'liked' as const,
        day: i,
        group: `a${i}`,
      })),
      { member: 'A', style: 'B2', outcome: 'purchase', day: 20, group: 'a20' },
      { member: 'A', style: 'B3', outcome: 'rejected', day: 21, group: 'a21' },
      { member: 'A', style: 'B4', outcome: 'liked', day: 40, group: 'a40' },
      { member: 'B', style: 'B2', outcome: 'purchase', day: 1, group: 'b1' },
      { member: 'B', style: 'B2', outcome: 'purchase', day: 20, group: 'b20' },
    ]);
    const from = Date.parse('2026-03-15T00:00:00Z');
    const to = Date.parse('2026-04-01T00:00:00Z');
    const { byMember } = windowTargets(t, { from, to, profiling: () => true });
    expect([...byMember.keys()].map((m) => t.members.values[m])).toEqual(['A']);
    expect(
      [...(byMember.get(t.members.find('A') ?? -1) ?? [])].map((s) => t.styles.values[s]),
    ).toEqual(['B2']);
    expect(windowTargets(t, { from, to, profiling: () => false }).byMember.size).toBe(0);
  });

  it('gives a repeatable bootstrap interval around the mean, and a paired ratio', () => {
    const values = Array.from({ length: 200 }, (_, i) => (i % 5) / 5);
    const a = bootstrap(values, { seed: 7 });
    expect(a).toEqual(bootstrap(values, { seed: 7 }));
    expect(a.mean).toBeCloseTo(0.4, 10);
    expect(a.low).toBeLessThan(a.mean);
    expect(a.high).toBeGreaterThan(a.mean);
    expect(a.high - a.low).toBeLessThan(0.15);
    const ratio = bootstrap(
      values.map((v) => v * 2),
      { baseline: values },
    );
    expect(ratio).toEqual({ mean: 2, low: 2, high: 2 });
    expect(bootstrap([])).toEqual({ mean: 0, low: 0, high: 0 });
  });
});
