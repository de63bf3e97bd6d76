import type { Migration } from './types';

/**
 * The optional "how likely are you to recommend us" answer after paying: one row per sale at most,
 * anonymous unless a member was signed in, synced as `recordNps`.
 */
export const migration0120: Migration = {
  version: 120,
  name: 'nps',
  up(db) {
    db.exec(`
      CREATE TABLE nps_responses (
        nps_id TEXT PRIMARY KEY,
        sale_id TEXT UNIQUE,
        store_id TEXT NOT NULL,
        member_id TEXT,
        score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
