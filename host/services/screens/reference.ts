/**
 * Reference data the screens price with: tiers and coupons from the store database, turned into
 * the pure rules' types. Rows that fail validation are skipped (the importer already refused them).
 */
import { couponFromRecord, tierFromRecord, type Coupon, type Tier } from '../../../core/rules';
import type { ReadableDB } from '../../../core/store/db';

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

/**
 * Single-use coupons a member has already used: here (from their recorded sales) or at any other
 * kiosk (as the cloud reported them, `member_used_coupons`).
 */
export function usedCouponsOf(db: ReadableDB, memberId: string | null): Set<string> {
  if (!memberId) return new Set();
  const rows = db
    .prepareRead<[string, string], { code: string }>(
      `SELECT DISTINCT json_each.value AS code FROM outbox, json_each(outbox.args, '$.coupons')
       WHERE outbox.mutation = 'recordSale' AND json_extract(outbox.args, '$.memberId') = ?
       UNION SELECT coupon_code FROM member_used_coupons WHERE member_id = ?`,
    )
    .all(memberId, memberId);
  return new Set(rows.map((r) => r.code));
}
