import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  priceBasket,
  type BasketLine,
  type DiscountKind,
  type PricedBasket,
  type PricingInput,
} from './pricing';
import { demoCoupons, demoTiers } from './test-support';
import type { Coupon, CouponApplication } from './types';

const tiers = demoTiers();
const demo = [...demoCoupons().values()];

const lineArb: fc.Arbitrary<BasketLine> = fc
  .record({
    sku: fc.constantFrom('A-1', 'B-2', 'C-3', 'D-4', 'E-5'),
    qty: fc.integer({ min: 1, max: 5 }),
    // Often the same price on different skus, so allocation ties (equal remainders) really happen.
    list: fc.oneof(
      fc.constantFrom(9900, 19900, 39900, 99900),
      fc.integer({ min: 0, max: 500_000 }),
    ),
    markdownPct: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100 })),
  })
  .map(({ sku, qty, list, markdownPct }) => ({
    sku,
    styleId: sku.slice(0, 1),
    qty,
    listPriceCents: list,
    unitPriceCents: list - Math.floor((list * markdownPct) / 100),
  }));

// Demo coupons plus random ones of every kind, so stacking sees several candidates per slot.
const couponArb: fc.Arbitrary<Coupon> = fc
  .record({
    n: fc.integer({ min: 0, max: 9 }),
    kind: fc.constantFrom('amount', 'percent', 'threshold', 'points_multiplier' as const),
    value: fc.integer({ min: 1, max: 100 }),
    minSpend: fc.integer({ min: 0, max: 300_000 }),
    minTier: fc.constantFrom('regular', 'silver', 'gold', 'black'),
    singleUse: fc.boolean(),
  })
  .map(({ n, kind, value, minSpend, minTier, singleUse }) => ({
    code: `R${n}`,
    title: { zh: `券${n}`, en: `Coupon ${n}` },
    kind,
    value:
      kind === 'amount' || kind === 'threshold'
        ? value * 1000
        : kind === 'points_multiplier'
          ? 1 + (value % 3)
          : value,
    minSpendCents: minSpend,
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    minTier,
    singleUse,
  }));

const inputArb: fc.Arbitrary<PricingInput> = fc.record({
  lines: fc.array(lineArb, { maxLength: 8 }),
  member: fc.option(
    fc.record({
      id: fc.constant('M1'),
      tier: fc.constantFrom('regular', 'silver', 'gold', 'black'),
    }),
    { nil: null },
  ),
  tiers: fc.constant(tiers),
  coupons: fc
    .tuple(fc.subarray(demo), fc.array(couponArb, { maxLength: 4 }))
    .map(([d, r]): CouponApplication[] =>
      [...d, ...r].map((coupon) => ({ code: coupon.code, coupon })),
    ),
  now: fc.date({
    min: new Date('2025-06-01T00:00:00Z'),
    max: new Date('2027-01-31T00:00:00Z'),
    noInvalidDate: true,
  }),
  usedCoupons: fc.subarray(['WELCOME50', 'STORE30', 'R1', 'R2']).map((a) => new Set(a)),
  pointsToRedeem: fc.integer({ min: 0, max: 300_000 }),
  redeemRate: fc.constantFrom(
    { points: 100, cents: 100 },
    { points: 50, cents: 100 },
    { points: 200, cents: 100 },
  ),
});

function priced(input: PricingInput): PricedBasket {
  const r = priceBasket(input.member ? input : { ...input, pointsToRedeem: 0 });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const STACK_ORDER: DiscountKind[] = ['tier', 'percent', 'amount', 'points_multiplier', 'points'];
const rank = (k: DiscountKind) => STACK_ORDER.indexOf(k === 'threshold' ? 'amount' : k);

describe('priceBasket properties', () => {
  it('total is never negative and never above the list price; subtotal − discounts = total', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const b = priced(input);
        expect(b.totalCents).toBeGreaterThanOrEqual(0);
        expect(b.totalCents).toBeLessThanOrEqual(b.listTotalCents);
        expect(b.totalCents).toBeLessThanOrEqual(b.subtotalCents);
        expect(b.subtotalCents - b.discounts.reduce((a, d) => a + d.amountCents, 0)).toBe(
          b.totalCents,
        );
        for (const l of b.lines) expect(l.netCents).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on scan order of lines or presentation order of coupons', () => {
    fc.assert(
      fc.property(
        inputArb.chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray([...input.lines], { minLength: input.lines.length }),
            fc.shuffledSubarray([...input.coupons], { minLength: input.coupons.length }),
          ),
        ),
        ([input, lines, coupons]) => {
          const a = priced(input);
          const b = priced({ ...input, lines, coupons });
          expect(b.totalCents).toBe(a.totalCents);
          expect(b.discounts).toEqual(a.discounts);
          expect(b.rejectedCoupons).toEqual(a.rejectedCoupons);
          expect(b.pointsEarned).toBe(a.pointsEarned);
          // Same lines, same outcome per line, whatever order they came in.
          const key = (p: PricedBasket) =>
            p.lines
              .map((l) =>
                JSON.stringify([
                  l.sku,
                  l.qty,
                  l.unitPriceCents,
                  l.listPriceCents,
                  l.discounts,
                  l.netCents,
                ]),
              )
              .sort();
          expect(key(b)).toEqual(key(a));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('applies discounts in the documented order, at most one coupon per slot', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const b = priced(input);
        const ranks = b.discounts.map((d) => rank(d.kind));
        expect([...ranks].sort((x, y) => x - y)).toEqual(ranks);
        expect(new Set(ranks).size).toBe(ranks.length);
        expect(b.appliedCoupons.length).toBeLessThanOrEqual(3);
        // Every presented code ends up applied or rejected, never both, never lost.
        const seen = [...b.appliedCoupons, ...b.rejectedCoupons.map((r) => r.code)].sort();
        expect(seen).toEqual(input.coupons.map((c) => c.code).sort());
      }),
      { numRuns: 300 },
    );
  });

  it('line shares of every basket discount add up to it exactly', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const b = priced(input);
        for (const d of b.discounts) {
          if (d.kind === 'points_multiplier') continue;
          const sum = b.lines.reduce(
            (a, l) =>
              a +
              l.discounts.filter((x) => x.kind === d.kind).reduce((s, x) => s + x.amountCents, 0),
            0,
          );
          expect(sum).toBe(d.amountCents);
        }
        expect(b.lines.reduce((a, l) => a + l.netCents, 0)).toBe(b.totalCents);
      }),
      { numRuns: 300 },
    );
  });

  it('a member never pays more than a non-member for the same basket and coupons', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const asMember = priced({
          ...input,
          member: { id: 'M1', tier: 'regular' },
          pointsToRedeem: 0,
          coupons: [],
        });
        const anon = priced({ ...input, member: null, pointsToRedeem: 0, coupons: [] });
        expect(asMember.totalCents).toBeLessThanOrEqual(anon.totalCents);
      }),
    );
  });

  it('redeems no more points than asked, in whole blocks', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const b = priced(input);
        const rate = input.redeemRate ?? { points: 100, cents: 100 };
        expect(b.pointsRedeemed).toBeLessThanOrEqual(
          input.member ? (input.pointsToRedeem ?? 0) : 0,
        );
        expect(b.pointsRedeemed % rate.points).toBe(0);
      }),
    );
  });
});
