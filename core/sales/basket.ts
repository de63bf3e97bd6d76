/**
 * The basket as a checkout charges and records it: core's priced basket (core/rules) whose lines
 * are at shelf price, with a staff price override as a discount line of its own.
 */
import type { Discount, PricedBasket } from '../rules';

export type PriceOverrideReason = 'damaged' | 'price-match' | 'other';

/** A discount line of the checkout: core's kinds plus a staff price override. */
export type SaleDiscount = Omit<Discount, 'kind'> & { kind: Discount['kind'] | 'price-override' };

/**
 * Lines at shelf price (their `netCents` include the override), `subtotalCents` the goods at shelf
 * price, override lines first among the discounts.
 */
export type SaleBasket = Omit<PricedBasket, 'discounts'> & { discounts: SaleDiscount[] };

/** A staff price override as recorded with the sale. */
export interface SaleOverride {
  sku: string;
  fromCents: number;
  toCents: number;
  reason: PriceOverrideReason;
  requestedBy: string;
  approvedBy: string;
}

/** What one coupon took off this basket (points multipliers take nothing off: 0). */
export function couponDiscountCents(basket: SaleBasket, code: string): number {
  return basket.discounts
    .filter((d) => d.code === code && d.kind !== 'price-override' && d.kind !== 'tier')
    .reduce((sum, d) => sum + Math.max(0, d.amountCents), 0);
}
