/**
 * The catalog's product images (docs/media.md). `media_blobs`: each image once, by the sha256 of
 * its (sanitised) bytes; `catalog_media`: which image a style and colour shows, with alt texts, and
 * the source of the `media` stream; `media_variants`: sizes made once for the public `/media/…`
 * route (HQ console, phone pages). A changed image is a new hash: blobs are never rewritten.
 */
export const sql = `
CREATE TABLE media_blobs (hash text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
  type text NOT NULL CHECK (type IN ('image/jpeg', 'image/png', 'image/webp', 'image/svg+xml')),
  bytes int NOT NULL CHECK (bytes > 0 AND bytes = octet_length(data)), data bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE catalog_media (style_id text NOT NULL REFERENCES products, color_code text NOT NULL,
  hash text NOT NULL REFERENCES media_blobs, alt_zh text NOT NULL, alt_en text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (style_id, color_code));
CREATE INDEX catalog_media_hash ON catalog_media (hash);
CREATE TABLE media_variants (hash text NOT NULL REFERENCES media_blobs ON DELETE CASCADE,
  size text NOT NULL CHECK (size IN ('thumb', 'screen')), type text NOT NULL, data bytea NOT NULL,
  PRIMARY KEY (hash, size));
INSERT INTO stream_epochs (stream, epoch) VALUES ('media', 1) ON CONFLICT DO NOTHING;
`;
