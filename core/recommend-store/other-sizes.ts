/**
 * "Other sizes and colours": every variant of the style of a scanned item, with stock here, in the
 * other stores and online, and a one-line reason saying where the shopper can get it.
 */
import { fail, ok, type Result } from '../../common/result';
import type { Label } from '../rules/types';
import type { ReadableDB } from '../store/db';
import { compareSizes, ONLINE, type StockSplit } from '../recommend';

export interface VariantAvailability {
  sku: string;
  styleId: string;
  colorCode: string;
  colorZh: string;
  colorEn: string;
  size: string;
  priceCents: number;
  stock: StockSplit;
  /** True for the variant that was asked about. */
  current: boolean;
  /** e.g. "黑色 XS 在本店有货 / Black XS in stock here". */
  reason: Label;
}

export type OtherSizesResult = Result<
  { styleId: string; variants: VariantAvailability[] },
  'unknown-sku'
>;

function availabilityReason(colorZh: string, colorEn: string, size: string, s: StockSplit): Label {
  const zh = `${colorZh} ${size}`;
  const en = `${colorEn} ${size}`;
  if (s.here > 0) return { zh: `${zh} 在本店有货`, en: `${en} in stock here` };
  if (s.otherStores > 0)
    return {
      zh: `${zh} 其他门店有货，可调货`,
      en: `${en} in stock at other stores, can be transferred`,
    };
  if (s.online > 0)
    return { zh: `${zh} 线上有货，可送货到家`, en: `${en} available online for home delivery` };
  return { zh: `${zh} 暂时缺货`, en: `${en} out of stock everywhere` };
}

/** A variant as the query reads it: its facts and its stock split, flat. */
type Row = Omit<VariantAvailability, 'stock' | 'current' | 'reason'> & StockSplit;

/**
 * Every variant of `sku`'s style, colours in code order and sizes in wearing order, each with its
 * stock split (negative on-hand counts as 0) and reason. An unknown sku is a typed refusal.
 */
export function otherSizesAndColours(
  db: ReadableDB,
  sku: string,
  storeId: string,
): OtherSizesResult {
  const rows = db
    .prepareRead<[string, string, string, string, string], Row>(
      `SELECT v.sku AS sku, v.style_id AS styleId, v.color_code AS colorCode, v.color_zh AS colorZh,
         v.color_en AS colorEn, v.size AS size, v.price_cents AS priceCents,
         coalesce(sum(CASE WHEN s.location_id = ? THEN max(s.on_hand, 0) END), 0) AS here,
         coalesce(sum(CASE WHEN s.location_id NOT IN (?, ?) THEN max(s.on_hand, 0) END), 0) AS otherStores,
         coalesce(sum(CASE WHEN s.location_id = ? THEN max(s.on_hand, 0) END), 0) AS online
       FROM variants v LEFT JOIN stock s ON s.sku = v.sku
       WHERE v.style_id = (SELECT style_id FROM variants WHERE sku = ?)
       GROUP BY v.sku`,
    )
    .all(storeId, storeId, ONLINE, ONLINE, sku);
  const first = rows[0];
  if (!first) return fail('unknown-sku', `no variant ${sku.slice(0, 64)}`);
  rows.sort(
    (a, b) =>
      (a.colorCode < b.colorCode ? -1 : a.colorCode > b.colorCode ? 1 : 0) ||
      compareSizes(a.size, b.size),
  );
  return ok({
    styleId: first.styleId,
    variants: rows.map((r) => {
      const stock = { here: r.here, otherStores: r.otherStores, online: r.online };
      return {
        sku: r.sku,
        styleId: r.styleId,
        colorCode: r.colorCode,
        colorZh: r.colorZh,
        colorEn: r.colorEn,
        size: r.size,
        priceCents: r.priceCents,
        stock,
        current: r.sku === sku,
        reason: availabilityReason(r.colorZh, r.colorEn, r.size, stock),
      };
    }),
  });
}
