/** The store table and whether a catalog was imported at all. */
import type { ReadableDB } from '../store/db';

/** This store's name as the screens show it, or null when the stores file does not list it. */
export function storeName(db: ReadableDB, storeId: string): { zh: string; en: string } | null {
  return (
    db
      .prepareRead<[string], { zh: string; en: string }>(
        'SELECT name_zh AS zh, name_en AS en FROM stores WHERE location_id = ?',
      )
      .get(storeId) ?? null
  );
}

/** Whether no variant was imported yet (a first run imports the seed store then). */
export function catalogIsEmpty(db: ReadableDB): boolean {
  return !db.prepareRead('SELECT 1 FROM variants LIMIT 1').get();
}
