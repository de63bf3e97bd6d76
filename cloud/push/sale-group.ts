/**
 * Sales of a push, recorded together: one insert of the sales, one update of the stock they take
 * and one publish of it, instead of a savepoint and three round trips each (deferred.ts says why a
 * group keeps the guarantees). Here, the same outcomes as handlers/records.ts `recordSale` one at
 * a time, in order: a sale id already there (or twice in the group: the first goes in) is
 * `recorded: false` and takes no stock; the stock a group takes is the sum of its recorded lines
 * (units are positive, so the floor the update clamps to is reached alike). A sale naming another
 * store's member (who needs a presence ticket) sends the group the ordinary way.
 * It waits during mutations that leave stock and members' identity alone; a staff request (whose
 * "out of stock" reads the stock), an order or anything else flushes it first.
 */
import type { z } from 'zod';
import { RecordSaleV1, type StoredResult } from '../../sync/protocol';
import type { Queryable } from '../db/db';
import {
  applied,
  argsOf,
  type GroupContext,
  type GroupKind,
  type Pending,
  argsWithOwnMembers,
} from './deferred';
import { takeStock } from './handlers/records';

type SaleArgs = z.infer<typeof RecordSaleV1>;

export const SALE_GROUP: GroupKind<SaleArgs> = {
  name: 'recordSale',
  commutesWith: new Set(['logTryOn', 'setPreference', 'earnPoints', 'redeemPoints', 'recordNps']),
  parse: argsOf({ 1: RecordSaleV1 }),
  flush: flushSales,
};

async function flushSales(
  tx: Queryable,
  ctx: GroupContext,
  group: readonly Pending<SaleArgs>[],
): Promise<StoredResult[] | null> {
  const { device } = ctx;
  const resolved = await argsWithOwnMembers(tx, ctx, group);
  if (!resolved) return null;
  const rows = [];
  for (const [i, args] of resolved.entries()) {
    rows.push({
      i,
      id: args.saleId,
      member: args.memberId,
      total: args.totalCents,
      body: args,
      at: args.soldAt,
    });
  }
  const { rows: inserted } = await tx.query<{ sale_id: string }>(
    `INSERT INTO sales (sale_id, device_id, store_id, member_id, total_cents, body, sold_at)
     SELECT r.id, $2, $3, r.member, r.total, r.body, r.at
     FROM jsonb_to_recordset($1::jsonb)
       AS r(i int, id text, member text, total int, body jsonb, at timestamptz)
     ORDER BY r.i
     ON CONFLICT (sale_id) DO NOTHING RETURNING sale_id`,
    [JSON.stringify(rows), device.deviceId, device.storeId],
  );
  const fresh = new Set(inserted.map((r) => r.sale_id));
  // Of several copies of one id, the first went in.
  const outcomes = group.map((p) => ({ p, recorded: fresh.delete(p.args.saleId) }));
  await takeStock(
    tx,
    device.storeId,
    outcomes.flatMap((o) => (o.recorded ? o.p.args.lines : [])),
  );
  return outcomes.map((o) => applied({ saleId: o.p.args.saleId, recorded: o.recorded }));
}
