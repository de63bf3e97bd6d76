import type { Migration } from './types';

/**
 * Catalog media (docs/media.md). `catalog_media`: the image the catalog names for a style and
 * colour (content hash, type, size, alt texts), from `kiosk import` or the cloud's media stream;
 * it may name a hash this kiosk does not have yet. `media_blobs`: the images on disk under
 * `<data dir>/media` (content-addressed files; the index says what is there, its size, and when a
 * screen last used it, for eviction). `media_variants`: the sizes made from a raster image.
 * The blobs are files, not rows: 100,000 images are 10–30 GB that must not sit in the database
 * the sales are synced from (WAL, backups, secure_delete zeroing on eviction).
 */
export const migration0250: Migration = {
  version: 250,
  name: 'catalog-media',
  up(db) {
    const types = `'image/jpeg', 'image/png', 'image/webp', 'image/svg+xml'`;
    db.exec(`
      CREATE TABLE catalog_media (
        style_id TEXT NOT NULL,
        color_code TEXT NOT NULL,
        hash TEXT NOT NULL CHECK (length(hash) = 64),
        type TEXT NOT NULL CHECK (type IN (${types})),
        bytes INTEGER NOT NULL CHECK (bytes > 0),
        alt_zh TEXT NOT NULL,
        alt_en TEXT NOT NULL,
        PRIMARY KEY (style_id, color_code)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX catalog_media_hash ON catalog_media(hash);
      CREATE TABLE media_blobs (
        hash TEXT PRIMARY KEY CHECK (length(hash) = 64),
        type TEXT NOT NULL CHECK (type IN (${types})),
        bytes INTEGER NOT NULL CHECK (bytes > 0),
        stored_at TEXT NOT NULL,
        used_at TEXT
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE media_variants (
        hash TEXT NOT NULL REFERENCES media_blobs(hash) ON DELETE CASCADE,
        size TEXT NOT NULL CHECK (size IN ('thumb', 'screen')),
        bytes INTEGER NOT NULL CHECK (bytes > 0),
        PRIMARY KEY (hash, size)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX variants_style_colour ON variants(style_id, color_code);
    `);
  },
};
