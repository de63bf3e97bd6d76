/** A member's latest purchased lines: imported history and this kiosk's own completed sales. */
import type { ReadableDB } from '../store/db';

export interface PurchaseLine {
  at: string;
  sku: string;
  qty: number;
  amountCents: number;
}

export function recentPurchases(db: ReadableDB, memberId: string, limit: number): PurchaseLine[] {
  return db
    .prepareRead<[string, string, number], PurchaseLine>(
      `SELECT at, sku, qty, amountCents FROM (
         SELECT h.ts AS at, h.sku AS sku, h.qty AS qty, h.qty * h.unit_price_cents AS amountCents
         FROM history_transactions h WHERE h.member_id = ?
         UNION ALL
         SELECT s.created_at, l.sku, l.qty, l.total_cents
         FROM sales s JOIN sale_lines l ON l.sale_id = s.sale_id
         WHERE s.member_id = ? AND s.status = 'completed')
       ORDER BY at DESC, sku LIMIT ?`,
    )
    .all(memberId, memberId, limit);
}
