/**
 * The puller: brings one stream up to date, page by page.
 *
 * Guarantees:
 * - a page is applied only when its `count` and `checksum` match its rows; otherwise it is fetched
 *   again with the same cursor (up to 3 times, then the pull fails with `bad-answer`);
 * - the rows of a page and the cursor after it are saved in ONE local transaction, so a crash
 *   resumes exactly after the last applied page;
 * - no saved cursor = a snapshot; at its last page, streams listed in SNAPSHOT_PRUNE drop the rows
 *   the snapshot did not contain (the old copy is served until then);
 * - `mustRefetch` drops that one stream's cursor and snapshot marks and starts it again; the outbox
 *   and the other streams are not touched.
 */
import { pullStreamBulk, wantsBulk } from './bulk-pull';
import type { SyncHttpError } from './http-client';
import { STREAMS, type StreamName } from './protocol';
import {
  applyPage,
  pageIsIntact,
  restartForRefetch,
  savedCursor,
  type PullDeps,
  type PullResult,
  type StreamPullResult,
} from './pull-page';

export {
  applyPage,
  resetStream,
  savedCursor,
  type BulkProgress,
  type PullDeps,
  type PullResult,
  type StreamPullResult,
} from './pull-page';

/** Order matters: config brings stores and tiers that members and coupons refer to. */
export const PULL_ORDER: readonly StreamName[] = [
  'config',
  'catalog',
  'prices',
  'stock',
  'members',
  'coupons',
  'media',
  'model',
];

/** Pulls one stream until the server has no more for it; a snapshot in big pages when it can. */
export async function pullStream(deps: PullDeps, stream: StreamName): Promise<PullResult> {
  if (wantsBulk(deps.db, stream)) {
    const bulk = await pullStreamBulk(deps, stream);
    if (bulk) return bulk;
  }
  const result: StreamPullResult = { stream, pages: 0, rows: 0, skipped: 0, refetched: false };
  let badPages = 0;
  for (;;) {
    const cursor = savedCursor(deps.db, stream);
    const answer = await deps.client.pull(deps.token, stream, cursor, deps.limit);
    if (!answer.ok) return { ok: false, error: answer.error, partial: result };
    const page = answer.value;
    if (page.mustRefetch) {
      const refused = restartForRefetch(deps.db, stream, cursor, result);
      if (refused) return refused;
      continue;
    }
    if (page.stream !== stream || !pageIsIntact(page)) {
      if (++badPages >= 3)
        return {
          ok: false,
          error: { kind: 'bad-answer', message: `${stream}: page count or checksum mismatch` },
          partial: result,
        };
      continue;
    }
    badPages = 0;
    result.skipped += applyPage(deps, page);
    result.pages++;
    result.rows += page.rows.length;
    if (!page.hasMore) return { ok: true, value: result };
  }
}

/** Pulls every stream in PULL_ORDER; stops at the first transport error. */
export async function pullAll(
  deps: PullDeps,
  streams: readonly StreamName[] = PULL_ORDER,
): Promise<
  | { ok: true; value: StreamPullResult[] }
  | { ok: false; error: SyncHttpError; done: StreamPullResult[] }
> {
  const done: StreamPullResult[] = [];
  for (const stream of streams) {
    if (!STREAMS.includes(stream)) continue;
    const r = await pullStream(deps, stream);
    if (!r.ok) return { ok: false, error: r.error, done: [...done, r.partial] };
    done.push(r.value);
  }
  return { ok: true, value: done };
}
