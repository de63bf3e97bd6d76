/**
 * The checkout's cart priced now, from the visit: member points as this kiosk can vouch for them
 * (core/members `memberPoints`), single-use coupons the member already used, staff overrides, and
 * — once paid — the cart exactly as it was charged (a paid cart is never re-priced).
 */
import type { CartView } from '../../../bridge/views';
import { memberPoints, usedCouponsOf } from '../../../core/members';
import type { Coupon, Tier } from '../../../core/rules';
import type { ReadableDB } from '../../../core/store/db';
import { priceCart, type CheckoutBasket } from './checkout-pricing';
import type { Visit } from './visit';

export interface CartDeps {
  visit: Visit;
  read: ReadableDB;
  tiers: readonly Tier[];
  coupons: readonly Coupon[];
  /** Points one member may redeem per store day while the cloud is not reachable. */
  offlinePointsDailyCap: number;
  connectivity(): string;
  now(): Date;
}

export interface PricedCart {
  /** What a payment charges; null once paid, or when the basket cannot be priced. */
  basket: CheckoutBasket | null;
  view: CartView;
}

export function createCart(deps: CartDeps): { price(): PricedCart } {
  const { visit, read } = deps;
  return {
    price() {
      const v = visit.state;
      const points = v.member
        ? memberPoints(read, v.member, {
            now: deps.now(),
            dailyCap: deps.offlinePointsDailyCap,
            online: deps.connectivity() === 'online',
          })
        : null;
      if (v.payment.state === 'paid' && v.paidCart) {
        const view = { ...v.paidCart, payment: v.payment, npsGiven: v.npsGiven };
        return { basket: null, view: { ...view, pointsBalance: points?.balance ?? null } };
      }
      return priceCart(
        {
          lines: v.lines,
          member: v.member
            ? { id: v.member.memberId, tier: v.member.tier, points: points?.allowance ?? 0 }
            : null,
          pointsBalance: points?.balance ?? null,
          couponCodes: v.couponCodes,
          pointsToRedeem: v.pointsToRedeem,
          payment: v.payment,
          npsGiven: v.npsGiven,
          now: deps.now(),
          overrides: v.desk.overrides,
        },
        {
          tiers: deps.tiers,
          coupons: deps.coupons,
          usedCoupons: usedCouponsOf(read, v.member?.memberId ?? null),
        },
      );
    },
  };
}
export type Cart = ReturnType<typeof createCart>;
