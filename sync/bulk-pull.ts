/**
 * A snapshot of a stream in big pages (`/v1/pull/{stream}/bulk`, sync/protocol/bulk-pull.ts): a
 * first sync of a large catalog, or a stream the cloud asked to refetch.
 *
 * Same guarantees as the plain pull (pull.ts): a page is applied only when its checksum and count
 * hold, its rows and the cursor after it commit in one transaction, a snapshot's end prunes what
 * the cloud no longer has. Besides, `sync_bulk_progress` (migration 0350) records in that same
 * transaction how many rows are applied of how many, so a kiosk killed half way resumes at the
 * next page, with big pages again, and its progress goes on from the rows already there.
 * A cloud without the route (404) gets the plain pull.
 */
import type { WritableDB } from '../core/store/db';
import {
  bulkProgress,
  forgetBulkProgress,
  saveBulkProgress,
} from '../core/sync-store/stream-position';
import { DEFAULT_BULK_PULL_LIMIT, type PullPage, type StreamName } from './protocol';
import {
  applyPage,
  restartForRefetch,
  savedCursor,
  type BulkProgress,
  type PullDeps,
  type PullResult,
  type StreamPullResult,
} from './pull-page';

/** In the page's transaction: the progress row while the snapshot goes on, gone at its end. */
function saveProgress(db: WritableDB, page: PullPage, progress: BulkProgress, at: Date): void {
  if (page.snapshot && page.hasMore) saveBulkProgress(db, page.stream, progress, at);
  else forgetBulkProgress(db, page.stream);
}

/** A snapshot to start (no cursor) or one in big pages to go on with. */
export function wantsBulk(db: WritableDB, stream: StreamName): boolean {
  return savedCursor(db, stream) === null || bulkProgress(db, stream) !== null;
}

/** Null when the cloud has no bulk route: the caller pulls the plain way. */
export async function pullStreamBulk(
  deps: PullDeps,
  stream: StreamName,
): Promise<PullResult | null> {
  const { db } = deps;
  const result: StreamPullResult = { stream, pages: 0, rows: 0, skipped: 0, refetched: false };
  const resumed = bulkProgress(db, stream);
  const progress: BulkProgress = {
    stream,
    done: resumed?.done ?? 0,
    total: resumed?.total ?? null,
    resumedFrom: resumed?.done ?? 0,
    finished: false,
  };
  const fetchPage = (cursor: string | null) =>
    deps.client.pullBulk(deps.token, stream, cursor, deps.bulkLimit ?? DEFAULT_BULK_PULL_LIMIT);
  let cursor = savedCursor(db, stream);
  let pending = fetchPage(cursor);
  let badPages = 0;
  for (;;) {
    const answer = await pending;
    if (!answer.ok) {
      if (
        answer.error.status === 404 &&
        result.pages === 0 &&
        answer.error.code !== 'unknown-stream'
      )
        return null;
      if (answer.error.kind === 'bad-answer' && ++badPages < 3) {
        pending = fetchPage(cursor);
        continue;
      }
      return { ok: false, error: answer.error, partial: result };
    }
    badPages = 0;
    const { header, rows } = answer.value;
    if (header.mustRefetch) {
      const refused = restartForRefetch(db, stream, cursor, result);
      if (refused) return refused;
      progress.done = progress.resumedFrom = 0;
      progress.total = null;
      cursor = null;
      pending = fetchPage(cursor);
      continue;
    }
    if (header.stream !== stream)
      return {
        ok: false,
        error: { kind: 'bad-answer', message: `${stream}: a page of ${header.stream}` },
        partial: result,
      };
    // The next page is on its way while this one is applied: the cloud's work and the kiosk's
    // overlap. Only the applied page's cursor is saved, so a crash still resumes right after it.
    if (header.hasMore) pending = fetchPage(header.cursor);
    if (header.total !== null) progress.total = header.total;
    progress.done += rows.length;
    const page: PullPage = { ...header, rows };
    result.skipped += applyPage(deps, page, () => saveProgress(db, page, progress, deps.now()));
    result.pages++;
    result.rows += rows.length;
    cursor = header.cursor;
    progress.finished = !header.hasMore;
    deps.onBulkProgress?.({ ...progress });
    if (!header.hasMore) return { ok: true, value: result };
  }
}
