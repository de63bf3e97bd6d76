/**
 * The kiosk's store for `catalog_codes` (migration 0340): the stock a scan shows is this store's.
 * Setting it is a write (at start, by the host and the CLI); the look-up reads it.
 */
import type { ReadableDB, WritableDB } from '../store/db';

/** The store whose stock `catalog_codes.stock_here` holds, or null before the first start. */
export function catalogCodeStore(db: ReadableDB): string | null {
  return (
    db
      .prepareRead<[], { store_id: string }>(
        'SELECT store_id FROM catalog_code_store WHERE only = 1',
      )
      .get()?.store_id ?? null
  );
}

/**
 * Makes `storeId` the store of `catalog_codes` and, when it changed, recomputes every row's stock
 * here in the same transaction. A no-op when it is already that store (every start but the first).
 */
export function setCatalogCodeStore(db: WritableDB, storeId: string): boolean {
  if (catalogCodeStore(db) === storeId) return false;
  db.transaction(() => {
    db.prepare(
      `INSERT INTO catalog_code_store (only, store_id) VALUES (1, ?)
       ON CONFLICT (only) DO UPDATE SET store_id = excluded.store_id`,
    ).run(storeId);
    db.prepare(
      `UPDATE catalog_codes SET stock_here = coalesce(
         (SELECT s.on_hand FROM stock s WHERE s.sku = catalog_codes.sku AND s.location_id = ?), 0)`,
    ).run(storeId);
  });
  return true;
}
