/**
 * An order from a look's phone page: buy online (delivered home, or picked up in the look's store)
 * or reserve in the look's store. It is a `placeOrder` like a kiosk's, taking stock the same way
 * and re-publishing the stock rows, so every kiosk sees the units go; idempotent by order id.
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../../common/result';
import { formatHlc } from '../../sync/protocol';
import type { Db } from '../db/db';
import { BusinessRejection } from '../push/handler';
import { placeOrder } from '../push/handlers/orders';
import { findLook, ONLINE } from './look-data';

export const PhoneOrderSchema = z.object({
  orderId: z.uuid(),
  mode: z.enum(['home', 'pickup', 'reserve']),
  sku: z.string().min(1).max(60),
  qty: z.number().int().min(1).max(5),
  contact: z.string().trim().min(3).max(100),
});
export type PhoneOrder = z.infer<typeof PhoneOrderSchema>;

export type PhoneOrderError = 'look-not-found' | 'look-expired' | 'not-in-look' | 'out-of-stock';

export async function placePhoneOrder(
  db: Db,
  token: string,
  order: PhoneOrder,
  now: Date,
): Promise<Result<{ orderId: string; status: string }, PhoneOrderError>> {
  return db.transaction(async (tx) => {
    const look = await findLook(tx, token, now);
    if (!look) return fail('look-not-found', 'this look has not reached the cloud yet');
    if (look.expired) return fail('look-expired', 'this look has expired');
    // any size of a garment's colour in the look, nothing else
    const { rows } = await tx.query(
      `SELECT 1 FROM variants v WHERE v.sku = $1 AND (v.style_id, v.color_code) IN
         (SELECT style_id, color_code FROM variants WHERE sku IN (SELECT jsonb_array_elements_text($2::jsonb)))`,
      [order.sku, JSON.stringify(look.skus)],
    );
    if (rows.length === 0) return fail('not-in-look', `${order.sku} is not in this look`);
    const online = order.mode !== 'reserve';
    try {
      await tx.query('SAVEPOINT phone_order');
      await placeOrder(
        tx,
        {
          orderId: order.orderId,
          kind: online ? 'ship-from-online' : 'reserve-in-store',
          fromLocation: online ? ONLINE : look.store_id,
          lines: [{ sku: order.sku, qty: order.qty }],
          memberId: null,
          contact: order.contact,
        },
        {
          deviceId: 'phone',
          storeId: look.store_id,
          hlc: formatHlc({ wallMs: now.getTime(), counter: 0 }),
          now,
        },
      );
      await tx.query(
        `UPDATE orders SET body = body || jsonb_build_object('channel', 'phone', 'look', $2::text, 'delivery', $3::text)
         WHERE order_id = $1`,
        [order.orderId, token, order.mode === 'home' ? 'home' : `store:${look.store_id}`],
      );
      return ok({ orderId: order.orderId, status: 'reserved' });
    } catch (error) {
      if (!(error instanceof BusinessRejection)) throw error;
      await tx.query('ROLLBACK TO SAVEPOINT phone_order');
      return fail('out-of-stock', error.message);
    }
  });
}
