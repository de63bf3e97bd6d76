/**
 * One page of a stream applied locally: its checks, its rows and the cursor after it in one
 * transaction. Shared by the plain pull (pull.ts) and the big pages of a snapshot (bulk-pull.ts).
 */
import type { DataKey } from '../core/crypto';
import type { WritableDB } from '../core/store/db';
import {
  forgetSnapshotKeys,
  forgetStreamPosition,
  markSnapshotKey,
  saveCursor,
} from '../core/sync-store/stream-position';
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

export { savedCursor } from '../core/sync-store/stream-position';

/** Forgets one stream's position (mustRefetch): the next pull of it is a snapshot. */
export function resetStream(db: WritableDB, stream: StreamName): void {
  forgetStreamPosition(db, stream);
}

/**
 * A `mustRefetch` answer: the stream starts again from a snapshot, once. Null when it may (its
 * position is forgotten and the result notes the refetch); the failure to return when the stream
 * was already refetched in this pull or had no position to drop (a fresh snapshot asked again).
 */
export function restartForRefetch(
  db: WritableDB,
  stream: StreamName,
  cursor: string | null,
  result: StreamPullResult,
): PullResult | null {
  if (result.refetched || !cursor)
    return {
      ok: false,
      error: { kind: 'bad-answer', message: `${stream}: must-refetch again on a fresh snapshot` },
      partial: result,
    };
  resetStream(db, stream);
  result.refetched = true;
  return null;
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
    for (const row of page.rows) {
      if (!applyRow({ db, key: deps.key }, page.stream, row, at)) skipped++;
      if (page.snapshot && prune && row.op === 'upsert') markSnapshotKey(db, page.stream, row.key);
    }
    if (page.snapshot && !page.hasMore && prune) {
      prune(db);
      forgetSnapshotKeys(db, page.stream);
    }
    // A model is used only once its last page is in and its checksum holds (sync/model-rows).
    if (page.stream === 'model' && !page.hasMore) activateModel(db, deps.now());
    if (page.cursor) saveCursor(db, page.stream, page.cursor, at);
    alongside?.();
  });
  return skipped;
}
