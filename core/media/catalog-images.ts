/**
 * The image a screen shows for a garment: by style and colour (or by SKU), with its alt texts.
 * `hash` is null while the catalog names an image this kiosk does not have yet (the screen shows
 * a calm placeholder until it arrives); no image at all in the catalog gives null.
 */
import type { ReadableDB } from '../store/db';

export interface CatalogImage {
  hash: string | null;
  alt: { zh: string; en: string };
}

interface Row {
  hash: string;
  alt_zh: string;
  alt_en: string;
  here: number;
}

const SELECT = `SELECT cm.hash AS hash, cm.alt_zh AS alt_zh, cm.alt_en AS alt_en,
  EXISTS (SELECT 1 FROM media_blobs b WHERE b.hash = cm.hash) AS here FROM catalog_media cm`;

const toImage = (row: Row | undefined): CatalogImage | null =>
  row ? { hash: row.here ? row.hash : null, alt: { zh: row.alt_zh, en: row.alt_en } } : null;

export function createCatalogImages(db: ReadableDB) {
  const byStyle = db.prepareRead<[string, string], Row>(
    `${SELECT} WHERE cm.style_id = ? AND cm.color_code = ?`,
  );
  const bySku = db.prepareRead<[string], Row>(
    `${SELECT} JOIN variants v ON v.style_id = cm.style_id AND v.color_code = cm.color_code
     WHERE v.sku = ?`,
  );
  return {
    forStyle: (styleId: string, colorCode: string) => toImage(byStyle.get(styleId, colorCode)),
    forSku: (sku: string) => toImage(bySku.get(sku)),
  };
}

export type CatalogImages = ReturnType<typeof createCatalogImages>;
