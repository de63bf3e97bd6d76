/**
 * The campaign offers on the screens, on the demo store in a real SQLite file: the mirror tells a
 * signed-in member of this store with marketing consent, and nobody else (no consent, a member of
 * another store without presence, an anonymous shopper, after the window, once redeemed); the
 * checkout leaves it to its coupon list; the staff member panel lists the offers either way.
 */
import { describe, expect, it } from 'vitest';
import { DOUBLE_POINTS, FIFTY_OFF } from '../../../core/members/offer-fixtures';
import { replaceMemberOffers } from '../../../core/members/offers';
import { scanBytes, useDemoScreens } from './screen-test-support';

const demo = useDemoScreens();
const { db } = demo;

const CONSENTING = 'MBR1.9NQFWTNQ9DDFJPCKCBYH'; // M000017, S001, marketing consent
const NO_MARKETING = 'MBR1.9C7HV7NT83NDGA4NWA3Z'; // M000020, S001, no marketing consent
const NO_MARKETING_CARD = '6280000000000206'; // M000020
const OTHER_STORE = 'MBR1.4N433GGMT6TCPAR4CTQP'; // M000003, home store S003
const DRESS = '6970001000016';

// the demo clock reads 24 Nov 2026: the offers are valid through November
const november = { validFrom: '2026-11-01', validTo: '2026-11-30' };
const offers = [FIFTY_OFF, DOUBLE_POINTS].map((o) => ({ ...o, ...november }));
for (const id of ['M000017', 'M000020', 'M000003']) replaceMemberOffers(db, id, offers);

const codes = (offers: readonly { code: string }[] | undefined) => offers?.map((o) => o.code);

describe('the mirror', () => {
  it('tells a consenting member of this store what is waiting, from local data', () => {
    const { s } = demo.service('mirror');
    expect(s.handleScan(scanBytes(DRESS)).memberOffers).toEqual([]); // anonymous
    const view = s.handleScan(scanBytes(CONSENTING));
    expect(view.member).not.toBeNull();
    expect(view.memberOffers).toEqual([
      {
        code: 'CMP0001-OFF',
        title: { zh: '回店礼', en: 'Welcome back' },
        kind: 'amount',
        value: 5000,
        minSpendCents: 30000,
        validFrom: '2026-11-01',
        validTo: '2026-11-30',
      },
      expect.objectContaining({ code: 'CMP0002-PTS', kind: 'points_multiplier', value: 2 }),
    ]);
    s.close();
  });

  it('says nothing without marketing consent, nor to a member of another store without presence', () => {
    const { s } = demo.service('mirror');
    const noConsent = s.handleScan(scanBytes(NO_MARKETING));
    expect(noConsent.member).not.toBeNull();
    expect(noConsent.memberOffers).toEqual([]);
    s.close();
    const other = demo.service('mirror').s;
    const visitor = other.handleScan(scanBytes(OTHER_STORE));
    expect(visitor.member).not.toBeNull();
    expect(visitor.memberOffers).toEqual([]);
    other.close();
  });

  it('drops an offer once redeemed, and every offer after the window', () => {
    db.prepare(
      "INSERT INTO member_used_coupons (member_id, coupon_code) VALUES ('M000017', 'CMP0001-OFF')",
    ).run();
    try {
      const { s, advance } = demo.service('mirror');
      expect(codes(s.handleScan(scanBytes(CONSENTING)).memberOffers)).toEqual(['CMP0002-PTS']);
      advance(7 * 24 * 3600_000); // 1 Dec in Shanghai
      const later = s.current();
      expect(later.member).not.toBeNull(); // still signed in: the dates decide
      expect(later.memberOffers).toEqual([]);
      s.close();
    } finally {
      db.prepare("DELETE FROM member_used_coupons WHERE member_id = 'M000017'").run();
    }
  });
});

describe('the checkout and the staff panel', () => {
  it('the checkout offers the coupon in its cart and tells no mirror notice', () => {
    const { s } = demo.service('checkout');
    s.handleScan(scanBytes(DRESS));
    const view = s.handleScan(scanBytes(CONSENTING));
    expect(view.memberOffers).toEqual([]);
    expect(codes(view.cart?.coupons)).toContain('CMP0001-OFF');
    s.close();
  });

  it('the staff panel lists the offers, also of a member without marketing consent', async () => {
    const { s } = demo.service('staff');
    s.handleScan(scanBytes('BADGE-1001'));
    await s.staff.login('2468');
    const panel = s.staff.member({ kind: 'card', number: NO_MARKETING_CARD }).staffDesk
      ?.memberPanel;
    expect(panel?.memberId).toBe('M000020');
    expect(codes(panel?.offers)).toEqual(['CMP0001-OFF', 'CMP0002-PTS']);
    expect(s.current().memberOffers).toEqual([]);
    s.close();
  });
});
