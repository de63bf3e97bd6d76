/**
 * A garment as the mirror shows it: the variant, every colour of its style, and each size of its
 * colour with stock here, in the other stores and online. One query per card, on indexed columns.
 */
import type { CatalogItem } from '../../../core/catalog/lookup';
import type { ReadableDB } from '../../../core/store/db';
import type { TryOnCard } from '../../../bridge/views';
import { lookUrl } from './screen-config';

export const ONLINE_LOCATION = 'ONLINE';

interface VariantStockRow {
  sku: string;
  colorCode: string;
  colorZh: string;
  colorEn: string;
  size: string;
  here: number;
  otherStores: number;
  online: number;
}

export function createGarments(db: ReadableDB, storeId: string, lookUrlPattern: string) {
  const variants = db.prepareRead<[string, string, string, string], VariantStockRow>(
    `SELECT v.sku AS sku, v.color_code AS colorCode, v.color_zh AS colorZh, v.color_en AS colorEn,
       v.size AS size,
       coalesce(sum(CASE WHEN s.location_id = ? THEN s.on_hand END), 0) AS here,
       coalesce(sum(CASE WHEN s.location_id NOT IN (?, ?) THEN s.on_hand END), 0) AS otherStores,
       coalesce(sum(CASE WHEN s.location_id = '${ONLINE_LOCATION}' THEN s.on_hand END), 0) AS online
     FROM variants v LEFT JOIN stock s ON s.sku = v.sku
     WHERE v.style_id = ? GROUP BY v.sku ORDER BY v.rowid`,
  );
  return {
    /** The card for a garment; `memberPriceCents` comes from the caller's pricing. */
    card(
      item: CatalogItem,
      source: TryOnCard['source'],
      memberPriceCents: number | null,
    ): TryOnCard {
      const rows = variants.all(storeId, storeId, ONLINE_LOCATION, item.styleId);
      const swatches = new Map<string, TryOnCard['swatches'][number]>();
      for (const row of rows)
        if (!swatches.has(row.colorCode))
          swatches.set(row.colorCode, { code: row.colorCode, zh: row.colorZh, en: row.colorEn });
      return {
        sku: item.sku,
        styleId: item.styleId,
        name: { zh: item.nameZh, en: item.nameEn },
        color: { code: item.colorCode, zh: item.colorZh, en: item.colorEn },
        size: item.size,
        priceCents: item.priceCents,
        listPriceCents: item.listPriceCents,
        memberPriceCents,
        swatches: [...swatches.values()],
        sizes: rows
          .filter((row) => row.colorCode === item.colorCode)
          .map((row) => ({
            size: row.size,
            sku: row.sku,
            here: row.here,
            otherStores: row.otherStores,
            online: row.online,
          })),
        reaction: null,
        reason: null,
        source,
        lookUrl: lookUrl(lookUrlPattern, item),
      };
    },
  };
}
export type Garments = ReturnType<typeof createGarments>;
