/**
 * Records a paid self-checkout sale: the sale, its lines, the payment, the points ledger entries
 * and their outbox rows (recordSale, redeemCoupon per applied coupon, redeemPoints, earnPoints) all
 * commit in ONE transaction, so the cloud hears of exactly the sales this kiosk kept. Idempotency
 * keys derive from the sale id (and the coupon code).
 * Staff price overrides are kept with the sale (`sale_price_overrides`: from, to, reason, who
 * asked, who approved) and travel in the recordSale arguments.
 */
import { randomUUID } from 'node:crypto';
import { enqueue } from '../outbox/outbox';
import type { WritableDB } from '../store/db';
import { couponDiscountCents, type SaleBasket, type SaleOverride } from './basket';

export interface SaleInput {
  saleId?: string;
  sessionId: string | null;
  storeId: string;
  memberId: string | null;
  basket: SaleBasket;
  /** Overrides applied to this basket's lines (others are ignored). */
  overrides?: readonly SaleOverride[];
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
  const skus = new Set(basket.lines.map((l) => l.sku));
  const overrides = (input.overrides ?? []).filter((o) => skus.has(o.sku));
  db.transaction(() => {
    db.prepare(
      `INSERT INTO sales (sale_id, session_id, store_id, member_id, staff_id, status,
         subtotal_cents, discount_cents, total_cents, created_at)
       VALUES (?, ?, ?, ?, ?, 'completed', ?, ?, ?, ?)`,
    ).run(
      saleId,
      input.sessionId,
      input.storeId,
      input.memberId,
      overrides[0]?.approvedBy ?? null,
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
    const override = db.prepare(
      `INSERT INTO sale_price_overrides (sale_id, sku, from_cents, to_cents, reason, requested_by,
         approved_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const o of overrides)
      override.run(
        saleId,
        o.sku,
        o.fromCents,
        o.toCents,
        o.reason,
        o.requestedBy,
        o.approvedBy,
        at,
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
            // recordSale v1 (sync/protocol) wants the line's discount, not its net amount.
            discountCents: Math.max(0, l.qty * l.unitPriceCents - l.netCents),
          })),
          coupons: basket.appliedCoupons,
          overrides: overrides.map((o) => ({
            sku: o.sku,
            fromCents: o.fromCents,
            toCents: o.toCents,
            reason: o.reason,
            approvedBy: o.approvedBy,
          })),
          subtotalCents: basket.subtotalCents,
          totalCents: basket.totalCents,
          payment: { method: input.method, providerRef: input.providerRef },
          payments: [{ method: input.method, amountCents: basket.totalCents }],
          at,
          soldAt: at,
        },
        hlc: input.hlc(),
      },
      input.now,
    );
    if (!input.memberId) return;
    // Every applied coupon is redeemed in the cloud too, so a single-use one is single-use across
    // kiosks; a refusal comes back as a compensation and a staff task (sync/apply-results.ts).
    for (const code of basket.appliedCoupons) {
      enqueue(
        db,
        {
          name: 'redeemCoupon',
          version: 1,
          idempotencyKey: `redeemCoupon:${saleId}:${code}`,
          args: {
            redemptionId: `${saleId}:${code}`,
            couponCode: code,
            memberId: input.memberId,
            saleId,
            discountCents: couponDiscountCents(basket, code),
          },
          hlc: input.hlc(),
        },
        input.now,
      );
    }
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
          // One earn and one redemption per sale at most: the sale id names each (protocol v1).
          args: {
            ...(reason === 'redeem' ? { redemptionId: saleId } : { earnId: saleId }),
            memberId: input.memberId,
            saleId,
            points: Math.abs(delta),
          },
          hlc: input.hlc(),
        },
        input.now,
      );
    }
  });
  return { saleId };
}
