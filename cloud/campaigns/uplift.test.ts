import { describe, expect, it } from 'vitest';
import { memberWindow, splitControl } from './audience';
import { mean, sampleVariance, uplift } from './uplift';

describe('uplift with a 95 % confidence interval', () => {
  it('matches a hand-computed example', () => {
    // Treatment ¥0, ¥100, ¥200 → mean 10 000 fen, s² = (10 000² + 0 + 10 000²) / 2 = 1e8.
    // Control ¥0, ¥50 → mean 2 500 fen, s² = (2 500² + 2 500²) / 1 = 12 500 000.
    // se = √(1e8 / 3 + 12.5e6 / 2) = √39 583 333.3 = 6 291.53 fen; diff = 7 500 fen;
    // Welch–Satterthwaite ν = 39 583 333.3² / ((1e8/3)² / 2 + 6.25e6² / 1) = 2.63504;
    // t(0.975, 2.63504) = 3.44694 (checked by integrating the t density);
    // CI = 7 500 ± 3.44694 × 6 291.53 = [−14 186.5, 29 186.5]; relative = 7 500 / 2 500 = 3.
    const u = uplift([0, 10_000, 20_000], [0, 5_000]);
    expect(mean([0, 10_000, 20_000])).toBe(10_000);
    expect(sampleVariance([0, 5_000])).toBe(12_500_000);
    expect(u?.perMemberCents).toBe(7_500);
    expect(u?.degreesOfFreedom).toBeCloseTo(2.63504, 4);
    expect(u?.ciLowCents).toBeCloseTo(-14_186.5, 0);
    expect(u?.ciHighCents).toBeCloseTo(29_186.5, 0);
    expect(u?.relative).toBe(3);
  });

  it('has no interval until each arm has two members, and no relative uplift over a zero control', () => {
    expect(uplift([100], [0, 0])).toBeNull();
    expect(uplift([100, 200], [0])).toBeNull();
    expect(uplift([100, 300], [0, 0])).toMatchObject({ perMemberCents: 200, relative: null });
  });
});

describe('campaign audience', () => {
  const schedule = { from: '2026-11-20', to: '2027-02-15' };
  it('gives each member their birthday month inside the schedule, clipped to it', () => {
    expect(memberWindow(schedule, false, null)).toEqual(schedule);
    expect(memberWindow(schedule, true, '11-03')).toEqual({ from: '2026-11-20', to: '2026-11-30' });
    expect(memberWindow(schedule, true, '12-25')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(memberWindow(schedule, true, '02-29')).toEqual({ from: '2027-02-01', to: '2027-02-15' });
    expect(memberWindow(schedule, true, '06-01')).toBeNull();
    expect(memberWindow(schedule, true, null)).toBeNull();
    expect(memberWindow(schedule, true, '13-01')).toBeNull();
  });

  it('holds out exactly round(n × pct) members, each member in exactly one arm', () => {
    const members = Array.from({ length: 95 }, (_, i) => `M${i}`);
    const { treatment, control } = splitControl(members, 10);
    expect(control).toHaveLength(10); // round(9.5)
    expect(treatment).toHaveLength(85);
    expect(new Set([...treatment, ...control]).size).toBe(95);
    expect(splitControl(members, 0).control).toEqual([]);
  });

  it('draws a different control group each time (random, not the first members)', () => {
    const members = Array.from({ length: 200 }, (_, i) => i);
    const a = splitControl(members, 10).control.sort((x, y) => x - y);
    const b = splitControl(members, 10).control.sort((x, y) => x - y);
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(members.slice(0, 20));
  });
});
