/**
 * One page of a stream applied locally: its checks, its rows and the cursor after it in one
 * transaction. Shared by the plain pull (pull.ts) and the big pages of a snapshot (bulk-pull.ts).
 */
import type { DataKey } from '../core/crypto';
import type { WritableDB } from '../core/store/db';
import { applyRow, SNAPSHOT_PRUNE } from './apply-rows';
import type { CloudClient } from './cloud-client';
import type { SyncHttpError } from './http-client';
import { activateModel } from './model-rows';
import { pageChecksum, type PullPage, type StreamName } from './protocol';

export interface PullDeps {
  db: WritableDB;
  key: DataKey;
  client: CloudClient;
  token: string;
  now: () => Date;
  limit?: number;
  /** Rows per big page of a snapshot (bulk-pull.ts); default the protocol's default. */
  bulkLimit?: number;
  /** Called after each page of a snapshot pulled in big pages (a first sync). */
  onBulkProgress?: (progress: BulkProgress) => void;
}

/** A snapshot pulled in big pages: rows applied so far and how many the cloud said it has. */
export interface BulkProgress {
  stream: StreamName;
  done: number;
  total: number | null;
  /** Rows applied before this run (a resumed snapshot). */
  resumedFrom: number;
  finished: boolean;
}

export interface StreamPullResult {
  stream: StreamName;
  pages: number;
  rows: number;
  skipped: number;
  refetched: boolean;
}

export type PullResult =
  | { ok: true; value: StreamPullResult }
  | { ok: false; error: SyncHttpError; partial: StreamPullResult };

export function savedCursor(db: WritableDB, stream: StreamName): string | null {
  return (
    db
      .prepare<[string], { cursor: string }>('SELECT cursor FROM sync_cursors WHERE stream = ?')
      .get(stream)?.cursor ?? null
  );
}

/** Forgets one stream's position (mustRefetch): the next pull of it is a snapshot. */
export function resetStream(db: WritableDB, stream: StreamName): void {
  db.transaction(() => {
    db.prepare('DELETE FROM sync_cursors WHERE stream = ?').run(stream);
    db.prepare('DELETE FROM sync_snapshot_keys WHERE stream = ?').run(stream);
    db.prepare('DELETE FROM sync_bulk_progress WHERE stream = ?').run(stream);
  });
}

export function pageIsIntact(page: PullPage): boolean {
  return page.count === page.rows.length && pageChecksum(page.rows) === page.checksum;
}

/**
 * Applies one checked page and saves the cursor after it, in one transaction; `alongside` runs in
 * that transaction too (the bulk progress row).
 */
export function applyPage(deps: PullDeps, page: PullPage, alongside?: () => void): number {
  const { db } = deps;
  const at = deps.now().toISOString();
  const prune = SNAPSHOT_PRUNE[page.stream];
  let skipped = 0;
  db.transaction(() => {
    const mark = db.prepare(
      'INSERT INTO sync_snapshot_keys (stream, key) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
    for (const row of page.rows) {
      if (!applyRow({ db, key: deps.key }, page.stream, row, at)) skipped++;
      if (page.snapshot && prune && row.op === 'upsert') mark.run(page.stream, row.key);
    }
    if (page.snapshot && !page.hasMore && prune) {
      prune(db);
      db.prepare('DELETE FROM sync_snapshot_keys WHERE stream = ?').run(page.stream);
    }
    // A model is used only once its last page is in and its checksum holds (sync/model-rows).
    if (page.stream === 'model' && !page.hasMore) activateModel(db, deps.now());
    if (page.cursor)
      db.prepare(
        `INSERT INTO sync_cursors (stream, cursor, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (stream) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
      ).run(page.stream, page.cursor, at);
    alongside?.();
  });
  return skipped;
}
