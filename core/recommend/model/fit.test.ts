import { describe, expect, it } from 'vitest';
import type { Reason } from './events';
import { fitModel, MIN_REASONS } from './fit';
import { CATALOG, table, type Fact } from './test-data';

const tryOn = (style: string, reason: Reason | null, n: number, from = 0): Fact[] =>
  Array.from({ length: n }, (_, i) => ({
    member: null,
    style,
    outcome: 'rejected' as const,
    reason,
    day: 1,
    group: `${style}-${reason}-${from + i}`,
  }));
const buy = (member: string, style: string, size: string, day: number): Fact => ({
  member,
  style,
  size,
  outcome: 'purchase',
  day,
  group: `${member}-${style}-${day}`,
});

describe('fitModel', () => {
  it('says a style runs small only when its fit reasons lean clearly away from the brand’s', () => {
    const facts = [
      // The brand: as many "too small" as "too big" over other styles.
      ...tryOn('B2', 'too-small', 30),
      ...tryOn('B2', 'too-big', 30),
      ...tryOn('S1', 'too-small', 24, 100),
      ...tryOn('S1', 'too-big', 2),
      // Lopsided but too little evidence.
      ...tryOn('S2', 'too-small', MIN_REASONS - 2),
      // A one-size bag never gets advice.
      ...tryOn('BAG', 'too-small', 40),
      ...tryOn('B3', 'colour', 5),
    ];
    const fit = fitModel(table(facts), CATALOG, { until: Infinity });
    const of = (styleId: string) => {
      const t = table(facts);
      return fit.styles[t.styles.find(styleId) ?? -1];
    };
    expect(of('S1')).toMatchObject({ verdict: 'runs-small', tooSmall: 24, tooBig: 2 });
    // Balanced, or lopsided on too little evidence: nothing to say.
    expect(of('B2')).toBeNull();
    expect(of('S2')).toBeNull();
    expect(of('BAG')).toBeNull();
    // Only colour reasons: nothing to say about fit.
    expect(of('B3')).toBeNull();
    expect(MIN_REASONS).toBe(12);
  });

  it('counts the size kept by members of each usual size, their usual size not counting the style', () => {
    const facts: Fact[] = [];
    for (let i = 0; i < 6; i++) {
      const m = `M${i}`;
      // Usually M in shirts (two other shirts), but kept L of B1.
      facts.push(buy(m, 'B4', 'M', 1), buy(m, 'B4', 'M', 2), buy(m, 'B1', 'L', 3));
    }
    facts.push(buy('X', 'B1', 'S', 4), buy('X', 'B4', 'S', 5));
    const t = table(facts);
    const fit = fitModel(t, CATALOG, { until: Infinity });
    const b1 = fit.styles[t.styles.find('B1') ?? -1];
    expect(b1?.keptBy).toEqual([{ usual: 'M', kept: 'L', count: 6, of: 6 }]);
    expect(b1).toMatchObject({ verdict: 'runs-small', keptWithUsual: 7 });
    expect(fit.usualSizes.get(t.members.find('M0') ?? -1)).toEqual({ shirt: 'M' });
  });

  it('ignores events at or after `until`', () => {
    const facts = [...tryOn('S1', 'too-small', 30), ...tryOn('B2', 'too-big', 30)].map((f) => ({
      ...f,
      day: 50,
    }));
    const fit = fitModel(table(facts), CATALOG, { until: Date.parse('2026-03-10T00:00:00Z') });
    expect(fit.styles.every((s) => s === null)).toBe(true);
  });
});
