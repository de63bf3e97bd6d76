/**
 * "Not in my size here": reserve it in another store (picked up there) or order it from online
 * stock (home delivery, or pickup here). The order row and its `placeOrder` outbox entry commit in
 * one transaction, so an order taken offline syncs like a sale.
 *
 * Guarantees: an order needs a signed-in member (the cloud contacts them); the source location is
 * one that has the size in stock by the last synced stock; a refusal is a notice, never a throw.
 */
import type { SessionView } from '../../../bridge/views';
import type { StockQueries } from '../../../core/catalog/stock';
import { deliveryFits, placeOrder, type Delivery, type OrderKind } from '../../../core/orders';
import type { ScreenCore } from './screen-service';

export function createOrderActions(core: ScreenCore, stock: StockQueries) {
  const { db, config } = core.options;

  function place(sku: string, kind: OrderKind, delivery: Delivery): SessionView {
    core.visit.lastActivityMs = core.now().getTime();
    core.visit.notice = null;
    const item = core.options.catalog.lookup(sku);
    const member = core.visit.member;
    const sessionId = core.visit.sessionId;
    const fits = deliveryFits(kind, delivery);
    if (!item || !sessionId || !fits || core.visit.orders.some((o) => o.sku === sku)) {
      core.notify('invalid');
      return core.changed();
    }
    if (!member) {
      core.notify('order-needs-member');
      return core.changed();
    }
    const from = kind === 'reserve-in-store' ? stock.otherStoreWith(sku) : stock.onlineWith(sku);
    if (!from) {
      core.notify('order-no-stock');
      return core.changed();
    }
    const { orderId } = placeOrder(db, {
      sessionId,
      storeId: config.storeId,
      kind,
      fromLocation: from.locationId,
      delivery,
      sku,
      memberId: member.memberId,
      now: core.now(),
      hlc: core.stamp(),
    });
    core.visit.orders.push({
      orderId,
      sku,
      size: item.size,
      name: { zh: item.nameZh, en: item.nameEn },
      kind,
      delivery,
      from: from.name,
    });
    core.notify('order-placed');
    return core.changed();
  }

  return { place };
}
