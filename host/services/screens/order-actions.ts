/**
 * "Not in my size here": reserve it in another store (picked up there) or order it from online
 * stock (home delivery, or pickup here). The order row and its `placeOrder` outbox entry commit in
 * one transaction, so an order taken offline syncs like a sale.
 *
 * Guarantees: an order needs a signed-in member (the cloud contacts them); the source location is
 * one that has the size in stock by the last synced stock; a refusal is a notice, never a throw.
 */
import type { SessionView } from '../../../bridge/views';
import type { Catalog } from '../../../core/catalog/lookup';
import type { DataKey } from '../../../core/crypto/data-key';
import type { StockQueries } from '../../../core/catalog/stock';
import { deliveryFits, placeOrder, type Delivery, type OrderKind } from '../../../core/orders';
import type { WritableDB } from '../../../core/store/db';
import type { Visit } from './visit';

export interface OrderActionDeps {
  visit: Visit;
  db: WritableDB;
  /** Seals the order's contact in the outbox. */
  key: DataKey;
  catalog: Catalog;
  stock: StockQueries;
  storeId: string;
  now(): Date;
  stamp(): string;
  changed(): SessionView;
}

export function createOrderActions(deps: OrderActionDeps) {
  const { visit } = deps;

  function place(sku: string, kind: OrderKind, delivery: Delivery): SessionView {
    visit.begin();
    const item = deps.catalog.lookup(sku);
    const { member, sessionId, orders } = visit.state;
    if (!item || !sessionId || !deliveryFits(kind, delivery) || orders.some((o) => o.sku === sku)) {
      visit.notify('invalid');
      return deps.changed();
    }
    if (!member) {
      visit.notify('order-needs-member');
      return deps.changed();
    }
    const from =
      kind === 'reserve-in-store' ? deps.stock.otherStoreWith(sku) : deps.stock.onlineWith(sku);
    if (!from) {
      visit.notify('order-no-stock');
      return deps.changed();
    }
    const { orderId } = placeOrder(deps.db, deps.key, {
      sessionId,
      storeId: deps.storeId,
      kind,
      fromLocation: from.locationId,
      delivery,
      sku,
      memberId: member.memberId,
      now: deps.now(),
      hlc: deps.stamp(),
    });
    visit.addOrder({
      orderId,
      sku,
      size: item.size,
      name: { zh: item.nameZh, en: item.nameEn },
      kind,
      delivery,
      from: from.name,
    });
    visit.notify('order-placed');
    return deps.changed();
  }

  return { place };
}
