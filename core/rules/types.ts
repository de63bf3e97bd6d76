/** Shared shapes of the pure domain rules. Money is integer fen; dates are store-local 'YYYY-MM-DD'. */

import type { Result } from '../../common/result';
export interface Label {
  zh: string;
  en: string;
}

/** A membership tier (fixtures/demo-store/tiers.csv). Tiers rank by `minAnnualSpendYuan`. */
export interface Tier {
  tier: string;
  name: Label;
  /** Percent off the selling price, 0..100, at most two decimals. */
  discountPct: number;
  /** Points earned per whole yuan paid. */
  pointsPerYuan: number;
  minAnnualSpendYuan: number;
}

export const COUPON_KINDS = ['amount', 'percent', 'threshold', 'points_multiplier'] as const;
export type CouponKind = (typeof COUPON_KINDS)[number];

/** A coupon definition (fixtures/demo-store/coupons.csv). */
export interface Coupon {
  code: string;
  title: Label;
  kind: CouponKind;
  /** amount / threshold: fen off; percent: percent off (20 = 20 %); points_multiplier: factor. */
  value: number;
  /** Minimum goods subtotal (selling prices, before member and coupon discounts), in fen. */
  minSpendCents: number;
  /** First and last valid store-local dates, inclusive. */
  validFrom: string;
  validTo: string;
  minTier: string;
  singleUse: boolean;
}

/** A coupon as presented at the till: the scanned code and, when the store knows it, its definition. */
export interface CouponApplication {
  code: string;
  coupon?: Coupon | undefined;
}

export interface MemberRef {
  id: string;
  tier: string;
}

/** Closed list of reasons a presented coupon is not applied. */
export const COUPON_REJECTIONS = [
  'unknown-coupon',
  'duplicate',
  'already-used',
  'not-yet-valid',
  'expired',
  'member-required',
  'tier-too-low',
  'below-min-spend',
  'not-stackable',
] as const;
export type CouponRejection = (typeof COUPON_REJECTIONS)[number];

/** Points ↔ money: `points` points are worth `cents` fen (default 100 points = ¥1). */
export interface RedeemRate {
  points: number;
  cents: number;
}

export const DEFAULT_REDEEM_RATE: RedeemRate = { points: 100, cents: 100 };

/** The one Result shape (common/result.ts), closed over a rule's error codes. */
export type RuleResult<T, C extends string = string> = Result<T, C>;
