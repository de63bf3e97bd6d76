import { publish } from '../../streams/projections';
import { BusinessRejection, type Handler } from '../handler';

/**
 * Reserves units at another location (a store, or ONLINE for delivery). Every line is taken by a
 * conditional UPDATE; if any line lacks stock the whole order is rejected (the savepoint undoes
 * the lines already taken) and a staff task asks someone to call the customer.
 */
export const placeOrder: Handler<'placeOrder'> = async (tx, args, ctx) => {
  const { rows: seen } = await tx.query<{ status: string }>(
    'SELECT status FROM orders WHERE order_id = $1',
    [args.orderId],
  );
  if (seen[0]) return { orderId: args.orderId, status: seen[0].status };
  for (const line of args.lines) {
    const { rows } = await tx.query(
      'UPDATE stock SET on_hand = on_hand - $3 WHERE sku = $1 AND location_id = $2 AND on_hand >= $3 RETURNING sku',
      [line.sku, args.fromLocation, line.qty],
    );
    if (rows.length === 0) {
      throw new BusinessRejection(
        'out-of-stock',
        `${line.sku} × ${line.qty} not available at ${args.fromLocation}`,
        { kind: 'order-cancelled', orderId: args.orderId },
        {
          kind: 'order-failed',
          message: `Order ${args.orderId} could not be placed: ${line.sku} × ${line.qty} out of stock at ${args.fromLocation}${args.contact ? `; contact ${args.contact}` : ''}`,
        },
      );
    }
  }
  await tx.query(
    `INSERT INTO orders (order_id, kind, from_location, body, status, device_id, created_at) VALUES ($1, $2, $3, $4::jsonb, 'reserved', $5, $6)`,
    [
      args.orderId,
      args.kind,
      args.fromLocation,
      JSON.stringify(args),
      ctx.deviceId,
      ctx.now.toISOString(),
    ],
  );
  await publish(
    tx,
    'stock',
    `location_id = $1 AND sku = ANY (ARRAY(SELECT jsonb_array_elements_text($2::jsonb)))`,
    [args.fromLocation, JSON.stringify(args.lines.map((l) => l.sku))],
  );
  return { orderId: args.orderId, status: 'reserved' };
};
