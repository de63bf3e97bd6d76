/**
 * Which campaign offers are waiting for a member: consent (shopper screens only), control group
 * (no offers at all), the member's window, single use already redeemed (here or elsewhere), tier,
 * and a member of another store (only while present here); from a real SQLite file.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp';
import { DataKey } from '../crypto';
import { demoTiers } from '../rules/test-support';
import type { Coupon } from '../rules';
import { openDatabase, readOnly, type WritableDB } from '../store/db';
import { migrate } from '../store/migrations';
import { DOUBLE_POINTS, FIFTY_OFF } from './offer-fixtures';
import { replaceMemberOffers, type MemberOffer } from './offers';
import { savePresence } from './presence';
import { waitingOffers, waitingOffersOf, type OfferHolder } from './waiting-offers';

const asCoupon = (o: MemberOffer): Coupon => ({
  ...o,
  title: { zh: o.titleZh, en: o.titleEn },
});

const member: OfferHolder = {
  memberId: 'M000017',
  tier: 'regular',
  homeStore: 'S001',
  consentMarketing: true,
  erased: false,
};
const ctx = {
  audience: 'shopper' as const,
  storeId: 'S001',
  tiers: demoTiers(),
  today: '2026-12-05',
  usedCoupons: new Set<string>(),
  presentHere: false,
};
const codes = (offers: readonly Coupon[]) => offers.map((o) => o.code);
const offers = [asCoupon(FIFTY_OFF), asCoupon(DOUBLE_POINTS)];

describe('waitingOffers (pure)', () => {
  it('tells a consenting member of this store about every offer valid today', () => {
    expect(codes(waitingOffers(offers, member, ctx))).toEqual(['CMP0001-OFF', 'CMP0002-PTS']);
  });

  it('tells the shopper nothing without marketing consent; staff still see the offers', () => {
    const noConsent = { ...member, consentMarketing: false };
    expect(waitingOffers(offers, noConsent, ctx)).toEqual([]);
    expect(codes(waitingOffers(offers, noConsent, { ...ctx, audience: 'staff' }))).toEqual([
      'CMP0001-OFF',
      'CMP0002-PTS',
    ]);
  });

  it('keeps nothing for an erased member, whoever asks', () => {
    const erased = { ...member, erased: true };
    expect(waitingOffers(offers, erased, ctx)).toEqual([]);
    expect(waitingOffers(offers, erased, { ...ctx, audience: 'staff' })).toEqual([]);
  });

  it('drops an offer before, and after, the member’s window (inclusive dates)', () => {
    expect(waitingOffers(offers, member, { ...ctx, today: '2026-11-30' })).toEqual([]);
    expect(codes(waitingOffers(offers, member, { ...ctx, today: '2026-12-31' }))).toHaveLength(2);
    expect(waitingOffers(offers, member, { ...ctx, today: '2027-01-01' })).toEqual([]);
  });

  it('drops a single-use offer already redeemed', () => {
    const used = new Set(['CMP0001-OFF']);
    expect(codes(waitingOffers(offers, member, { ...ctx, usedCoupons: used }))).toEqual([
      'CMP0002-PTS',
    ]);
  });

  it('drops an offer above the member’s tier', () => {
    const gold = [asCoupon({ ...FIFTY_OFF, minTier: 'gold' })];
    expect(waitingOffers(gold, member, ctx)).toEqual([]);
    expect(codes(waitingOffers(gold, { ...member, tier: 'black' }, ctx))).toEqual(['CMP0001-OFF']);
  });

  it('a member of another store only while present here', () => {
    const visitor = { ...member, homeStore: 'S003' };
    expect(waitingOffers(offers, visitor, ctx)).toEqual([]);
    expect(waitingOffers(offers, { ...member, homeStore: null }, ctx)).toEqual([]);
    expect(codes(waitingOffers(offers, visitor, { ...ctx, presentHere: true }))).toHaveLength(2);
  });
});

describe('waitingOffersOf (kiosk database)', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: WritableDB;
  const key = DataKey.generate();
  const now = new Date('2026-12-05T04:00:00Z');
  const options = { audience: 'shopper' as const, storeId: 'S001', tiers: demoTiers(), now };
  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir.path, 'kiosk.db'));
    migrate(db);
    db.exec(`INSERT INTO stores (location_id, name_zh, name_en, city, timezone)
      VALUES ('S001', '上海静安旗舰店', 'Shanghai Jingan', 'Shanghai', 'Asia/Shanghai')`);
    db.exec(`INSERT INTO tiers (tier, name_zh, name_en, discount_pct, points_per_yuan, min_annual_spend_yuan)
      VALUES ('regular', '普通会员', 'Regular', 0, 1, 0)`);
    for (const [id, home] of [
      ['M000017', 'S001'],
      ['M000018', 'S001'],
      ['M000090', null],
    ] as const)
      db.prepare(
        'INSERT INTO members (member_id, tier, points, home_store) VALUES (?, ?, 0, ?)',
      ).run(id, 'regular', home);
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('reads the member’s own offers; a control member (no offers) has none', () => {
    replaceMemberOffers(db, 'M000017', [FIFTY_OFF, DOUBLE_POINTS]);
    const read = readOnly(db);
    expect(codes(waitingOffersOf(read, member, options))).toEqual(['CMP0001-OFF', 'CMP0002-PTS']);
    expect(waitingOffersOf(read, { ...member, memberId: 'M000018' }, options)).toEqual([]);
  });

  it('drops an offer redeemed at another kiosk (as the cloud reported it)', () => {
    replaceMemberOffers(db, 'M000017', [FIFTY_OFF, DOUBLE_POINTS]);
    db.prepare(
      "INSERT INTO member_used_coupons (member_id, coupon_code) VALUES ('M000017', 'CMP0001-OFF')",
    ).run();
    expect(codes(waitingOffersOf(readOnly(db), member, options))).toEqual(['CMP0002-PTS']);
  });

  it('drops every offer once the window is over', () => {
    replaceMemberOffers(db, 'M000017', [FIFTY_OFF]);
    const later = { ...options, now: new Date('2026-12-31T16:00:00Z') }; // 1 Jan in Shanghai
    expect(waitingOffersOf(readOnly(db), member, later)).toEqual([]);
  });

  it('a visitor from another store: nothing until a presence ticket is valid, then their offers', () => {
    const visitor = { ...member, memberId: 'M000090', homeStore: null };
    replaceMemberOffers(db, 'M000090', [FIFTY_OFF]);
    const read = readOnly(db);
    expect(waitingOffersOf(read, visitor, options)).toEqual([]);
    const ticket = `pt1.${'e30'.padEnd(24, 'A')}.${'M'.repeat(43)}`;
    savePresence(db, key, 'M000090', { ticket, expiresAt: new Date(now.getTime() + 3600_000) });
    expect(codes(waitingOffersOf(read, visitor, options))).toEqual(['CMP0001-OFF']);
    const expired = { ...options, now: new Date(now.getTime() + 2 * 3600_000) };
    expect(waitingOffersOf(read, visitor, expired)).toEqual([]);
  });
});
