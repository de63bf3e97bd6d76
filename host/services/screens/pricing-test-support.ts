/** Catalog items for the checkout pricing tests: only the sku and the prices matter to pricing. */
import type { CatalogItem } from '../../../core/catalog/lookup';

export const item = (
  sku: string,
  priceCents: number,
  listPriceCents = priceCents,
): CatalogItem => ({
  sku,
  styleId: sku.slice(0, 6),
  gtin: '0',
  nameZh: `商品${sku}`,
  nameEn: `Item ${sku}`,
  colorCode: 'BLK',
  colorZh: '黑色',
  colorEn: 'Black',
  size: 'M',
  priceCents,
  listPriceCents,
  stockHere: 1,
});
