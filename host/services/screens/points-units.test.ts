import { describe, expect, it } from 'vitest';
import { priceCart, wholeUnits } from './checkout-pricing';
import { item, regular } from './pricing-test-support';

const coat = item('COA002-BEI-L', 178900);

/** The cart of a member who may redeem `allowance` points and asks to redeem `wanted`. */
function cart(allowance: number, wanted: number) {
  return priceCart(
    {
      lines: [{ item: coat, qty: 1 }],
      member: { id: 'M1', tier: 'regular', points: allowance },
      couponCodes: new Set(),
      pointsToRedeem: wanted,
      payment: { state: 'open' },
      npsGiven: false,
      now: new Date('2026-11-15T04:00:00Z'),
    },
    { tiers: [regular], coupons: [], usedCoupons: new Set() },
  );
}

describe('points below the redemption unit (100 points = ¥1)', () => {
  it('offers nothing for 60 points: redeemable 0, and asking for them redeems nothing', () => {
    const { view, basket } = cart(60, 60);
    expect(view.pointsRedeemable).toBe(0);
    expect(view.pointsToRedeem).toBe(0);
    expect(view.discounts.some((d) => d.kind === 'points')).toBe(false);
    expect(basket?.pointsRedeemed).toBe(0);
    expect(view.totalCents).toBe(178900);
  });

  it('offers whole units only, and a request between units uses the units below it', () => {
    const { view } = cart(260, 250);
    expect(view.pointsRedeemable).toBe(200);
    expect(view.pointsToRedeem).toBe(200);
    expect(view.discounts.find((d) => d.kind === 'points')).toMatchObject({
      amountCents: 200,
      points: 200,
    });
    expect(view.totalCents).toBe(178700);
    expect(cart(260, 99).view.pointsToRedeem).toBe(0);
  });

  it('rounds down to whole units and never goes negative', () => {
    expect([0, 60, 99, 100, 199, 12345, -100, Number.NaN].map(wholeUnits)).toEqual([
      0, 0, 0, 100, 100, 12300, 0, 0,
    ]);
  });
});
