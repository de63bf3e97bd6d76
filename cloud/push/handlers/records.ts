import { INT4_MIN } from '../../../sync/protocol';
import type { Queryable } from '../../db/db';
import { publish } from '../../streams/projections';
import type { Handler } from '../handler';
import { tryOnOutcome } from './tryon-outcome';

/**
 * Stock is the server's: sold lines take their units off this store's stock (it may go negative,
 * down to the column's floor, so no sale can make the update fail), and the rows are published.
 */
export async function takeStock(
  tx: Queryable,
  storeId: string,
  lines: readonly { sku: string; qty: number }[],
): Promise<void> {
  if (lines.length === 0) return;
  const qty = new Map<string, number>();
  for (const l of lines) qty.set(l.sku, (qty.get(l.sku) ?? 0) + l.qty);
  // an object keyed by SKU (fromEntries makes every key its own, "__proto__" and "constructor" too)
  const moves = JSON.stringify(Object.fromEntries(qty));
  // The SKUs as an array (an index probe each): joined to a JSON row set, whose size the planner
  // guesses at 100, the update read the store's whole stock for every sale.
  const skus = 'sku = ANY (ARRAY(SELECT jsonb_object_keys($1::jsonb)))';
  await tx.query(
    `UPDATE stock SET on_hand = greatest(on_hand::bigint - ($1::jsonb->>sku)::bigint, ${INT4_MIN})::int
     WHERE location_id = $2 AND ${skus}`,
    [moves, storeId],
  );
  await publish(tx, 'stock', `location_id = $2 AND ${skus}`, [moves, storeId]);
}

/** Immutable records, deduplicated by their own id: a second copy changes nothing. */

export const recordSale: Handler<'recordSale'> = async (tx, args, ctx) => {
  const { rows } = await tx.query(
    `INSERT INTO sales (sale_id, device_id, store_id, member_id, total_cents, body, sold_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) ON CONFLICT (sale_id) DO NOTHING RETURNING sale_id`,
    [
      args.saleId,
      ctx.deviceId,
      ctx.storeId,
      args.memberId,
      args.totalCents,
      JSON.stringify(args),
      args.soldAt,
    ],
  );
  if (rows.length === 0) return { saleId: args.saleId, recorded: false };
  await takeStock(tx, ctx.storeId, args.lines);
  return { saleId: args.saleId, recorded: true };
};

/** v1 (action) and v2 (outcome + reason) both land here; outcome and reason get their columns. */
export const logTryOn: Handler<'logTryOn'> = async (tx, args, ctx) => {
  const { outcome, reason } = tryOnOutcome(args);
  const { rows } = await tx.query(
    `INSERT INTO tryons (tryon_id, device_id, store_id, body, at, outcome, reason)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7) ON CONFLICT (tryon_id) DO NOTHING RETURNING tryon_id`,
    [args.tryOnId, ctx.deviceId, ctx.storeId, JSON.stringify(args), args.at, outcome, reason],
  );
  return { tryOnId: args.tryOnId, recorded: rows.length > 0 };
};

export const recordNps: Handler<'recordNps'> = async (tx, args, ctx) => {
  const { rows } = await tx.query(
    `INSERT INTO nps (nps_id, score, comment, member_id, device_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (nps_id) DO NOTHING RETURNING nps_id`,
    [args.npsId, args.score, args.comment, args.memberId, ctx.deviceId, ctx.now.toISOString()],
  );
  return { npsId: args.npsId, recorded: rows.length > 0 };
};

export const staffRequest: Handler<'staffRequest'> = async (tx, args, ctx) => {
  const ref = `request:${args.requestId}`;
  const { rows: seen } = await tx.query<{ id: string }>(
    'SELECT id::text AS id FROM staff_tasks WHERE ref = $1',
    [ref],
  );
  if (seen[0]) return { taskId: seen[0].id };
  const message = [args.kind, args.sku, args.location, args.message].filter((v) => v).join(' · ');
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO staff_tasks (store_id, device_id, kind, message, ref, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text AS id`,
    [ctx.storeId, ctx.deviceId, `request:${args.kind}`, message, ref, ctx.now.toISOString()],
  );
  return { taskId: rows[0]?.id ?? null };
};
