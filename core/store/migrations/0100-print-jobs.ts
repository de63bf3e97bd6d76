import type { Migration } from './types';

/**
 * The printer's job ledger: one row per receipt job id, written before the bytes go out, so a job
 * retried after a timeout or a restart is never printed twice.
 */
export const migration0100: Migration = {
  version: 100,
  name: 'print-jobs',
  up(db) {
    db.exec(`
      CREATE TABLE print_jobs (
        job_id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'printed', 'failed')),
        record TEXT NOT NULL CHECK (json_valid(record)),
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
