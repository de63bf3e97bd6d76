import type { Migration } from './types';

/**
 * A `kiosk import` applied in chunks: the folder it reads (a hash of its files' bytes), whether
 * the whole import was rehearsed (every rule checked in a transaction that was rolled back), and
 * how many rows are applied. Written in the transaction of each chunk, so a killed import run
 * again on the same folder goes on after the last chunk; a different folder starts over.
 */
export const migration0400: Migration = {
  version: 400,
  name: 'import-progress',
  up(db) {
    db.exec(`
      CREATE TABLE import_progress (
        folder_hash TEXT PRIMARY KEY,
        total_rows INTEGER NOT NULL CHECK (total_rows >= 0),
        rehearsed INTEGER NOT NULL DEFAULT 0 CHECK (rehearsed IN (0, 1)),
        rows_applied INTEGER NOT NULL DEFAULT 0 CHECK (rows_applied BETWEEN 0 AND total_rows),
        chunks_applied INTEGER NOT NULL DEFAULT 0 CHECK (chunks_applied >= 0),
        changed_json TEXT NOT NULL DEFAULT '{}',
        started_at TEXT NOT NULL,
        finished_at TEXT
      ) STRICT;
    `);
  },
};
