/** Import specs for the catalog files of a store folder: stores, products, variants, stock. */
import { z } from 'zod';
import { cents, count, gtin, id, text } from './fields';
import type { FileSpec } from './spec';
import { tableSpec as spec } from './table-spec';

const stores = z.object({
  location_id: id,
  name_zh: text,
  name_en: text,
  city: text,
  timezone: text,
});

const products = z.object({
  style_id: id,
  name_zh: text,
  name_en: text,
  category: text,
  gender: z.enum(['F', 'M', 'U'], { message: 'must be F, M or U' }),
  style_tags: z.string().trim().max(200),
  season: text,
  list_price_cents: cents,
  outfit_slot: text,
});

const variants = z.object({
  sku: id,
  style_id: id,
  gtin,
  color_code: id,
  color_zh: text,
  color_en: text,
  size: id,
  price_cents: cents,
});

const stock = z.object({ sku: id, location_id: id, on_hand: count });

/** In dependency order: a row may only refer to rows of files before it. */
export const catalogFiles: readonly FileSpec[] = [
  spec('stores.csv', 'stores', stores, ['location_id']),
  spec('products.csv', 'products', products, ['style_id']),
  spec('variants.csv', 'variants', variants, ['sku']),
  spec('stock.csv', 'stock', stock, ['sku', 'location_id']),
];
