import type { Migration } from './types';

/** Catalog: stores, products (styles), variants (one per colour and size), stock per location. */
export const migration0010: Migration = {
  version: 10,
  name: 'catalog',
  up(db) {
    db.exec(`
      CREATE TABLE stores (
        location_id TEXT PRIMARY KEY,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        city TEXT NOT NULL,
        timezone TEXT NOT NULL
      ) STRICT;
      CREATE TABLE products (
        style_id TEXT PRIMARY KEY,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        category TEXT NOT NULL,
        gender TEXT NOT NULL CHECK (gender IN ('F', 'M', 'U')),
        style_tags TEXT NOT NULL,
        season TEXT NOT NULL,
        list_price_cents INTEGER NOT NULL CHECK (list_price_cents >= 0),
        outfit_slot TEXT NOT NULL
      ) STRICT;
      CREATE TABLE variants (
        sku TEXT PRIMARY KEY,
        style_id TEXT NOT NULL REFERENCES products(style_id),
        gtin TEXT NOT NULL UNIQUE CHECK (length(gtin) = 14),
        color_code TEXT NOT NULL,
        color_zh TEXT NOT NULL,
        color_en TEXT NOT NULL,
        size TEXT NOT NULL,
        price_cents INTEGER NOT NULL CHECK (price_cents >= 0)
      ) STRICT;
      CREATE INDEX variants_style ON variants(style_id);
      CREATE TABLE stock (
        sku TEXT NOT NULL REFERENCES variants(sku),
        location_id TEXT NOT NULL,
        on_hand INTEGER NOT NULL,
        PRIMARY KEY (sku, location_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
