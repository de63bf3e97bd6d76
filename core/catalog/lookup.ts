/**
 * Catalog look-up by GTIN (any of the GTIN-8/12/13/14 forms) or by SKU. Read-only; one indexed
 * query, so it stays in the microseconds on a million-variant catalog.
 */
import type { ReadableDB } from '../store/db';
import { toGtin14 } from './gtin';

export interface CatalogItem {
  sku: string;
  styleId: string;
  gtin: string;
  nameZh: string;
  nameEn: string;
  colorCode: string;
  colorZh: string;
  colorEn: string;
  size: string;
  priceCents: number;
  listPriceCents: number;
  stockHere: number;
}

const columns = `v.sku AS sku, v.style_id AS styleId, v.gtin AS gtin, p.name_zh AS nameZh,
  p.name_en AS nameEn, v.color_code AS colorCode, v.color_zh AS colorZh, v.color_en AS colorEn,
  v.size AS size, v.price_cents AS priceCents, p.list_price_cents AS listPriceCents,
  coalesce(s.on_hand, 0) AS stockHere`;
const from = `FROM variants v JOIN products p ON p.style_id = v.style_id
  LEFT JOIN stock s ON s.sku = v.sku AND s.location_id = ?`;

export function createCatalog(db: ReadableDB, storeId: string) {
  const byGtin = db.prepareRead<[string, string], CatalogItem>(
    `SELECT ${columns} ${from} WHERE v.gtin = ?`,
  );
  const bySku = db.prepareRead<[string, string], CatalogItem>(
    `SELECT ${columns} ${from} WHERE v.sku = ?`,
  );
  return {
    /** The variant for a scanned or typed code, or null when this store's catalog has none. */
    lookup(code: string): CatalogItem | null {
      const trimmed = code.trim();
      if (trimmed.length === 0 || trimmed.length > 64) return null;
      const gtin = toGtin14(trimmed);
      if (gtin) return byGtin.get(storeId, gtin) ?? null;
      return bySku.get(storeId, trimmed.toUpperCase()) ?? null;
    },
  };
}

export type Catalog = ReturnType<typeof createCatalog>;
