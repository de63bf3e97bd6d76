/**
 * Tables the sync engine keeps beside the kiosk's own (created if absent, idempotent):
 * - `sync_staff_tasks`: tasks the cloud raised for a rejected mutation (shown in the staff console);
 * - `sync_snapshot_keys`: keys seen by an unfinished snapshot of a stream, so the end of the
 *   snapshot can drop what the server no longer has, and a killed kiosk resumes it.
 * These belong in a core migration; until the lead moves them there, `ensureSyncTables` creates them.
 */
import type { WritableDB } from '../core/store/db';

export function ensureSyncTables(db: WritableDB): void {
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
  `);
}

export function readSetting(db: WritableDB, key: string): string | null {
  return (
    db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key)
      ?.value ?? null
  );
}

export function writeSetting(db: WritableDB, key: string, value: string): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}
