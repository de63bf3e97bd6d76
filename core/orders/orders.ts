/**
 * "Not in my size here": an order reserved in another store (picked up there) or shipped from the
 * online stock (home, or pickup here). The `orders` row and its `placeOrder` outbox entry commit in
 * one transaction, so an order taken offline syncs like a sale. The contact is personal: `key` seals
 * it in the outbox (core/outbox/personal-args.ts).
 */
import { randomUUID } from 'node:crypto';
import type { DataKey } from '../crypto/data-key';
import { enqueue } from '../outbox/outbox';
import type { WritableDB } from '../store/db';

export type OrderKind = 'reserve-in-store' | 'ship-from-online';
export type Delivery = 'pickup-there' | 'home' | 'pickup-here';

export interface OrderInput {
  sessionId: string;
  storeId: string;
  kind: OrderKind;
  fromLocation: string;
  delivery: Delivery;
  sku: string;
  memberId: string;
  now: Date;
  hlc: string;
}

/** Whether the delivery fits the kind: a reservation is picked up there, a shipment is not. */
export function deliveryFits(kind: OrderKind, delivery: Delivery): boolean {
  return kind === 'reserve-in-store' ? delivery === 'pickup-there' : delivery !== 'pickup-there';
}

export function placeOrder(db: WritableDB, key: DataKey, input: OrderInput): { orderId: string } {
  const orderId = randomUUID();
  db.transaction(() => {
    db.prepare(
      `INSERT INTO orders (order_id, session_id, store_id, kind, from_location, delivery, sku, qty,
         member_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    ).run(
      orderId,
      input.sessionId,
      input.storeId,
      input.kind,
      input.fromLocation,
      input.delivery,
      input.sku,
      input.memberId,
      input.now.toISOString(),
    );
    enqueue(
      db,
      {
        name: 'placeOrder',
        version: 1,
        idempotencyKey: `placeOrder:${orderId}`,
        args: {
          orderId,
          kind: input.kind,
          fromLocation: input.fromLocation,
          lines: [{ sku: input.sku, qty: 1 }],
          memberId: input.memberId,
          // Pickup here names this store; home delivery uses the member's address on file.
          contact: input.delivery === 'pickup-here' ? `pickup:${input.storeId}` : null,
        },
        hlc: input.hlc,
      },
      input.now,
      key,
    );
  });
  return { orderId };
}
