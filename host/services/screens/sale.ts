/**
 * Records a paid self-checkout sale: the sale, its lines, the payment, the points ledger entries
 * and their outbox rows (recordSale, redeemPoints, earnPoints) all commit in ONE transaction, so
 * the cloud hears of exactly the sales this kiosk kept. Idempotency keys derive from the sale id.
 */
import { randomUUID } from 'node:crypto';
import { enqueue } from '../../../core/outbox/outbox';
import type { PricedBasket } from '../../../core/rules';
import type { WritableDB } from '../../../core/store/db';

export interface SaleInput {
  saleId?: string;
  sessionId: string | null;
  storeId: string;
  memberId: string | null;
  basket: PricedBasket;
  method: 'wechat' | 'alipay';
  providerRef: string;
  now: Date;
  hlc: () => string;
}

export function recordSale(db: WritableDB, input: SaleInput): { saleId: string } {
  const saleId = input.saleId ?? randomUUID();
  const at = input.now.toISOString();
  const { basket } = input;
  const discountCents = basket.subtotalCents - basket.totalCents;
  db.transaction(() => {
    db.prepare(
      `INSERT INTO sales (sale_id, session_id, store_id, member_id, staff_id, status,
         subtotal_cents, discount_cents, total_cents, created_at)
       VALUES (?, ?, ?, ?, NULL, 'completed', ?, ?, ?, ?)`,
    ).run(
      saleId,
      input.sessionId,
      input.storeId,
      input.memberId,
      basket.subtotalCents,
      discountCents,
      basket.totalCents,
      at,
    );
    const line = db.prepare(
      `INSERT INTO sale_lines (sale_id, line_no, sku, qty, unit_price_cents, discount_cents, total_cents)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    basket.lines.forEach((l, i) =>
      line.run(
        saleId,
        i + 1,
        l.sku,
        l.qty,
        l.unitPriceCents,
        l.amountCents - l.netCents,
        l.netCents,
      ),
    );
    db.prepare(
      `INSERT INTO payments (payment_id, sale_id, method, amount_cents, provider_ref, status, created_at)
       VALUES (?, ?, ?, ?, ?, 'captured', ?)`,
    ).run(randomUUID(), saleId, input.method, basket.totalCents, input.providerRef, at);
    enqueue(
      db,
      {
        name: 'recordSale',
        version: 1,
        idempotencyKey: `recordSale:${saleId}`,
        args: {
          saleId,
          storeId: input.storeId,
          memberId: input.memberId,
          lines: basket.lines.map((l) => ({
            sku: l.sku,
            qty: l.qty,
            unitPriceCents: l.unitPriceCents,
            netCents: l.netCents,
          })),
          coupons: basket.appliedCoupons,
          subtotalCents: basket.subtotalCents,
          totalCents: basket.totalCents,
          payment: { method: input.method, providerRef: input.providerRef },
          at,
        },
        hlc: input.hlc(),
      },
      input.now,
    );
    if (!input.memberId) return;
    const ledger = db.prepare(
      `INSERT INTO points_ledger (entry_id, member_id, sale_id, delta, reason, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const points: Array<['redeem' | 'earn', number]> = [
      ['redeem', -basket.pointsRedeemed],
      ['earn', basket.pointsEarned],
    ];
    for (const [reason, delta] of points) {
      if (delta === 0) continue;
      ledger.run(randomUUID(), input.memberId, saleId, delta, reason, at);
      enqueue(
        db,
        {
          name: reason === 'redeem' ? 'redeemPoints' : 'earnPoints',
          version: 1,
          idempotencyKey: `${reason}Points:${saleId}`,
          args: { memberId: input.memberId, saleId, points: Math.abs(delta) },
          hlc: input.hlc(),
        },
        input.now,
      );
    }
  });
  return { saleId };
}
