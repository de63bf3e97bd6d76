/**
 * Self-checkout, paying: a scanned payment code is charged through the `PaymentProvider`; the
 * sale, its lines, payment, points ledger and outbox rows commit in one transaction (core/sales);
 * then the receipt, and the one optional "recommend us" question. A failed or offline payment never
 * loses the cart: the shopper gets a pay-at-the-counter slip.
 */
import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import type { SessionView } from '../../../bridge/views';
import { recordNps, recordSale } from '../../../core/sales';
import type { WritableDB } from '../../../core/store/db';
import type { KioskConfig } from '../../config';
import type { Logger } from '../../log';
import type { Cart } from './cart';
import { printOrSend, type PrintReceipt } from './checkout-receipt';
import type { PaymentProvider } from './payment';
import { payable, type Visit } from './visit';

export interface CheckoutPaymentDeps {
  visit: Visit;
  db: WritableDB;
  cart: Cart;
  payments: PaymentProvider;
  printReceipt: PrintReceipt | undefined;
  storeId: string;
  language: KioskConfig['language'];
  log: Logger;
  now(): Date;
  stamp(): string;
  changed(): SessionView;
}

export function createCheckoutPayment(deps: CheckoutPaymentDeps) {
  const { visit, db } = deps;

  /** The slip the counter scans: the slip id and every line, as a QR code. */
  async function payAtCounter(): Promise<SessionView> {
    const { lines } = visit.state;
    if (lines.length === 0 || !payable(visit.state)) return deps.changed();
    const slipCode = `SLIP-${randomUUID().slice(0, 8).toUpperCase()}`;
    const content = [slipCode, ...lines.map((l) => `${l.item.sku}*${l.qty}`)].join('|');
    const qrSvg = await QRCode.toString(content, {
      type: 'svg',
      margin: 1,
      errorCorrectionLevel: 'M',
    });
    visit.setPayment({ state: 'pay-at-counter', slipCode, qrSvg });
    return deps.changed();
  }

  /** Records a charged sale; false (and logged) when it could not be written. */
  function recordPaid(sale: {
    saleId: string;
    sessionId: string;
    basket: NonNullable<ReturnType<Cart['price']>['basket']>;
    provider: 'wechat' | 'alipay';
    providerRef: string;
  }): boolean {
    const v = visit.state;
    try {
      recordSale(db, {
        saleId: sale.saleId,
        sessionId: sale.sessionId,
        basket: sale.basket,
        storeId: deps.storeId,
        memberId: v.member?.memberId ?? null,
        overrides: [...v.desk.overrides.values()].map((o) => ({
          sku: o.item.sku,
          fromCents: o.item.priceCents,
          toCents: o.toCents,
          reason: o.reason,
          requestedBy: o.requestedBy,
          approvedBy: o.approvedBy,
        })),
        method: sale.provider,
        providerRef: sale.providerRef,
        now: deps.now(),
        hlc: deps.stamp,
      });
      return true;
    } catch (error) {
      deps.log.error({ err: error, saleId: sale.saleId }, 'a paid sale could not be recorded');
      return false;
    }
  }

  return {
    payAtCounter,
    async pay(provider: 'wechat' | 'alipay', paymentCode: string): Promise<void> {
      const { basket, view: charging } = deps.cart.price();
      const sessionId = visit.state.sessionId;
      if (!basket || !sessionId || visit.state.lines.length === 0 || !payable(visit.state)) return;
      const saleId = randomUUID();
      const charged = await deps.payments.charge({
        idempotencyKey: saleId,
        provider,
        paymentCode,
        amountCents: basket.totalCents,
      });
      if (visit.state.sessionId !== sessionId) return; // the visit ended while the provider answered
      if (!charged.ok && charged.error.code === 'declined') {
        visit.setPayment({ state: 'declined' });
        visit.notify('payment-declined');
        deps.changed();
        return;
      }
      const recorded =
        charged.ok &&
        recordPaid({ saleId, sessionId, basket, provider, providerRef: charged.value.providerRef });
      if (!recorded) {
        await payAtCounter();
        return;
      }
      visit.keepPaidCart(charging);
      const receipt = await printOrSend(deps.printReceipt, {
        saleId,
        basket,
        lines: visit.state.lines,
        storeId: deps.storeId,
        language: deps.language,
        at: deps.now(),
      });
      visit.setPayment({ state: 'paid', saleId, receipt });
      deps.changed();
    },
    /** "How likely are you to recommend us": once per sale, anonymous, synced as `recordNps`. */
    nps(score: number): SessionView {
      const { payment, npsGiven } = visit.state;
      if (payment.state !== 'paid' || npsGiven) return deps.changed();
      recordNps(db, {
        saleId: payment.saleId,
        storeId: deps.storeId,
        score,
        now: deps.now(),
        hlc: deps.stamp(),
      });
      visit.markNpsGiven();
      return deps.changed();
    },
  };
}
