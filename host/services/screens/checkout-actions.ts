/**
 * Self-checkout: the cart, coupons, points, payment by scanned payment code, the sale with its
 * outbox rows in one transaction, the receipt, and the one optional "recommend us" question.
 * A failed or offline payment never loses the cart: the shopper gets a pay-at-the-counter slip.
 */
import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import type { CatalogItem } from '../../../core/catalog/lookup';
import type { Coupon } from '../../../core/rules';
import type { ReadableDB } from '../../../core/store/db';
import { renderSaleReceipt } from '../../../device/printer';
import { memberPoints, usedCouponsOf } from '../../../core/members';
import { recordNps, recordSale } from '../../../core/sales';
import { priceCart } from './checkout-pricing';
import type { PaymentProvider } from './payment';
import type { ScreenCore } from './screen-service';

const MAX_QTY = 99;

export function createCheckoutActions(
  core: ScreenCore,
  deps: { coupons: readonly Coupon[]; read: ReadableDB; payments: PaymentProvider },
) {
  const { db, config, log } = core.options;
  const open = () => core.visit.payment.state === 'open' || core.visit.payment.state === 'declined';

  function price() {
    const v = core.visit;
    const points = v.member
      ? memberPoints(deps.read, v.member, {
          now: core.now(),
          dailyCap: core.screen.offlinePointsDailyCap,
          online: core.options.connectivity?.() === 'online',
        })
      : null;
    if (v.payment.state === 'paid' && v.paidCart) {
      const view = { ...v.paidCart, payment: v.payment, npsGiven: v.npsGiven };
      return { basket: null, view: { ...view, pointsBalance: points?.balance ?? null } };
    }
    return priceCart(
      {
        lines: v.lines,
        member: v.member
          ? { id: v.member.memberId, tier: v.member.tier, points: points?.allowance ?? 0 }
          : null,
        pointsBalance: points?.balance ?? null,
        couponCodes: v.couponCodes,
        pointsToRedeem: v.pointsToRedeem,
        payment: v.payment,
        npsGiven: v.npsGiven,
        now: core.now(),
        overrides: core.desk.overrides,
      },
      {
        tiers: core.tiers,
        coupons: deps.coupons,
        usedCoupons: usedCouponsOf(deps.read, v.member?.memberId ?? null),
      },
    );
  }

  function setQty(sku: string, qty: number): void {
    const line = core.visit.lines.find((l) => l.item.sku === sku);
    if (!line || !open()) return;
    if (qty < line.qty && core.screen.removeNeedsStaff && !core.visit.staff) {
      askRemoval(line.item);
      return;
    }
    if (qty <= 0) core.visit.lines = core.visit.lines.filter((l) => l !== line);
    else line.qty = Math.min(qty, MAX_QTY);
  }

  function askRemoval(item: CatalogItem): void {
    const waiting = [...core.visit.removals.values()].includes(item.sku);
    if (waiting) return;
    const approval = core.queue.ask({
      kind: 'remove-item',
      sku: item.sku,
      name: { zh: item.nameZh, en: item.nameEn },
    });
    core.visit.removals.set(approval.approvalId, item.sku);
    core.notify('approval-needed');
  }

  async function printOrSend(
    saleId: string,
    basket: NonNullable<ReturnType<typeof price>['basket']>,
  ) {
    const printer = core.options.printReceipt;
    if (!printer) return 'e-receipt' as const;
    const receipt = renderSaleReceipt(
      {
        storeName: config.storeId,
        time: core.now(),
        receiptNo: saleId.slice(0, 8).toUpperCase(),
        saleId,
        lines: basket.lines.map((l) => {
          const item = core.visit.lines.find((x) => x.item.sku === l.sku)?.item;
          return {
            name: item?.nameZh ?? l.sku,
            size: item?.size,
            qty: l.qty,
            unitFen: l.unitPriceCents,
            amountFen: l.amountCents,
          };
        }),
        discounts: basket.discounts
          .filter((d) => d.amountCents > 0)
          .map((d) => ({ label: d.label.zh, amountFen: d.amountCents })),
        totalFen: basket.totalCents,
        payment: { method: 'mobile', amountFen: basket.totalCents },
        receiptUrl: `https://receipts.example.com/${saleId}`,
      },
      config.language,
    );
    if (!receipt.ok) return 'e-receipt' as const;
    return (await printer(`receipt-${saleId}`, receipt.value))
      ? ('printed' as const)
      : ('e-receipt' as const);
  }

  return {
    /** The cart priced now: what the screen shows and what a payment charges. */
    price,
    add(item: CatalogItem): void {
      core.ensureSession();
      if (!open()) return;
      const line = core.visit.lines.find((l) => l.item.sku === item.sku);
      if (line) line.qty = Math.min(line.qty + 1, MAX_QTY);
      else core.visit.lines.push({ item, qty: 1 });
    },
    setQty(sku: string, qty: number) {
      setQty(sku, qty);
      return core.changed();
    },
    /** An item this store does not know: the shopper is asked to wait, staff are alerted. */
    unknownItem(): void {
      core.notify(config.role === 'checkout' ? 'ask-staff' : 'not-found');
      if (config.role !== 'checkout') return;
      const request = core.queue.request({
        kind: 'unknown-item',
        place: core.screen.place,
        sku: null,
        size: null,
        name: null,
      });
      core.visit.requestIds.add(request.requestId);
    },
    toggleCoupon(code: string, applied: boolean) {
      if (open()) {
        if (applied) core.visit.couponCodes.add(code);
        else core.visit.couponCodes.delete(code);
      }
      return core.changed();
    },
    redeemPoints(points: number) {
      if (open()) core.visit.pointsToRedeem = Math.max(0, Math.floor(points));
      return core.changed();
    },
    /** Settles removals staff decided on. */
    settleApprovals(): void {
      for (const approval of core.queue.approvalsById(new Set(core.visit.removals.keys()))) {
        if (approval.status === 'waiting') continue;
        const sku = core.visit.removals.get(approval.approvalId);
        core.visit.removals.delete(approval.approvalId);
        if (approval.status === 'approved' && sku)
          core.visit.lines = core.visit.lines.filter((l) => l.item.sku !== sku);
      }
    },
    async pay(provider: 'wechat' | 'alipay', paymentCode: string): Promise<void> {
      const { basket, view: charging } = price();
      const sessionId = core.visit.sessionId;
      if (!basket || !sessionId || core.visit.lines.length === 0 || !open()) return;
      const saleId = randomUUID();
      const charged = await deps.payments.charge({
        idempotencyKey: saleId,
        provider,
        paymentCode,
        amountCents: basket.totalCents,
      });
      if (core.visit.sessionId !== sessionId) return; // the visit ended while the provider answered
      if (!charged.ok && charged.code === 'declined') {
        core.visit.payment = { state: 'declined' };
        core.notify('payment-declined');
        core.changed();
        return;
      }
      if (!charged.ok) {
        await this.payAtCounter();
        return;
      }
      try {
        recordSale(db, {
          saleId,
          sessionId,
          storeId: config.storeId,
          memberId: core.visit.member?.memberId ?? null,
          basket,
          overrides: [...core.desk.overrides.values()].map((o) => ({
            sku: o.item.sku,
            fromCents: o.item.priceCents,
            toCents: o.toCents,
            reason: o.reason,
            requestedBy: o.requestedBy,
            approvedBy: o.approvedBy,
          })),
          method: provider,
          providerRef: charged.providerRef,
          now: core.now(),
          hlc: core.stamp,
        });
      } catch (error) {
        log.error({ err: error, saleId }, 'a paid sale could not be recorded');
        await this.payAtCounter();
        return;
      }
      core.visit.paidCart = charging;
      const receipt = await printOrSend(saleId, basket);
      core.visit.payment = { state: 'paid', saleId, receipt };
      core.changed();
    },
    /** The slip the counter scans: the slip id and every line, as a QR code. */
    async payAtCounter() {
      if (core.visit.lines.length === 0 || !open()) return core.changed();
      const slipCode = `SLIP-${randomUUID().slice(0, 8).toUpperCase()}`;
      const content = [slipCode, ...core.visit.lines.map((l) => `${l.item.sku}*${l.qty}`)].join(
        '|',
      );
      const qrSvg = await QRCode.toString(content, {
        type: 'svg',
        margin: 1,
        errorCorrectionLevel: 'M',
      });
      core.visit.payment = { state: 'pay-at-counter', slipCode, qrSvg };
      return core.changed();
    },
    /** "How likely are you to recommend us": once per sale, anonymous, synced as `recordNps`. */
    nps(score: number) {
      const v = core.visit;
      if (v.payment.state !== 'paid' || v.npsGiven) return core.changed();
      recordNps(db, {
        saleId: v.payment.saleId,
        storeId: config.storeId,
        score,
        now: core.now(),
        hlc: core.stamp(),
      });
      v.npsGiven = true;
      return core.changed();
    },
  };
}
