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
import type { DataKey } from '../core/crypto';
import type { WritableDB } from '../core/store/db';
import { applyRow, SNAPSHOT_PRUNE } from './apply-rows';
import type { CloudClient } from './cloud-client';
import { activateModel } from './model-rows';
import type { SyncHttpError } from './http-client';
import { pageChecksum, STREAMS, type PullPage, type StreamName } from './protocol';

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

export interface PullDeps {
  db: WritableDB;
  key: DataKey;
  client: CloudClient;
  token: string;
  now: () => Date;
  limit?: number;
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
  });
}

export function pageIsIntact(page: PullPage): boolean {
  return page.count === page.rows.length && pageChecksum(page.rows) === page.checksum;
}

function applyPage(deps: PullDeps, page: PullPage): number {
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
  });
  return skipped;
}

/** Pulls one stream until the server has no more for it. */
export async function pullStream(deps: PullDeps, stream: StreamName): Promise<PullResult> {
  const result: StreamPullResult = { stream, pages: 0, rows: 0, skipped: 0, refetched: false };
  let badPages = 0;
  for (;;) {
    const cursor = savedCursor(deps.db, stream);
    const answer = await deps.client.pull(deps.token, stream, cursor, deps.limit);
    if (!answer.ok) return { ok: false, error: answer.error, partial: result };
    const page = answer.value;
    if (page.mustRefetch) {
      if (result.refetched || !cursor)
        return {
          ok: false,
          error: {
            kind: 'bad-answer',
            message: `${stream}: must-refetch again on a fresh snapshot`,
          },
          partial: result,
        };
      resetStream(deps.db, stream);
      result.refetched = true;
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
