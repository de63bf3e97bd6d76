import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendEntry,
  balanceFrom,
  earnPoints,
  offlineRedeemAllowance,
  redemptionValue,
  type LedgerEntry,
} from './points';

describe('earnPoints', () => {
  it('earns per whole yuan paid × points_per_yuan × multiplier', () => {
    expect(earnPoints(34900, 1)).toBe(349);
    expect(earnPoints(34999, 1)).toBe(349);
    expect(earnPoints(85000, 2, 2)).toBe(3400);
    expect(earnPoints(99, 3)).toBe(0);
    expect(earnPoints(1000, 1, 1.5)).toBe(15);
  });
  it('never earns on nothing or on bad numbers', () => {
    expect(earnPoints(-5000, 2)).toBe(0);
    expect(earnPoints(Number.NaN, 2)).toBe(0);
    expect(earnPoints(5000, 0)).toBe(0);
  });
});

describe('redemptionValue', () => {
  it('default: 100 points = ¥1, in whole blocks', () => {
    expect(redemptionValue(1050)).toEqual({ pointsUsed: 1000, valueCents: 1000 });
    expect(redemptionValue(99)).toEqual({ pointsUsed: 0, valueCents: 0 });
  });
  it('caps by the amount left to pay', () => {
    expect(redemptionValue(5000, { points: 100, cents: 100 }, 1234)).toEqual({
      pointsUsed: 1200,
      valueCents: 1200,
    });
  });
  it('refuses bad input by redeeming nothing', () => {
    expect(redemptionValue(10.5)).toEqual({ pointsUsed: 0, valueCents: 0 });
    expect(redemptionValue(1000, { points: 0, cents: 100 })).toEqual({
      pointsUsed: 0,
      valueCents: 0,
    });
  });
});

const entry = (
  id: string,
  delta: number,
  reason: LedgerEntry['reason'],
  saleId?: string,
): LedgerEntry => ({
  id,
  memberId: 'M1',
  delta,
  reason,
  saleId,
  at: '2026-11-15T10:00:00+08:00',
});

describe('ledger', () => {
  it('appends without mutating and sums to the balance', () => {
    const empty: readonly LedgerEntry[] = [];
    const a = appendEntry(empty, entry('e1', 500, 'earn', 'S1'));
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    const b = appendEntry(a.value, entry('e2', -200, 'redeem', 'S2'));
    expect(b.ok).toBe(true);
    if (!b.ok) return;
    expect(empty).toHaveLength(0);
    expect(a.value).toHaveLength(1);
    expect(balanceFrom(b.value)).toBe(300);
    const c = appendEntry(b.value, entry('e3', -500, 'reverse', 'S1'));
    expect(c.ok && balanceFrom(c.value)).toBe(-200);
  });
  it('refuses duplicates, wrong signs, missing sales, other members', () => {
    const one = [entry('e1', 500, 'earn', 'S1')];
    const code = (r: ReturnType<typeof appendEntry>) => (r.ok ? 'ok' : r.error.code);
    expect(code(appendEntry(one, entry('e1', 500, 'earn', 'S1')))).toBe('duplicate-entry');
    expect(code(appendEntry(one, entry('e2', 500, 'redeem', 'S2')))).toBe('wrong-sign');
    expect(code(appendEntry(one, entry('e2', -5, 'earn', 'S2')))).toBe('wrong-sign');
    expect(code(appendEntry(one, entry('e2', 5, 'earn')))).toBe('invalid-entry');
    expect(code(appendEntry(one, entry('e2', 0.5, 'adjust')))).toBe('invalid-entry');
    expect(code(appendEntry(one, { ...entry('e2', 5, 'adjust'), memberId: 'M2' }))).toBe(
      'other-member',
    );
    expect(code(appendEntry(one, entry('e2', -50, 'adjust')))).toBe('ok');
  });
  it('a replayed row does not count twice', () => {
    expect(balanceFrom([entry('e1', 500, 'earn', 'S1'), entry('e1', 500, 'earn', 'S1')])).toBe(500);
  });
});

describe('offlineRedeemAllowance', () => {
  it('is the smallest of balance left, daily cap left and store cap', () => {
    expect(
      offlineRedeemAllowance({
        lastSyncedBalance: 5000,
        pendingRedemptions: 1000,
        redeemedToday: 0,
        dailyCap: 10000,
      }),
    ).toBe(4000);
    expect(
      offlineRedeemAllowance({
        lastSyncedBalance: 5000,
        pendingRedemptions: 0,
        redeemedToday: 1500,
        dailyCap: 2000,
      }),
    ).toBe(500);
    expect(
      offlineRedeemAllowance({
        lastSyncedBalance: 5000,
        pendingRedemptions: 0,
        redeemedToday: 0,
        dailyCap: 2000,
        storeCap: 300,
      }),
    ).toBe(300);
    expect(
      offlineRedeemAllowance({
        lastSyncedBalance: 100,
        pendingRedemptions: 500,
        redeemedToday: 0,
        dailyCap: 2000,
      }),
    ).toBe(0);
    expect(
      offlineRedeemAllowance({
        lastSyncedBalance: Number.NaN,
        pendingRedemptions: 0,
        redeemedToday: 0,
        dailyCap: 2000,
      }),
    ).toBe(0);
  });

  const stateArb = fc.record({
    lastSyncedBalance: fc.integer({ min: -1000, max: 100_000 }),
    pendingRedemptions: fc.integer({ min: 0, max: 50_000 }),
    redeemedToday: fc.integer({ min: 0, max: 50_000 }),
    dailyCap: fc.integer({ min: 0, max: 50_000 }),
    storeCap: fc.option(fc.integer({ min: -100, max: 100_000 }), { nil: undefined }),
  });

  it('is never negative', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        expect(offlineRedeemAllowance(s)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('two (or more) offline redemptions in a row never exceed the first allowance', () => {
    fc.assert(
      fc.property(
        stateArb,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 6 }),
        (s0, fractions) => {
          const first = offlineRedeemAllowance(s0);
          let s = s0;
          let total = 0;
          for (const f of fractions) {
            const allowed = offlineRedeemAllowance(s);
            const r = Math.floor(allowed * f);
            total += r;
            s = {
              ...s,
              pendingRedemptions: s.pendingRedemptions + r,
              redeemedToday: s.redeemedToday + r,
              storeCap: s.storeCap === undefined ? undefined : s.storeCap - r,
            };
          }
          expect(total).toBeLessThanOrEqual(first);
          expect(total).toBeLessThanOrEqual(
            Math.max(0, s0.lastSyncedBalance - Math.max(0, s0.pendingRedemptions)),
          );
        },
      ),
    );
  });
});
