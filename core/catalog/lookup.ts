/**
 * Catalog look-up by GTIN (any of the GTIN-8/12/13/14 forms) or by SKU. Read-only.
 *
 * A GTIN is one search of `catalog_codes` by its integer key (migration 0340), when that table
 * holds this store's stock; otherwise, and for a SKU, one indexed join of variants, products and
 * stock. Given `shared` reads (`core/store/shared-reads.ts`), look-ups in one turn of the event
 * loop share one read snapshot.
 */
import type { ReadableDB } from '../store/db';
import type { SharedReads } from '../store/shared-reads';
import { catalogCodeStore } from './codes';
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
const BY_GTIN_JOINED = `SELECT ${columns} ${from} WHERE v.gtin = ?`;
const BY_SKU = `SELECT ${columns} ${from} WHERE v.sku = ?`;
const BY_CODE = `SELECT sku, style_id, name_zh, name_en, color_code, color_zh, color_en, size,
  price_cents, list_price_cents, stock_here FROM catalog_codes WHERE gtin = ?`;

type CodeRow = [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  number,
  number,
  number,
];

function fromCodeRow(gtin: string, r: CodeRow): CatalogItem {
  return {
    sku: r[0],
    styleId: r[1],
    gtin,
    nameZh: r[2],
    nameEn: r[3],
    colorCode: r[4],
    colorZh: r[5],
    colorEn: r[6],
    size: r[7],
    priceCents: r[8],
    listPriceCents: r[9],
    stockHere: r[10],
  };
}

export function createCatalog(db: ReadableDB, storeId: string, shared?: SharedReads | null) {
  const handle = (): ReadableDB => shared?.current() ?? db;
  // Decided once: the store of catalog_codes is set at start, before any catalog is created.
  const codesAreHere = catalogCodeStore(db) === storeId;
  const byGtin = (gtin: string): CatalogItem | null => {
    const h = handle();
    if (!codesAreHere)
      return (
        h.prepareRead<[string, string], CatalogItem>(BY_GTIN_JOINED).get(storeId, gtin) ?? null
      );
    const row = h.prepareRead<[number], CodeRow>(BY_CODE).raw(true).get(Number(gtin));
    return row ? fromCodeRow(gtin, row) : null;
  };
  return {
    /** The variant for a scanned or typed code, or null when this store's catalog has none. */
    lookup(code: string): CatalogItem | null {
      const trimmed = code.trim();
      if (trimmed.length === 0 || trimmed.length > 64) return null;
      const gtin = toGtin14(trimmed);
      if (gtin) return byGtin(gtin);
      return (
        handle()
          .prepareRead<[string, string], CatalogItem>(BY_SKU)
          .get(storeId, trimmed.toUpperCase()) ?? null
      );
    },
  };
}

export type Catalog = ReturnType<typeof createCatalog>;
