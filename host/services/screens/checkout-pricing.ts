/**
 * The cart as the shopper sees it: every line, every discount line from core/rules `priceBasket`
 * (tier, coupons, points), the coupons on offer and how many points this sale can use.
 *
 * A staff price override lowers a line's selling price before `priceBasket` runs (so every later
 * discount applies to the overridden price, per line, whatever the scan order), and comes back as
 * its own printable discount line: goods at shelf price − override − the usual discounts = total.
 */
import type { CatalogItem } from '../../../core/catalog/lookup';
import {
  DEFAULT_REDEEM_RATE,
  eligibleCoupons,
  priceBasket,
  storeLocalDate,
  type Coupon,
  type MemberRef,
  type PricedBasket,
  type Tier,
} from '../../../core/rules';
import type { CartView, PaymentState, PriceOverrideReason } from '../../../bridge/views';
import type { SaleBasket, SaleDiscount } from '../../../core/sales';

export interface CartLineState {
  item: CatalogItem;
  qty: number;
}

export interface PricingData {
  tiers: readonly Tier[];
  coupons: readonly Coupon[];
  usedCoupons: ReadonlySet<string>;
}

export interface CartInput {
  lines: readonly CartLineState[];
  member: (MemberRef & { points: number }) | null;
  couponCodes: ReadonlySet<string>;
  pointsToRedeem: number;
  payment: PaymentState;
  npsGiven: boolean;
  now: Date;
  /** The member's balance to show (synced + this kiosk's unacknowledged entries); null without one. */
  pointsBalance?: number | null;
  /** Applied staff price overrides by SKU: the line's new unit price and why. */
  overrides?: ReadonlyMap<string, { toCents: number; reason: PriceOverrideReason }>;
}

/** The basket as charged and recorded (core/sales). */
export type CheckoutBasket = SaleBasket;
type CheckoutDiscount = SaleDiscount;

const reasonLabels: Record<PriceOverrideReason, { zh: string; en: string }> = {
  damaged: { zh: '破损', en: 'damaged' },
  'price-match': { zh: '价格匹配', en: 'price match' },
  other: { zh: '其他', en: 'other' },
};

/** The override's unit price when it is a valid reduction (0 ≤ new < selling price), else none. */
export function overrideUnit(item: CatalogItem, toCents: number | undefined): number | null {
  if (toCents === undefined || !Number.isInteger(toCents)) return null;
  return toCents >= 0 && toCents < item.priceCents ? toCents : null;
}

/** Puts the shelf prices back on the lines and the override lines in front of the discounts. */
function withOverrideLines(
  basket: PricedBasket,
  lines: readonly CartLineState[],
  overrides: CartInput['overrides'],
): CheckoutBasket {
  const overrideLines: CheckoutDiscount[] = [];
  let overrideTotal = 0;
  const pricedLines = basket.lines.map((line, i) => {
    const state = lines[i];
    if (!state || state.item.sku !== line.sku) return line;
    const override = overrides?.get(line.sku);
    const unit = overrideUnit(state.item, override?.toCents);
    if (unit === null || !override) return line;
    const cents = (state.item.priceCents - unit) * line.qty;
    overrideTotal += cents;
    const reason = reasonLabels[override.reason];
    overrideLines.push({
      kind: 'price-override',
      code: line.sku,
      label: {
        zh: `改价（${reason.zh}）${state.item.nameZh}`,
        en: `Price override (${reason.en}) ${state.item.nameEn}`,
      },
      amountCents: cents,
    });
    return {
      ...line,
      unitPriceCents: state.item.priceCents,
      amountCents: state.item.priceCents * line.qty,
    };
  });
  return {
    ...basket,
    lines: pricedLines,
    subtotalCents: basket.subtotalCents + overrideTotal,
    discounts: [...overrideLines, ...basket.discounts],
  };
}

const toBasketLine = ({ item, qty }: CartLineState) => ({
  sku: item.sku,
  styleId: item.styleId,
  qty,
  unitPriceCents: item.priceCents,
  // A markdown above the tag price would be bad data; never let it fail the whole basket.
  listPriceCents: Math.max(item.listPriceCents, item.priceCents),
});

/** Points worth at most `cents`, in whole redeem-rate steps. */
function pointsWorth(cents: number): number {
  const rate = DEFAULT_REDEEM_RATE;
  return Math.floor(cents / rate.cents) * rate.points;
}

/** `points` rounded down to whole redeem-rate units (a multiple of rate.points, never negative). */
export function wholeUnits(points: number): number {
  const unit = DEFAULT_REDEEM_RATE.points;
  return Number.isFinite(points) && points > 0 ? Math.floor(points / unit) * unit : 0;
}

export function priceCart(
  input: CartInput,
  data: PricingData,
): { basket: CheckoutBasket | null; view: CartView } {
  const member = input.member ? { id: input.member.id, tier: input.member.tier } : null;
  const lines = input.lines.map((state) => {
    const line = toBasketLine(state);
    const unit = overrideUnit(state.item, input.overrides?.get(state.item.sku)?.toCents);
    return unit === null ? line : { ...line, unitPriceCents: unit };
  });
  const subtotal = lines.reduce((sum, l) => sum + l.qty * l.unitPriceCents, 0);
  const offered = eligibleCoupons(data.coupons, {
    member,
    tiers: data.tiers,
    today: storeLocalDate(input.now),
    usedCoupons: data.usedCoupons,
    goodsCents: subtotal,
  }).eligible;
  const applied = offered.filter((c) => input.couponCodes.has(c.code));
  const base = {
    lines,
    member,
    tiers: data.tiers,
    coupons: applied.map((coupon) => ({ code: coupon.code, coupon })),
    now: input.now,
    usedCoupons: data.usedCoupons,
  };
  const withoutPoints = priceBasket(base);
  // Whole redemption units only: 60 points (under one unit of 100 = ¥1) redeem nothing, so the
  // checkout never offers them (the button hides at 0).
  const redeemable =
    withoutPoints.ok && input.member
      ? wholeUnits(Math.min(input.member.points, pointsWorth(withoutPoints.value.totalCents)))
      : 0;
  const points = wholeUnits(Math.min(input.pointsToRedeem, redeemable));
  const priced = points > 0 ? priceBasket({ ...base, pointsToRedeem: points }) : withoutPoints;
  const basket = priced.ok ? withOverrideLines(priced.value, input.lines, input.overrides) : null;
  const shelfSubtotal = input.lines.reduce((sum, l) => sum + l.qty * l.item.priceCents, 0);
  return {
    basket,
    view: {
      lines: input.lines.map(({ item, qty }) => ({
        sku: item.sku,
        name: { zh: item.nameZh, en: item.nameEn },
        color: { code: item.colorCode, zh: item.colorZh, en: item.colorEn },
        size: item.size,
        qty,
        unitPriceCents: item.priceCents,
        amountCents: qty * item.priceCents,
      })),
      subtotalCents: basket?.subtotalCents ?? shelfSubtotal,
      discounts: (basket?.discounts ?? []).map((d) => ({
        kind: d.kind,
        code: d.code ?? null,
        label: d.label,
        amountCents: d.amountCents,
        points: d.points ?? null,
      })),
      totalCents: basket?.totalCents ?? shelfSubtotal,
      coupons: offered.map((c) => ({
        code: c.code,
        title: c.title,
        applied: basket?.appliedCoupons.includes(c.code) ?? false,
      })),
      pointsToRedeem: basket?.pointsRedeemed ?? 0,
      pointsRedeemable: redeemable,
      pointsEarned: basket?.pointsEarned ?? 0,
      payment: input.payment,
      npsGiven: input.npsGiven,
      pointsBalance: input.pointsBalance ?? null,
    },
  };
}

/** The member's price for one garment (tier discount only), or null when it is not lower. */
export function memberPrice(
  item: CatalogItem,
  member: MemberRef | null,
  tiers: readonly Tier[],
  now: Date,
): number | null {
  if (!member) return null;
  const priced = priceBasket({
    lines: [toBasketLine({ item, qty: 1 })],
    member,
    tiers,
    coupons: [],
    now,
    usedCoupons: new Set(),
  });
  return priced.ok && priced.value.totalCents < item.priceCents ? priced.value.totalCents : null;
}
