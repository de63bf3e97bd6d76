/**
 * Basket pricing: member tier discount, coupons, points redemption, in the documented stacking
 * order (docs/pricing.md). Pure: `now` is a parameter, nothing is read from a clock or a database.
 *
 * Guarantees (property-tested in pricing.test.ts):
 * - 0 ≤ totalCents ≤ Σ list amounts; subtotalCents − Σ discounts = totalCents exactly;
 * - every line's discounts add up to its share of each basket discount, exactly;
 * - the result does not depend on the order lines were scanned or coupons presented.
 */
import { couponRejection, rankTiers, storeLocalDate } from './coupons';
import { allocateLargestRemainder, isFen, percentOfFen, percentToBasisPoints } from './money';
import { earnPoints, isValidRedeemRate, redemptionValue } from './points';
import { discountLabel, tierLabel } from './pricing-labels';
import type {
  BasketLine,
  Discount,
  DiscountKind,
  PricedBasket,
  PricedLine,
  PricingErrorCode,
  PricingInput,
} from './pricing-types';
import { DEFAULT_REDEEM_RATE, type Coupon, type Label, type RuleResult, type Tier } from './types';

export type * from './pricing-types';

/** Fixed stacking slots: at most one coupon per slot; the best one for the customer wins. */
const SLOT_OF: Record<Coupon['kind'], 'percent' | 'cash' | 'multiplier'> = {
  percent: 'percent',
  amount: 'cash',
  threshold: 'cash',
  points_multiplier: 'multiplier',
};

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function lineError(i: number, message: string): RuleResult<never, PricingErrorCode> {
  return { ok: false, error: { code: 'invalid-line', message: `line ${i + 1}: ${message}` } };
}

function validateLines(lines: readonly BasketLine[]): RuleResult<true, PricingErrorCode> {
  for (const [i, l] of lines.entries()) {
    if (!l.sku) return lineError(i, 'sku missing');
    if (!Number.isSafeInteger(l.qty) || l.qty <= 0)
      return lineError(i, 'qty must be a whole number ≥ 1');
    if (!isFen(l.unitPriceCents) || !isFen(l.listPriceCents))
      return lineError(i, 'prices must be whole fen ≥ 0');
    if (l.unitPriceCents > l.listPriceCents) return lineError(i, 'selling price above list price');
    if (!Number.isSafeInteger(l.qty * l.listPriceCents)) return lineError(i, 'amount too large');
  }
  return { ok: true, value: true };
}

/** Line indices in a canonical order (by content, then position) so allocations ignore scan order. */
function canonicalOrder(lines: readonly BasketLine[]): number[] {
  return lines
    .map((_, i) => i)
    .sort((a, b) => {
      const x = lines[a] as BasketLine;
      const y = lines[b] as BasketLine;
      return (
        byText(x.sku, y.sku) ||
        byText(x.styleId, y.styleId) ||
        x.unitPriceCents - y.unitPriceCents ||
        x.listPriceCents - y.listPriceCents ||
        x.qty - y.qty ||
        a - b
      );
    });
}

/** Picks the best coupon of a slot: highest value, then lowest code. */
function best(coupons: Coupon[]): Coupon | undefined {
  return [...coupons].sort((a, b) => b.value - a.value || byText(a.code, b.code))[0];
}

/**
 * Prices a basket. Input problems (bad line, unknown tier, bad points request) give a typed error;
 * coupon problems never do: each unusable coupon is listed in rejectedCoupons with its reason.
 */
export function priceBasket(input: PricingInput): RuleResult<PricedBasket, PricingErrorCode> {
  const checked = validateLines(input.lines);
  if (!checked.ok) return checked;
  if (Number.isNaN(input.now.getTime()))
    return { ok: false, error: { code: 'invalid-date', message: 'now is not a valid date' } };
  const rate = input.redeemRate ?? DEFAULT_REDEEM_RATE;
  const wantPoints = input.pointsToRedeem ?? 0;
  if (!Number.isSafeInteger(wantPoints) || wantPoints < 0 || !isValidRedeemRate(rate)) {
    return {
      ok: false,
      error: {
        code: 'invalid-points',
        message: 'points to redeem must be a whole number ≥ 0 with a positive rate',
      },
    };
  }
  if (wantPoints > 0 && !input.member) {
    return {
      ok: false,
      error: { code: 'member-required', message: 'only members can redeem points' },
    };
  }
  let tier: Tier | undefined;
  let tierBp = 0;
  if (input.member) {
    const memberTier = input.member.tier;
    tier = rankTiers(input.tiers).find((t) => t.tier === memberTier);
    if (!tier)
      return { ok: false, error: { code: 'unknown-tier', message: `unknown tier ${memberTier}` } };
    const bp = percentToBasisPoints(tier.discountPct);
    if (bp === undefined)
      return {
        ok: false,
        error: { code: 'invalid-tier', message: `tier ${tier.tier} discount must be 0..100 %` },
      };
    tierBp = bp;
  }

  const lines: PricedLine[] = input.lines.map((l) => ({
    ...l,
    listAmountCents: l.qty * l.listPriceCents,
    amountCents: l.qty * l.unitPriceCents,
    markdownCents: l.qty * (l.listPriceCents - l.unitPriceCents),
    discounts: [],
    netCents: l.qty * l.unitPriceCents,
  }));
  // Unit price after the percentage steps: percentages apply per unit (the one rounding rule).
  const unitNet = input.lines.map((l) => l.unitPriceCents);
  const discounts: Discount[] = [];
  const subtotalCents = lines.reduce((a, l) => a + l.amountCents, 0);

  const applyPercent = (kind: DiscountKind, bp: number, label: Label, code?: string) => {
    let total = 0;
    lines.forEach((line, i) => {
      const unitOff = percentOfFen(unitNet[i] ?? 0, bp);
      unitNet[i] = (unitNet[i] ?? 0) - unitOff;
      const off = unitOff * line.qty;
      total += off;
      line.discounts.push(
        code === undefined ? { kind, amountCents: off } : { kind, code, amountCents: off },
      );
      line.netCents -= off;
    });
    discounts.push(
      code === undefined
        ? { kind, label, amountCents: total }
        : { kind, code, label, amountCents: total },
    );
  };
  const order = canonicalOrder(input.lines);
  const applyFixed = (
    kind: DiscountKind,
    amount: number,
    label: Label,
    code?: string,
    points?: number,
  ) => {
    const shares = allocateLargestRemainder(
      amount,
      order.map((i) => lines[i]?.netCents ?? 0),
    );
    order.forEach((lineIndex, k) => {
      const line = lines[lineIndex] as PricedLine;
      const off = shares[k] ?? 0;
      line.discounts.push(
        code === undefined ? { kind, amountCents: off } : { kind, code, amountCents: off },
      );
      line.netCents -= off;
    });
    const d: Discount = { kind, label, amountCents: amount };
    if (code !== undefined) d.code = code;
    if (points !== undefined) d.points = points;
    discounts.push(d);
  };
  const remaining = () => lines.reduce((a, l) => a + l.netCents, 0);

  // 1. Member tier discount.
  if (tier && tierBp > 0) applyPercent('tier', tierBp, tierLabel(tier, tierBp));

  // Coupon eligibility, in code order so the outcome ignores presentation order.
  const today = storeLocalDate(input.now, input.timeZone);
  // Same code twice with different definitions is bad input; sorting by content keeps it deterministic.
  const presented = input.coupons
    .map((app) => ({ app, key: JSON.stringify(app.coupon ?? null) }))
    .sort((a, b) => byText(a.app.code, b.app.code) || byText(a.key, b.key));
  const rejectedCoupons: PricedBasket['rejectedCoupons'] = [];
  const seen = new Set<string>();
  const slots = { percent: [] as Coupon[], cash: [] as Coupon[], multiplier: [] as Coupon[] };
  for (const { app } of presented) {
    if (seen.has(app.code)) {
      rejectedCoupons.push({ code: app.code, reason: 'duplicate' });
      continue;
    }
    seen.add(app.code);
    const reason = couponRejection(app, {
      member: input.member,
      tiers: input.tiers,
      today,
      usedCoupons: input.usedCoupons,
      goodsCents: subtotalCents,
    });
    if (reason !== undefined || !app.coupon)
      rejectedCoupons.push({ code: app.code, reason: reason ?? 'unknown-coupon' });
    else slots[SLOT_OF[app.coupon.kind]].push(app.coupon);
  }
  const chosen = {
    percent: best(slots.percent),
    cash: best(slots.cash),
    multiplier: best(slots.multiplier),
  };
  for (const slot of ['percent', 'cash', 'multiplier'] as const) {
    for (const c of slots[slot])
      if (c !== chosen[slot]) rejectedCoupons.push({ code: c.code, reason: 'not-stackable' });
  }
  rejectedCoupons.sort((a, b) => byText(a.code, b.code));

  // 2. Percent coupon, on the unit price after the member discount.
  if (chosen.percent) {
    applyPercent(
      'percent',
      percentToBasisPoints(chosen.percent.value) ?? 0,
      chosen.percent.title,
      chosen.percent.code,
    );
  }
  // 3. Amount or threshold coupon (one per basket), never more than what is left to pay.
  if (chosen.cash) {
    applyFixed(
      chosen.cash.kind,
      Math.min(chosen.cash.value, remaining()),
      chosen.cash.title,
      chosen.cash.code,
    );
  }
  // 4. Points multiplier: a printable line worth 0 fen.
  const pointsMultiplier = chosen.multiplier?.value ?? 1;
  if (chosen.multiplier) {
    discounts.push({
      kind: 'points_multiplier',
      code: chosen.multiplier.code,
      label: chosen.multiplier.title,
      amountCents: 0,
    });
  }
  // 5. Points redemption, in whole blocks, capped by what is left to pay.
  const redeemed = redemptionValue(wantPoints, rate, remaining());
  if (redeemed.pointsUsed > 0)
    applyFixed(
      'points',
      redeemed.valueCents,
      discountLabel.points(redeemed.pointsUsed),
      undefined,
      redeemed.pointsUsed,
    );

  const totalCents = remaining();
  const appliedCoupons = [chosen.percent, chosen.cash, chosen.multiplier].flatMap((c) =>
    c ? [c.code] : [],
  );
  return {
    ok: true,
    value: {
      lines,
      listTotalCents: lines.reduce((a, l) => a + l.listAmountCents, 0),
      subtotalCents,
      discounts,
      totalCents,
      appliedCoupons,
      rejectedCoupons,
      pointsMultiplier,
      pointsRedeemed: redeemed.pointsUsed,
      pointsEarned: tier ? earnPoints(totalCents, tier.pointsPerYuan, pointsMultiplier) : 0,
    },
  };
}
