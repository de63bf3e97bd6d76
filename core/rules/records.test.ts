import { describe, expect, it } from 'vitest';
import { couponFromRecord, tierFromRecord } from './records';
import { readDemoCsv } from './test-support';
import { COUPON_KINDS } from './types';

describe('demo store rows', () => {
  it('every tier row parses', () => {
    const tiers = readDemoCsv('tiers.csv').map(tierFromRecord);
    expect(tiers.every((t) => t.ok)).toBe(true);
    expect(
      tiers.map((t) =>
        t.ok ? `${t.value.tier}:${t.value.discountPct}:${t.value.pointsPerYuan}` : '',
      ),
    ).toEqual(['regular:0:1', 'silver:3:1', 'gold:5:2', 'black:10:3']);
  });

  it('every coupon row parses and every kind present is a supported kind', () => {
    const rows = readDemoCsv('coupons.csv');
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const row of rows) {
      const c = couponFromRecord(row);
      expect(c.ok, row.code).toBe(true);
      expect(COUPON_KINDS).toContain(row.kind);
    }
    const kinds = new Set(rows.map((r) => r.kind));
    expect([...kinds].sort()).toEqual([...COUPON_KINDS].sort());
  });
});

describe('bad rows', () => {
  const good = {
    code: 'X1',
    title_zh: '券',
    title_en: 'Coupon',
    kind: 'percent',
    value: '20',
    min_spend_cents: '0',
    valid_from: '2026-01-01',
    valid_to: '2026-12-31',
    min_tier: 'regular',
    single_use: '0',
  };
  it.each([
    ['unknown kind', { kind: 'bogo' }, 'kind'],
    ['percent above 100', { value: '120' }, 'value'],
    ['fractional fen', { kind: 'amount', value: '10.5' }, 'value'],
    ['dates reversed', { valid_from: '2026-12-31', valid_to: '2026-01-01' }, 'valid_to'],
    ['bad date', { valid_to: '31/12/2026' }, 'valid_to'],
    ['single_use not 0/1', { single_use: 'yes' }, 'single_use'],
  ])('rejects a coupon with %s, naming the field', (_name, patch, field) => {
    const r = couponFromRecord({ ...good, ...patch });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-coupon');
      expect(r.error.message).toContain(field);
    }
  });
  it('accepts the good row', () => {
    expect(couponFromRecord(good).ok).toBe(true);
  });
  it('rejects a tier with a discount over 100 %', () => {
    const r = tierFromRecord({
      tier: 'x',
      name_zh: 'x',
      name_en: 'x',
      discount_pct: '150',
      points_per_yuan: '1',
      min_annual_spend_yuan: '0',
    });
    expect(r.ok).toBe(false);
  });
});
