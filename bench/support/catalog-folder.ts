/**
 * A store folder for `kiosk import` with a catalog of any size: the demo store's small files
 * (stores, channels, tiers, coupons, members, staff) and generated products (styles of 20
 * variants), variants with valid GTIN-13s and one stock row per variant.
 */
import { copyFileSync, createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { gtin13 } from './generate-catalog';

const demoStore = join(import.meta.dirname, '../../fixtures/demo-store');
const small = ['stores', 'channels', 'tiers', 'coupons', 'members', 'staff'];
const colors = ['BLK', 'WHT', 'NAV', 'BEI'] as const;
const sizes = ['XS', 'S', 'M', 'L', 'XL'] as const;

async function writeLines(
  path: string,
  header: string,
  count: number,
  line: (i: number) => string,
) {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  for (let i = 0; i < count; i++) {
    if (!out.write(`${line(i)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Writes the folder; `variants` rows in variants.csv and in stock.csv, a twentieth in products. */
export async function writeCatalogFolder(dir: string, variants: number): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const name of small) copyFileSync(join(demoStore, `${name}.csv`), join(dir, `${name}.csv`));
  const styleId = (s: number) => `G${String(s).padStart(7, '0')}`;
  const sku = (i: number) =>
    `${styleId(Math.floor(i / 20))}-${colors[Math.floor(i / 5) % 4] ?? 'BLK'}-${sizes[i % 5] ?? 'M'}`;
  await writeLines(
    join(dir, 'products.csv'),
    'style_id,name_zh,name_en,category,gender,style_tags,season,list_price_cents,outfit_slot',
    Math.ceil(variants / 20),
    (s) => `${styleId(s)},款式${s},Style ${s},tops,${s % 2 ? 'F' : 'M'},basic,AW26,19900,top`,
  );
  await writeLines(
    join(dir, 'variants.csv'),
    'sku,style_id,gtin,color_code,color_zh,color_en,size,price_cents',
    variants,
    (i) =>
      `${sku(i)},${styleId(Math.floor(i / 20))},${gtin13(i)},${colors[Math.floor(i / 5) % 4] ?? 'BLK'},色,Colour,${sizes[i % 5] ?? 'M'},19900`,
  );
  await writeLines(
    join(dir, 'stock.csv'),
    'sku,location_id,on_hand',
    variants,
    (i) => `${sku(i)},S001,${i % 9}`,
  );
}
