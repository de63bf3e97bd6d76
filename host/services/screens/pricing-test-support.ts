/** Catalog items and tiers for the checkout pricing tests: only skus and prices matter to pricing. */
import type { CatalogItem } from '../../../core/catalog/lookup';
import type { Tier } from '../../../core/rules';

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

const tier = (
  id: string,
  name: Tier['name'],
  discountPct: number,
  pointsPerYuan: number,
  minAnnualSpendYuan: number,
): Tier => ({ tier: id, name, discountPct, pointsPerYuan, minAnnualSpendYuan });

export const gold = tier('gold', { zh: '金卡会员', en: 'Gold' }, 5, 2, 5000);
export const regular = tier('regular', { zh: '普通会员', en: 'Regular' }, 0, 1, 0);
