/** Sales at the self-checkout: the basket as charged, the sale with its outbox rows, the NPS answer. */
export {
  couponDiscountCents,
  type PriceOverrideReason,
  type SaleBasket,
  type SaleDiscount,
  type SaleOverride,
} from './basket';
export { recordNps, type NpsInput } from './nps';
export { recentPurchases, type PurchaseLine } from './purchases';
export { recordSale, type SaleInput } from './sale';
