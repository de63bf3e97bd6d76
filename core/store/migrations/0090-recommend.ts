import type { Migration } from './types';

/**
 * Precomputed tables for recommendations, rebuilt from history by `rebuildAffinity`
 * (core/recommend/affinity): how often two styles were tried on or bought together
 * (`style_affinity`, both directions stored, so "partners of X" is one primary-key range), and how
 * often each style was bought and tried (`style_popularity`, the fallback and the baseline).
 * Derived data only: dropping and rebuilding them loses nothing.
 */
export const migration0090: Migration = {
  version: 90,
  name: 'recommend',
  up(db) {
    db.exec(`
      CREATE TABLE style_affinity (
        style_a TEXT NOT NULL,
        style_b TEXT NOT NULL,
        score REAL NOT NULL CHECK (score > 0),
        co_purchases INTEGER NOT NULL DEFAULT 0 CHECK (co_purchases >= 0),
        co_tryons INTEGER NOT NULL DEFAULT 0 CHECK (co_tryons >= 0),
        PRIMARY KEY (style_a, style_b),
        CHECK (style_a <> style_b)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE style_popularity (
        style_id TEXT PRIMARY KEY,
        purchases INTEGER NOT NULL CHECK (purchases >= 0),
        tryons INTEGER NOT NULL CHECK (tryons >= 0)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX style_popularity_rank ON style_popularity(purchases DESC, tryons DESC);
    `);
  },
};
