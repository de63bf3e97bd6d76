import type { Migration } from './types';

/**
 * The recommendation model a kiosk ranks with (core/recommend-store): the model's identity
 * (`recommend_model`, one row: version, whether the cloud sent it or this kiosk trained it on its
 * own history, its weights and validation), brand facts per style (`recommend_items`: popularity,
 * item neighbours, look partners, size advice) and the picks of members (`recommend_members`).
 * `model_stream_rows` holds the cloud's `model` stream as pulled; a complete, checksummed
 * version is copied into the tables above in one transaction, so a half-pulled model is never
 * used. The affinity tables of 0090 are replaced by the model and dropped (derived data).
 */
export const migration0270: Migration = {
  version: 270,
  name: 'recommend-model',
  up(db) {
    db.exec(`
      CREATE TABLE recommend_model (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('cloud', 'local')),
        meta TEXT NOT NULL CHECK (json_valid(meta)),
        activated_at TEXT NOT NULL,
        source_rows INTEGER
      ) STRICT;
      CREATE TABLE recommend_items (
        style_id TEXT PRIMARY KEY,
        popularity REAL NOT NULL CHECK (popularity >= 0),
        data TEXT NOT NULL CHECK (json_valid(data))
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX recommend_items_popular ON recommend_items(popularity DESC, style_id);
      CREATE TABLE recommend_members (
        member_id TEXT PRIMARY KEY,
        data TEXT NOT NULL CHECK (json_valid(data))
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE model_stream_rows (
        key TEXT PRIMARY KEY CHECK (length(key) > 0),
        data TEXT NOT NULL CHECK (json_valid(data))
      ) STRICT, WITHOUT ROWID;
      DROP TABLE style_affinity;
      DROP TABLE style_popularity;
      DELETE FROM settings WHERE key = 'recommend.affinity';
    `);
  },
};
