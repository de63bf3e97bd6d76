import { describe, expect, it } from 'vitest';
import { couponRejection, eligibleCoupons, rankTiers, storeLocalDate, tierRank } from './coupons';
import { demoCoupons, demoTiers } from './test-support';

const tiers = demoTiers();
const coupons = [...demoCoupons().values()];

describe('storeLocalDate', () => {
  it('gives the Shanghai calendar date (UTC+8, no DST)', () => {
    expect(storeLocalDate(new Date('2026-05-31T15:59:59Z'))).toBe('2026-05-31');
    expect(storeLocalDate(new Date('2026-05-31T16:00:00Z'))).toBe('2026-06-01');
    expect(storeLocalDate(new Date('2026-07-01T03:00:00Z'), 'Europe/Paris')).toBe('2026-07-01');
  });
});

describe('tiers', () => {
  it('rank by minimum annual spend whatever the input order', () => {
    expect(rankTiers([...tiers].reverse()).map((t) => t.tier)).toEqual([
      'regular',
      'silver',
      'gold',
      'black',
    ]);
    expect(tierRank(tiers, 'gold')).toBe(2);
    expect(tierRank(tiers, 'nope')).toBe(-1);
  });
});

describe('eligibleCoupons', () => {
  it('offers a gold member in November exactly the coupons valid for gold, with reasons for the rest', () => {
    const { eligible, ineligible } = eligibleCoupons(coupons, {
      member: { id: 'M2', tier: 'gold' },
      tiers,
      today: '2026-11-15',
      usedCoupons: new Set(['WELCOME50']),
      goodsCents: 50000,
    });
    expect(eligible.map((c) => c.code)).toEqual(['AUTUMN15', 'BDAY2X', 'STORE30']);
    expect(ineligible.map((i) => [i.coupon.code, i.reason, i.shortfallCents])).toEqual([
      ['BLACKVIP', 'tier-too-low', undefined],
      ['EXPIRED10', 'expired', undefined],
      ['GOLD100', 'below-min-spend', 50000],
      ['SPRING20', 'expired', undefined],
      ['WELCOME50', 'already-used', undefined],
    ]);
  });

  it('without a basket amount the minimum spend is not judged', () => {
    const { eligible } = eligibleCoupons(coupons, {
      member: { id: 'M2', tier: 'gold' },
      tiers,
      today: '2026-11-15',
      usedCoupons: new Set(),
    });
    expect(eligible.map((c) => c.code)).toContain('GOLD100');
  });

  it('a non-single-use coupon stays usable even if its code is in the used set', () => {
    const autumn = demoCoupons().get('AUTUMN15');
    const reason = couponRejection(
      { code: 'AUTUMN15', coupon: autumn },
      {
        member: { id: 'M', tier: 'regular' },
        tiers,
        today: '2026-10-01',
        usedCoupons: new Set(['AUTUMN15']),
      },
    );
    expect(reason).toBeUndefined();
  });

  it('a definition whose code differs from the scanned code is unknown', () => {
    const autumn = demoCoupons().get('AUTUMN15');
    expect(
      couponRejection(
        { code: 'AUTUMN16', coupon: autumn },
        { member: null, tiers, today: '2026-10-01', usedCoupons: new Set() },
      ),
    ).toBe('unknown-coupon');
  });
});
