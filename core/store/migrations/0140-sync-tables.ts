import type { Migration } from './types';

/**
 * Tables the sync engine keeps beside the kiosk's own, formerly created ad hoc by the engine
 * (`IF NOT EXISTS`: kiosks that ran that code already have the first two):
 * - `sync_staff_tasks`: tasks the cloud raised for a rejected mutation (shown in the staff console);
 * - `sync_snapshot_keys`: keys seen by an unfinished snapshot of a stream, so the end of the
 *   snapshot can drop what the server no longer has, and a killed kiosk resumes it;
 * - `member_aliases`: a member joined offline (`PRV-…`) → the permanent id the cloud gave it. Rows
 *   that cannot be rewritten (the append-only points ledger) keep the provisional id; readers map
 *   it through this table.
 * Staff rows from the cloud can be disabled there: `staff.disabled_at` refuses the badge here.
 */
export const migration0140: Migration = {
  version: 140,
  name: 'sync-tables',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS sync_staff_tasks (
        task_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        message TEXT NOT NULL,
        mutation_key TEXT NOT NULL,
        error_code TEXT,
        compensation TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(compensation)),
        created_at TEXT NOT NULL,
        resolved_at TEXT
      ) STRICT;
      CREATE TABLE IF NOT EXISTS sync_snapshot_keys (
        stream TEXT NOT NULL,
        key TEXT NOT NULL,
        PRIMARY KEY (stream, key)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE member_aliases (
        provisional_id TEXT PRIMARY KEY,
        member_id TEXT NOT NULL,
        merged INTEGER NOT NULL CHECK (merged IN (0, 1)),
        confirmed_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX member_aliases_member ON member_aliases(member_id);
      ALTER TABLE staff ADD COLUMN disabled_at TEXT;
    `);
  },
};
