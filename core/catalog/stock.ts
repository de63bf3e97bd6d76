/**
 * Stock by location for the screens: a style's variants with stock here, in the other stores and
 * online (one query per garment card, on indexed columns), and where a size can be had instead.
 */
import type { ReadableDB } from '../store/db';

/** The brand's online stock is kept as a location of its own. */
export const ONLINE_LOCATION = 'ONLINE';

export interface VariantStock {
  sku: string;
  colorCode: string;
  colorZh: string;
  colorEn: string;
  size: string;
  here: number;
  otherStores: number;
  online: number;
}

export interface StockSource {
  locationId: string;
  /** The store's name; null for the online stock. */
  name: { zh: string; en: string } | null;
}

interface StoreRow {
  location_id: string;
  name_zh: string | null;
  name_en: string | null;
}

export function createStockQueries(db: ReadableDB, storeId: string) {
  const variants = db.prepareRead<[string, string, string, string], VariantStock>(
    `SELECT v.sku AS sku, v.color_code AS colorCode, v.color_zh AS colorZh, v.color_en AS colorEn,
       v.size AS size,
       coalesce(sum(CASE WHEN s.location_id = ? THEN s.on_hand END), 0) AS here,
       coalesce(sum(CASE WHEN s.location_id NOT IN (?, ?) THEN s.on_hand END), 0) AS otherStores,
       coalesce(sum(CASE WHEN s.location_id = '${ONLINE_LOCATION}' THEN s.on_hand END), 0) AS online
     FROM variants v LEFT JOIN stock s ON s.sku = v.sku
     WHERE v.style_id = ? GROUP BY v.sku ORDER BY v.rowid`,
  );
  const otherStore = db.prepareRead<[string, string, string], StoreRow>(
    `SELECT s.location_id, st.name_zh, st.name_en FROM stock s
     LEFT JOIN stores st ON st.location_id = s.location_id
     WHERE s.sku = ? AND s.on_hand > 0 AND s.location_id NOT IN (?, ?)
     ORDER BY s.on_hand DESC, s.location_id LIMIT 1`,
  );
  const online = db.prepareRead<[string, string], { location_id: string }>(
    'SELECT location_id FROM stock WHERE sku = ? AND location_id = ? AND on_hand > 0',
  );
  return {
    /** Every variant of the style, in catalog order, with its stock by where it is. */
    styleVariants(styleId: string): VariantStock[] {
      return variants.all(storeId, storeId, ONLINE_LOCATION, styleId);
    },
    /** The other store with most of this size in stock (ties by id), or null when none has it. */
    otherStoreWith(sku: string): StockSource | null {
      const row = otherStore.get(sku, storeId, ONLINE_LOCATION);
      if (!row) return null;
      const name = row.name_zh ? { zh: row.name_zh, en: row.name_en ?? row.name_zh } : null;
      return { locationId: row.location_id, name };
    },
    /** The online stock, when it has this size. */
    onlineWith(sku: string): StockSource | null {
      return online.get(sku, ONLINE_LOCATION) ? { locationId: ONLINE_LOCATION, name: null } : null;
    },
  };
}
export type StockQueries = ReturnType<typeof createStockQueries>;
