/** Input and output shapes of priceBasket (pricing.ts). Money is integer fen. */
import type {
  CouponApplication,
  CouponRejection,
  Label,
  MemberRef,
  RedeemRate,
  Tier,
} from './types';

export interface BasketLine {
  sku: string;
  styleId: string;
  qty: number;
  /** Selling price now (list price less any markdown), fen. */
  unitPriceCents: number;
  /** Tag (list) price, fen; ≥ unitPriceCents. */
  listPriceCents: number;
}

export interface PricingInput {
  lines: readonly BasketLine[];
  member: MemberRef | null;
  tiers: readonly Tier[];
  coupons: readonly CouponApplication[];
  now: Date;
  /** Codes of single-use coupons this member already used. */
  usedCoupons: ReadonlySet<string>;
  pointsToRedeem?: number | undefined;
  redeemRate?: RedeemRate | undefined;
  /** Store time zone for coupon dates; default Asia/Shanghai. */
  timeZone?: string | undefined;
}

export type DiscountKind =
  'tier' | 'percent' | 'amount' | 'threshold' | 'points_multiplier' | 'points';

/** One printable receipt line. points_multiplier lines carry 0 fen (they change points, not money). */
export interface Discount {
  kind: DiscountKind;
  code?: string;
  label: Label;
  amountCents: number;
  /** For kind 'points': points used. */
  points?: number;
}

export interface LineDiscount {
  kind: DiscountKind;
  code?: string;
  amountCents: number;
}

export interface PricedLine extends BasketLine {
  listAmountCents: number;
  /** qty × unit price: the line at selling price. */
  amountCents: number;
  markdownCents: number;
  /** This line's share of each basket discount, in stacking order. */
  discounts: LineDiscount[];
  /** amountCents − Σ discounts: what this line is paid (used for refunds). */
  netCents: number;
}

export interface PricedBasket {
  /** Same order as the input lines. */
  lines: PricedLine[];
  listTotalCents: number;
  /** Goods at selling price: Σ qty × unit price (what thresholds are judged on). */
  subtotalCents: number;
  /** In stacking order. */
  discounts: Discount[];
  totalCents: number;
  appliedCoupons: string[];
  rejectedCoupons: { code: string; reason: CouponRejection }[];
  pointsMultiplier: number;
  pointsRedeemed: number;
  /** Points this sale earns (on totalCents, after redemption). 0 without a member. */
  pointsEarned: number;
}

export type PricingErrorCode =
  | 'invalid-line'
  | 'invalid-date'
  | 'unknown-tier'
  | 'invalid-tier'
  | 'invalid-points'
  | 'member-required';
