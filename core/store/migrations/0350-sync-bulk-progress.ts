import type { Migration } from './types';

/**
 * A snapshot of a stream pulled in big pages (a first sync) that has not reached its last page:
 * how many rows the cloud said it has and how many are applied. Written in the transaction of
 * each page with the cursor after it, so a killed kiosk resumes where it stopped and its progress
 * (rate, time left) goes on from the rows already there; deleted with the last page.
 */
export const migration0350: Migration = {
  version: 350,
  name: 'sync-bulk-progress',
  up(db) {
    db.exec(`
      CREATE TABLE sync_bulk_progress (
        stream TEXT PRIMARY KEY,
        total INTEGER CHECK (total IS NULL OR total >= 0),
        done INTEGER NOT NULL CHECK (done >= 0),
        started_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
