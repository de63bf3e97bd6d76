/**
 * "Not in my size here": reserve it in another store (picked up there) or order it from online
 * stock (home delivery, or pickup here). The order row and its `placeOrder` outbox entry commit in
 * one transaction, so an order taken offline syncs like a sale.
 *
 * Guarantees: an order needs a signed-in member (the cloud contacts them); the source location is
 * one that has the size in stock by the last synced stock; a refusal is a notice, never a throw.
 */
import { randomUUID } from 'node:crypto';
import type { OrderView, SessionView } from '../../../bridge/views';
import { enqueue } from '../../../core/outbox/outbox';
import type { ReadableDB } from '../../../core/store/db';
import { ONLINE_LOCATION } from './garments';
import type { ScreenCore } from './screen-service';

export type OrderKind = OrderView['kind'];
export type Delivery = OrderView['delivery'];

interface SourceRow {
  location_id: string;
  name_zh: string | null;
  name_en: string | null;
}

export function createOrderActions(core: ScreenCore, read: ReadableDB) {
  const { db, config } = core.options;
  const otherStore = read.prepareRead<[string, string, string], SourceRow>(
    `SELECT s.location_id, st.name_zh, st.name_en FROM stock s
     LEFT JOIN stores st ON st.location_id = s.location_id
     WHERE s.sku = ? AND s.on_hand > 0 AND s.location_id NOT IN (?, ?)
     ORDER BY s.on_hand DESC, s.location_id LIMIT 1`,
  );
  const online = read.prepareRead<[string, string], { location_id: string }>(
    'SELECT location_id FROM stock WHERE sku = ? AND location_id = ? AND on_hand > 0',
  );

  function source(sku: string, kind: OrderKind): SourceRow | null {
    if (kind === 'reserve-in-store')
      return otherStore.get(sku, config.storeId, ONLINE_LOCATION) ?? null;
    return online.get(sku, ONLINE_LOCATION)
      ? { location_id: ONLINE_LOCATION, name_zh: null, name_en: null }
      : null;
  }

  function place(sku: string, kind: OrderKind, delivery: Delivery): SessionView {
    core.visit.lastActivityMs = core.now().getTime();
    core.visit.notice = null;
    const item = core.options.catalog.lookup(sku);
    const member = core.visit.member;
    const sessionId = core.visit.sessionId;
    const fits =
      kind === 'reserve-in-store' ? delivery === 'pickup-there' : delivery !== 'pickup-there';
    if (!item || !sessionId || !fits || core.visit.orders.some((o) => o.sku === sku)) {
      core.notify('invalid');
      return core.changed();
    }
    if (!member) {
      core.notify('order-needs-member');
      return core.changed();
    }
    const from = source(sku, kind);
    if (!from) {
      core.notify('order-no-stock');
      return core.changed();
    }
    const orderId = randomUUID();
    const at = core.now();
    db.transaction(() => {
      db.prepare(
        `INSERT INTO orders (order_id, session_id, store_id, kind, from_location, delivery, sku, qty,
           member_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      ).run(
        orderId,
        sessionId,
        config.storeId,
        kind,
        from.location_id,
        delivery,
        sku,
        member.memberId,
        at.toISOString(),
      );
      enqueue(
        db,
        {
          name: 'placeOrder',
          version: 1,
          idempotencyKey: `placeOrder:${orderId}`,
          args: {
            orderId,
            kind,
            fromLocation: from.location_id,
            lines: [{ sku, qty: 1 }],
            memberId: member.memberId,
            // Pickup here names this store; home delivery uses the member's address on file.
            contact: delivery === 'pickup-here' ? `pickup:${config.storeId}` : null,
          },
          hlc: core.stamp(),
        },
        at,
        core.options.key,
      );
    });
    core.visit.orders.push({
      orderId,
      sku,
      size: item.size,
      name: { zh: item.nameZh, en: item.nameEn },
      kind,
      delivery,
      from: from.name_zh ? { zh: from.name_zh, en: from.name_en ?? from.name_zh } : null,
    });
    core.notify('order-placed');
    return core.changed();
  }

  return { place };
}
