import { describe, expect, it } from 'vitest';
import type { PriceOverrideReason } from '../../../bridge/views';
import { overrideUnit, priceCart, type CartLineState } from './checkout-pricing';
import { gold, item } from './pricing-test-support';

const coat = item('COA002-BEI-L', 178900);
const knit = item('KNI002-BEI-M', 49900, 59900);

function price(
  lines: CartLineState[],
  overrides: Array<[string, number, PriceOverrideReason]> = [],
  pointsToRedeem = 0,
) {
  return priceCart(
    {
      lines,
      member: { id: 'M1', tier: 'gold', points: 100_000 },
      couponCodes: new Set(),
      pointsToRedeem,
      payment: { state: 'open' },
      npsGiven: false,
      now: new Date('2026-11-15T04:00:00Z'),
      overrides: new Map(overrides.map(([sku, toCents, reason]) => [sku, { toCents, reason }])),
    },
    { tiers: [gold], coupons: [], usedCoupons: new Set() },
  );
}

describe('price overrides in the cart', () => {
  it('prints as its own first discount line and the tier discount applies to the new price', () => {
    const { basket, view } = price([{ item: knit, qty: 2 }], [['KNI002-BEI-M', 40000, 'damaged']]);
    expect(view.subtotalCents).toBe(99800); // goods at shelf price
    expect(view.discounts[0]).toEqual({
      kind: 'price-override',
      code: 'KNI002-BEI-M',
      label: {
        zh: '改价（破损）商品KNI002-BEI-M',
        en: 'Price override (damaged) Item KNI002-BEI-M',
      },
      amountCents: 19800,
      points: null,
    });
    expect(view.discounts[1]).toMatchObject({ kind: 'tier', amountCents: 4000 }); // 5 % of 40000 × 2
    expect(view.totalCents).toBe(76000);
    expect(view.subtotalCents - view.discounts.reduce((a, d) => a + d.amountCents, 0)).toBe(
      view.totalCents,
    );
    expect(basket?.lines[0]).toMatchObject({ unitPriceCents: 49900, amountCents: 99800 });
    expect(basket?.lines[0]?.netCents).toBe(76000);
    expect(view.lines[0]).toMatchObject({ unitPriceCents: 49900, amountCents: 99800 });
  });

  it('ignores an override that is not a reduction: equal, above the price or negative', () => {
    const plain = price([{ item: coat, qty: 1 }]).view;
    for (const to of [178900, 200000, -1, 1.5])
      expect(price([{ item: coat, qty: 1 }], [['COA002-BEI-L', to, 'other']]).view).toEqual(plain);
    expect(overrideUnit(coat, 0)).toBe(0);
    expect(overrideUnit(coat, 178899)).toBe(178899);
    expect(overrideUnit(coat, undefined)).toBeNull();
  });

  it('does not depend on the order of the lines, with points redeemed too', () => {
    const overrides: Array<[string, number, PriceOverrideReason]> = [
      ['COA002-BEI-L', 150000, 'price-match'],
    ];
    const a = price(
      [
        { item: coat, qty: 1 },
        { item: knit, qty: 2 },
      ],
      overrides,
      5000,
    ).view;
    const b = price(
      [
        { item: knit, qty: 2 },
        { item: coat, qty: 1 },
      ],
      overrides,
      5000,
    ).view;
    expect(a.totalCents).toBe(b.totalCents);
    expect(a.discounts).toEqual(b.discounts);
    expect(a.pointsToRedeem).toBe(5000);
  });
});
