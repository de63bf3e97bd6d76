/**
 * A push's stock rows, locked once at the start of its transaction in one global order (issue 15).
 *
 * Two handlers update `stock`: `recordSale` takes its lines off the device's own store, and
 * `placeOrder` (reserve in a store, or ship from ONLINE) takes its lines from whatever location it
 * names, one line after another. Each UPDATE locks its rows as it goes, so two stores' pushes could
 * take the same rows in opposite orders: A reserves Y at S002 and then sells Z at S001 while B
 * reserves Z at S001 and then sells Y at S002, and PostgreSQL killed one (40P01), even with the
 * member locks. Locking every row the push's new sales and orders will update, sorted by
 * (location, SKU), before any mutation runs makes the handlers' later row locks re-entrant and
 * makes a push that shares a row with a running one wait for it at the start instead.
 *
 * Row locks (`FOR UPDATE`), not advisory locks: no push inserts a stock row (a sale or an order of
 * a SKU with no row changes nothing or is refused), so every row a push will update is there
 * already; the row lock also orders the push against writers that take no advisory lock (a phone
 * page's order, one row) and costs no slot in the shared lock table (a push may name 500 × 200
 * lines). Order: after the members (member-locks.ts), as nothing takes a member after a stock row
 * but a late lock the member pass cannot foresee; the HQ stock fold at COMMIT (migrations 300/340)
 * comes last and sorts its rollup rows itself.
 */
import { z } from 'zod';
import { PlaceOrderV1, RecordSaleV1, type MutationEnvelope } from '../../sync/protocol';
import type { Queryable } from '../db/db';

/** Only the SKUs of the lines (each is checked in full when its mutation runs). */
const Lines = z.array(z.object({ sku: RecordSaleV1.shape.lines.element.shape.sku }));
const SaleLines = z.object({ lines: Lines });
const OrderLines = z.object({ fromLocation: PlaceOrderV1.shape.fromLocation, lines: Lines });

/** The stock rows a push will update: location → SKUs. */
export type StockKeys = ReadonlyMap<string, ReadonlySet<string>>;

/** Where a mutation takes stock from, and which SKUs; null when it takes none (or cannot parse). */
function takes(m: MutationEnvelope, storeId: string): { location: string; skus: string[] } | null {
  if (m.name === 'recordSale') {
    const sale = SaleLines.safeParse(m.args);
    return sale.success ? { location: storeId, skus: sale.data.lines.map((l) => l.sku) } : null;
  }
  if (m.name === 'placeOrder') {
    const order = OrderLines.safeParse(m.args);
    return order.success
      ? { location: order.data.fromLocation, skus: order.data.lines.map((l) => l.sku) }
      : null;
  }
  return null;
}

/** The stock rows `mutations` (of a device of `storeId`) will update, each once. */
export function stockKeys(mutations: readonly MutationEnvelope[], storeId: string): StockKeys {
  const keys = new Map<string, Set<string>>();
  for (const m of mutations) {
    const taken = takes(m, storeId);
    if (!taken) continue;
    const skus = keys.get(taken.location) ?? new Set<string>();
    for (const sku of taken.skus) skus.add(sku);
    keys.set(taken.location, skus);
  }
  return keys;
}

/**
 * Locks (until the transaction ends) the stock rows `mutations` will update, in (location, SKU)
 * order, the database's collation, in one statement. Call it after lockNamedMembers. On PGlite (one
 * connection, nothing to wait for) the caller skips it.
 */
export async function lockStockRows(
  tx: Queryable,
  storeId: string,
  mutations: readonly MutationEnvelope[],
): Promise<void> {
  const rows: { l: string; s: string }[] = [];
  for (const [l, skus] of stockKeys(mutations, storeId)) for (const s of skus) rows.push({ l, s });
  if (rows.length === 0) return;
  // LockRows sits above the Sort: the rows are locked in the ORDER BY's order, each found by an
  // index probe (stock_location_sku; the row set's guessed 100 rows keep the planner probing).
  await tx.query(
    `SELECT count(*) AS locked FROM (
       SELECT 1 FROM stock
       WHERE (location_id, sku) IN (SELECT l, s FROM jsonb_to_recordset($1::jsonb) AS k(l text, s text))
       ORDER BY location_id, sku FOR UPDATE) named`,
    [JSON.stringify(rows)],
  );
}
