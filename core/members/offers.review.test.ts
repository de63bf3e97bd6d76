/**
 * Review of campaign offers at the till (issue 13.1), offline, from a real SQLite file: the last
 * valid instant of an offer in Shanghai time, a minimum spend met exactly, the points multiplier
 * on top of the tier's points rate, and a multi-use multiplier (as the cloud now sends a
 * points-multiplier campaign) applied again after a sale that used it.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp';
import { priceBasket } from '../rules';
import { demoTiers } from '../rules/test-support';
import { openDatabase, readOnly, type WritableDB } from '../store/db';
import { migrate } from '../store/migrations';
import { DOUBLE_POINTS, FIFTY_OFF } from './offer-fixtures';
import { memberOffersOf, replaceMemberOffers } from './offers';

let dir: ReturnType<typeof tempDir>;
let db: WritableDB;

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'kiosk.db'));
  migrate(db);
  replaceMemberOffers(db, 'M000017', [FIFTY_OFF, { ...DOUBLE_POINTS, singleUse: false }]);
});
afterEach(() => {
  db.close();
  dir.remove();
});

const line = (unitPriceCents: number) => ({
  sku: 'DRE001-WHT-S',
  styleId: 'DRE001',
  qty: 1,
  unitPriceCents,
  listPriceCents: unitPriceCents,
});

function price(
  at: string,
  cents: number,
  tier = 'regular',
  usedCoupons: ReadonlySet<string> = new Set(),
) {
  const offers = memberOffersOf(readOnly(db), 'M000017');
  const res = priceBasket({
    lines: [line(cents)],
    member: { id: 'M000017', tier },
    tiers: demoTiers(),
    coupons: offers.map((c) => ({ code: c.code, coupon: c })),
    now: new Date(at),
    usedCoupons,
  });
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

describe('campaign offers at the till', () => {
  it('applies on 31 Dec until 23:59:59.999 in Shanghai, not a millisecond later', () => {
    const last = price('2026-12-31T15:59:59.999Z', 30_000);
    expect(last.appliedCoupons).toEqual(['CMP0001-OFF', 'CMP0002-PTS']);
    expect(last.totalCents).toBe(25_000);
    const after = price('2026-12-31T16:00:00.000Z', 30_000);
    expect(after.appliedCoupons).toEqual([]);
    expect(after.rejectedCoupons.map((r) => r.reason)).toEqual(['expired', 'expired']);
    const first = price('2026-11-30T16:00:00.000Z', 30_000); // 1 Dec 00:00 in Shanghai
    expect(first.appliedCoupons).toEqual(['CMP0001-OFF', 'CMP0002-PTS']);
    expect(price('2026-11-30T15:59:59.999Z', 30_000).appliedCoupons).toEqual([]);
  });

  it('takes a minimum spend met exactly, refuses one fen less', () => {
    expect(price('2026-12-05T04:00:00Z', 30_000).appliedCoupons).toContain('CMP0001-OFF');
    const short = price('2026-12-05T04:00:00Z', 29_999);
    expect(short.rejectedCoupons).toContainEqual({
      code: 'CMP0001-OFF',
      reason: 'below-min-spend',
    });
  });

  it('multiplies the tier’s points rate: gold (5 % off, 2 points per yuan) × 2', () => {
    const gold = price('2026-12-05T04:00:00Z', 39_900, 'gold');
    // 39 900 − 5 % = 37 905; − ¥50 = 32 905 paid; floor(329.05) × 2 × 2 = 1 316 points
    expect(gold.totalCents).toBe(32_905);
    expect(gold.pointsMultiplier).toBe(2);
    expect(gold.pointsEarned).toBe(1_316);
  });

  it('applies a multi-use multiplier again after a sale that used both offers', () => {
    const used = new Set(['CMP0001-OFF', 'CMP0002-PTS']);
    const again = price('2026-12-06T04:00:00Z', 10_000, 'regular', used);
    expect(again.appliedCoupons).toEqual(['CMP0002-PTS']);
    expect(again.rejectedCoupons).toContainEqual({ code: 'CMP0001-OFF', reason: 'already-used' });
    expect(again.pointsEarned).toBe(200);
  });
});
