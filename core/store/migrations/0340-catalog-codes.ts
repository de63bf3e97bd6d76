import type { Migration } from './types';

/** Every column a scan needs, in the order the triggers below write them. */
const COLUMNS = `gtin, sku, style_id, name_zh, name_en, color_code, color_zh, color_en, size,
  price_cents, list_price_cents, stock_here`;

/** The variant NEW (or a row aliased v) as a catalog_codes row; stock from the kiosk's store. */
const codeRow = (v: string) => `SELECT CAST(${v}.gtin AS INTEGER), ${v}.sku, ${v}.style_id,
    p.name_zh, p.name_en, ${v}.color_code, ${v}.color_zh, ${v}.color_en, ${v}.size, ${v}.price_cents,
    p.list_price_cents,
    coalesce((SELECT s.on_hand FROM stock s JOIN catalog_code_store c ON s.location_id = c.store_id
      WHERE s.sku = ${v}.sku), 0)
  FROM products p WHERE p.style_id = ${v}.style_id`;

/** The catalog_codes key of the variant with this sku. */
const gtinOf = (sku: string) =>
  `(SELECT CAST(v.gtin AS INTEGER) FROM variants v WHERE v.sku = ${sku})`;
const isHere = (location: string) =>
  `${location} = (SELECT store_id FROM catalog_code_store WHERE only = 1)`;

/**
 * A scan's look-up in one B-tree search (issue 15: ≤ 5 µs on 1 M variants, was 17.5 µs through
 * a join of variants, products and stock, five searches on text keys). `catalog_codes` holds,
 * per GTIN as an integer key, what the screens show for a scan, with the stock of the kiosk's own
 * store. Triggers keep it equal to the join in the same transaction as every write to variants,
 * products and stock, whoever writes (import, pull, tests). The kiosk's store is
 * `catalog_code_store` (set at start, `core/catalog/codes.ts`); until it is set `stock_here`
 * is 0 and the look-up uses the join.
 */
export const migration0340: Migration = {
  version: 340,
  name: 'catalog-codes',
  up(db) {
    db.exec(`
      CREATE TABLE catalog_code_store (
        only INTEGER PRIMARY KEY CHECK (only = 1),
        store_id TEXT NOT NULL CHECK (length(store_id) > 0)
      ) STRICT;
      CREATE TABLE catalog_codes (
        gtin INTEGER PRIMARY KEY,
        sku TEXT NOT NULL,
        style_id TEXT NOT NULL,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        color_code TEXT NOT NULL,
        color_zh TEXT NOT NULL,
        color_en TEXT NOT NULL,
        size TEXT NOT NULL,
        price_cents INTEGER NOT NULL,
        list_price_cents INTEGER NOT NULL,
        stock_here INTEGER NOT NULL
      ) STRICT;
      INSERT INTO catalog_codes (${COLUMNS})
        SELECT CAST(v.gtin AS INTEGER), v.sku, v.style_id, p.name_zh, p.name_en, v.color_code,
          v.color_zh, v.color_en, v.size, v.price_cents, p.list_price_cents, 0
        FROM variants v JOIN products p ON p.style_id = v.style_id;

      CREATE TRIGGER catalog_codes_variant_insert AFTER INSERT ON variants BEGIN
        INSERT OR REPLACE INTO catalog_codes (${COLUMNS}) ${codeRow('NEW')};
      END;
      CREATE TRIGGER catalog_codes_variant_update AFTER UPDATE ON variants BEGIN
        DELETE FROM catalog_codes WHERE gtin = CAST(OLD.gtin AS INTEGER);
        INSERT OR REPLACE INTO catalog_codes (${COLUMNS}) ${codeRow('NEW')};
      END;
      CREATE TRIGGER catalog_codes_variant_delete AFTER DELETE ON variants BEGIN
        DELETE FROM catalog_codes WHERE gtin = CAST(OLD.gtin AS INTEGER);
      END;
      CREATE TRIGGER catalog_codes_product_update
      AFTER UPDATE OF name_zh, name_en, list_price_cents ON products BEGIN
        UPDATE catalog_codes SET name_zh = NEW.name_zh, name_en = NEW.name_en,
          list_price_cents = NEW.list_price_cents
        WHERE gtin IN (SELECT CAST(v.gtin AS INTEGER) FROM variants v WHERE v.style_id = NEW.style_id);
      END;
      CREATE TRIGGER catalog_codes_stock_insert AFTER INSERT ON stock
      WHEN ${isHere('NEW.location_id')} BEGIN
        UPDATE catalog_codes SET stock_here = NEW.on_hand WHERE gtin = ${gtinOf('NEW.sku')};
      END;
      CREATE TRIGGER catalog_codes_stock_update AFTER UPDATE ON stock BEGIN
        UPDATE catalog_codes SET stock_here = 0
          WHERE ${isHere('OLD.location_id')} AND gtin = ${gtinOf('OLD.sku')};
        UPDATE catalog_codes SET stock_here = NEW.on_hand
          WHERE ${isHere('NEW.location_id')} AND gtin = ${gtinOf('NEW.sku')};
      END;
      CREATE TRIGGER catalog_codes_stock_delete AFTER DELETE ON stock
      WHEN ${isHere('OLD.location_id')} BEGIN
        UPDATE catalog_codes SET stock_here = 0 WHERE gtin = ${gtinOf('OLD.sku')};
      END;
    `);
  },
};
