/**
 * Where each pulled stream stands on the kiosk: its cursor (`sync_cursors`), the keys a snapshot
 * has brought so far (`sync_snapshot_keys`, to prune what it no longer lists) and the progress of
 * a snapshot pulled in big pages (`sync_bulk_progress`). Writes run in the caller's transaction.
 */
import type { WritableDB } from '../store/db';

export function savedCursor(db: WritableDB, stream: string): string | null {
  return (
    db
      .prepare<[string], { cursor: string }>('SELECT cursor FROM sync_cursors WHERE stream = ?')
      .get(stream)?.cursor ?? null
  );
}

export function saveCursor(db: WritableDB, stream: string, cursor: string, at: string): void {
  db.prepare(
    `INSERT INTO sync_cursors (stream, cursor, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (stream) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
  ).run(stream, cursor, at);
}

/** Forgets one stream's cursor, snapshot keys and bulk progress, in one transaction. */
export function forgetStreamPosition(db: WritableDB, stream: string): void {
  db.transaction(() => {
    db.prepare('DELETE FROM sync_cursors WHERE stream = ?').run(stream);
    forgetSnapshotKeys(db, stream);
    forgetBulkProgress(db, stream);
  });
}

/** Notes that the snapshot being pulled lists `key` (kept until the snapshot's end). */
export function markSnapshotKey(db: WritableDB, stream: string, key: string): void {
  db.prepare(
    'INSERT INTO sync_snapshot_keys (stream, key) VALUES (?, ?) ON CONFLICT DO NOTHING',
  ).run(stream, key);
}

export function forgetSnapshotKeys(db: WritableDB, stream: string): void {
  db.prepare('DELETE FROM sync_snapshot_keys WHERE stream = ?').run(stream);
}

export interface BulkProgressRow {
  total: number | null;
  done: number;
}

export function bulkProgress(db: WritableDB, stream: string): BulkProgressRow | null {
  return (
    db
      .prepare<[string], BulkProgressRow>(
        'SELECT total, done FROM sync_bulk_progress WHERE stream = ?',
      )
      .get(stream) ?? null
  );
}

/** Records rows applied of how many; the start time of the snapshot is kept from its first page. */
export function saveBulkProgress(
  db: WritableDB,
  stream: string,
  progress: BulkProgressRow,
  at: Date,
): void {
  db.prepare(
    `INSERT INTO sync_bulk_progress (stream, total, done, started_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (stream) DO UPDATE SET total = excluded.total, done = excluded.done`,
  ).run(stream, progress.total, progress.done, at.toISOString());
}

export function forgetBulkProgress(db: WritableDB, stream: string): void {
  db.prepare('DELETE FROM sync_bulk_progress WHERE stream = ?').run(stream);
}
