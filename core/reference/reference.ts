/**
 * Reference data the screens price with: tiers and coupons from the store database, turned into
 * the pure rules' types. Rows that fail validation are skipped (the importer already refused them).
 */
import { couponFromRecord, tierFromRecord, type Coupon, type Tier } from '../rules';
import type { ReadableDB } from '../store/db';

const asText = (row: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)]));

export function loadTiers(db: ReadableDB): Tier[] {
  return db
    .prepareRead<[], Record<string, unknown>>('SELECT * FROM tiers')
    .all()
    .flatMap((row) => {
      const tier = tierFromRecord(asText(row));
      return tier.ok ? [tier.value] : [];
    });
}

export function loadCoupons(db: ReadableDB): Coupon[] {
  return db
    .prepareRead<[], Record<string, unknown>>('SELECT * FROM coupons')
    .all()
    .flatMap((row) => {
      const coupon = couponFromRecord(asText(row));
      return coupon.ok ? [coupon.value] : [];
    });
}
