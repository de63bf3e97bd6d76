/**
 * Coupon eligibility: validity window (store-local dates, inclusive), member and minimum tier,
 * single use, minimum spend. Stacking (which eligible coupons apply together) lives in pricing.ts.
 */
import type { Coupon, CouponApplication, CouponRejection, MemberRef, Tier } from './types';

export const STORE_TIME_ZONE = 'Asia/Shanghai';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date ('YYYY-MM-DD') at instant `now` in the store's time zone. */
export function storeLocalDate(now: Date, timeZone: string = STORE_TIME_ZONE): string {
  let fmt = dateFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormats.set(timeZone, fmt);
  }
  const parts = fmt.formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Tiers ordered lowest first (by minimum annual spend, then id, so the order never depends on input order). */
export function rankTiers(tiers: readonly Tier[]): Tier[] {
  return [...tiers].sort(
    (a, b) =>
      a.minAnnualSpendYuan - b.minAnnualSpendYuan ||
      (a.tier < b.tier ? -1 : a.tier > b.tier ? 1 : 0),
  );
}

/** Rank of a tier id (0 = lowest) or -1 when unknown. */
export function tierRank(tiers: readonly Tier[], tier: string): number {
  return rankTiers(tiers).findIndex((t) => t.tier === tier);
}

export interface CouponContext {
  member: MemberRef | null;
  tiers: readonly Tier[];
  /** Store-local date of the sale. */
  today: string;
  /** Codes of single-use coupons this member has already used. */
  usedCoupons: ReadonlySet<string>;
  /** Goods subtotal at selling prices (fen); omit to skip the minimum-spend check. */
  goodsCents?: number | undefined;
}

/**
 * Why `app` cannot be used in `ctx`, or undefined when it can. Checks run in a fixed order, so a
 * coupon that fails several gets the same reason every time: unknown, already used, dates,
 * member, tier, minimum spend. A coupon naming an unknown minimum tier counts as tier-too-low.
 */
export function couponRejection(
  app: CouponApplication,
  ctx: CouponContext,
): CouponRejection | undefined {
  const c = app.coupon;
  if (!c || c.code !== app.code) return 'unknown-coupon';
  if (c.singleUse && ctx.usedCoupons.has(c.code)) return 'already-used';
  if (ctx.today < c.validFrom) return 'not-yet-valid';
  if (ctx.today > c.validTo) return 'expired';
  if (!ctx.member) return 'member-required';
  const need = tierRank(ctx.tiers, c.minTier);
  const have = tierRank(ctx.tiers, ctx.member.tier);
  if (need < 0 || have < need) return 'tier-too-low';
  if (ctx.goodsCents !== undefined && ctx.goodsCents < c.minSpendCents) return 'below-min-spend';
  return undefined;
}

export interface IneligibleCoupon {
  coupon: Coupon;
  reason: CouponRejection;
  /** For below-min-spend: how much more (fen) the member must buy. */
  shortfallCents?: number;
}

/**
 * The coupons a member can use now (for the "your coupons" list), and the others with the reason.
 * Stacking is not judged here: two eligible percent coupons are both listed, pricing picks one.
 * Both lists are sorted by code.
 */
export function eligibleCoupons(
  coupons: readonly Coupon[],
  ctx: CouponContext,
): { eligible: Coupon[]; ineligible: IneligibleCoupon[] } {
  const eligible: Coupon[] = [];
  const ineligible: IneligibleCoupon[] = [];
  const sorted = [...coupons].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const coupon of sorted) {
    const reason = couponRejection({ code: coupon.code, coupon }, ctx);
    if (reason === undefined) eligible.push(coupon);
    else if (reason === 'below-min-spend') {
      ineligible.push({
        coupon,
        reason,
        shortfallCents: coupon.minSpendCents - (ctx.goodsCents ?? 0),
      });
    } else ineligible.push({ coupon, reason });
  }
  return { eligible, ineligible };
}
