/**
 * Single-use coupons a member has already used: here (from their recorded sales) or at any other
 * kiosk (as the cloud reported them, `member_used_coupons`).
 */
import type { ReadableDB } from '../store/db';

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
