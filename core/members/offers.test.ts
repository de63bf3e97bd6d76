/**
 * Campaign offers on the kiosk: stored per member, replaced by the cloud's list, read for the
 * signed-in member only, dropped on erasure; priced by core/rules offline like any coupon — a
 * birthday-month points multiplier doubles the points inside the member's window and not outside.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../../test/support/db';
import { eligibleCoupons, priceBasket, storeLocalDate } from '../rules';
import { demoTiers } from '../rules/test-support';
import { readOnly } from '../store/db';
import {
  forgetMemberOffers,
  memberOffersOf,
  replaceMemberOffers,
  type MemberOffer,
} from './offers';
import { DOUBLE_POINTS, FIFTY_OFF } from './offer-fixtures';

let db: TestDb;
beforeEach(() => {
  db = openTestDb();
});
afterEach(() => db.close());

const THIRTY_OFF: MemberOffer = { ...FIFTY_OFF, value: 3000, minSpendCents: 20000 };
const member = { id: 'M000017', tier: 'regular' };
const dress = {
  sku: 'DRE001-WHT-S',
  styleId: 'DRE001',
  qty: 1,
  unitPriceCents: 39900,
  listPriceCents: 39900,
};

describe('member offers', () => {
  it('are read for their member only and replaced as a whole by the cloud’s list', () => {
    replaceMemberOffers(db, 'M000017', [DOUBLE_POINTS, THIRTY_OFF]);
    const read = readOnly(db);
    expect(memberOffersOf(read, 'M000017').map((c) => c.code)).toEqual([
      'CMP0001-OFF',
      'CMP0002-PTS',
    ]);
    expect(memberOffersOf(read, 'M000018')).toEqual([]); // a control member, or anyone else
    expect(memberOffersOf(read, null)).toEqual([]);
    replaceMemberOffers(db, 'M000017', [THIRTY_OFF]);
    expect(memberOffersOf(read, 'M000017').map((c) => c.code)).toEqual(['CMP0001-OFF']);
    forgetMemberOffers(db, 'M000017');
    expect(memberOffersOf(read, 'M000017')).toEqual([]);
  });

  it('double points inside the member’s birthday month, offline, and not outside it', () => {
    replaceMemberOffers(db, 'M000017', [DOUBLE_POINTS]);
    const coupons = memberOffersOf(readOnly(db), 'M000017');
    const tiers = demoTiers();
    const price = (now: Date) => {
      const offered = eligibleCoupons(coupons, {
        member,
        tiers,
        today: storeLocalDate(now),
        usedCoupons: new Set(),
        goodsCents: 39900,
      }).eligible;
      const r = priceBasket({
        lines: [dress],
        member,
        tiers,
        coupons: offered.map((c) => ({ code: c.code, coupon: c })),
        now,
        usedCoupons: new Set(),
      });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const inside = price(new Date('2026-12-10T04:00:00Z'));
    const outside = price(new Date('2027-01-02T04:00:00Z'));
    expect(inside.pointsMultiplier).toBe(2);
    expect(inside.pointsEarned).toBe(2 * outside.pointsEarned);
    expect(outside.pointsMultiplier).toBe(1);
    expect(inside.totalCents).toBe(outside.totalCents); // points, not money
  });
});
