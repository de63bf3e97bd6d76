/**
 * The cart as the shopper sees it: every line, every discount line from core/rules `priceBasket`
 * (tier, coupons, points), the coupons on offer and how many points this sale can use.
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
import type { CartView, PaymentState } from '../../../bridge/views';

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

export function priceCart(
  input: CartInput,
  data: PricingData,
): { basket: PricedBasket | null; view: CartView } {
  const member = input.member ? { id: input.member.id, tier: input.member.tier } : null;
  const lines = input.lines.map(toBasketLine);
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
  const redeemable =
    withoutPoints.ok && input.member
      ? Math.min(input.member.points, pointsWorth(withoutPoints.value.totalCents))
      : 0;
  const points = Math.min(input.pointsToRedeem, redeemable);
  const priced = points > 0 ? priceBasket({ ...base, pointsToRedeem: points }) : withoutPoints;
  const basket = priced.ok ? priced.value : null;
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
      subtotalCents: basket?.subtotalCents ?? subtotal,
      discounts: (basket?.discounts ?? []).map((d) => ({
        kind: d.kind,
        code: d.code ?? null,
        label: d.label,
        amountCents: d.amountCents,
        points: d.points ?? null,
      })),
      totalCents: basket?.totalCents ?? subtotal,
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
