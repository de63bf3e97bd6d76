import { pageChecksum, type PullPage, type StreamName, type StreamRow } from '../../sync/protocol';
import type { Db } from '../db/db';
import { decodeCursor, encodeCursor, type Cursor } from './cursor';

export interface PageRequest {
  stream: StreamName;
  storeId: string;
  cursor: string | undefined;
  limit: number;
}

/**
 * Serves one page of a stream after `cursor`.
 *
 * Guarantee: a row is never skipped. Rows are ordered by (xid, pos) and only rows written by
 * transactions older than the oldest one still running (`xid < pg_snapshot_xmin(...)`) are served.
 * Every such transaction has finished, so no row can later appear at or before a served position;
 * a row written by a transaction still in flight waits for a later pull. A long transaction delays
 * pulls; it never loses rows.
 */
/**
 * Where a page starts: the request's cursor, or the start of a snapshot when it has none; null when
 * the cursor is not one this server issued for this stream, store and stream epoch (must-refetch).
 */
export async function pageStart(db: Db, req: Omit<PageRequest, 'limit'>): Promise<Cursor | null> {
  const { rows: epochRows } = await db.query<{ epoch: number }>(
    'SELECT epoch FROM stream_epochs WHERE stream = $1',
    [req.stream],
  );
  const epoch = epochRows[0]?.epoch ?? 1;
  if (req.cursor === undefined)
    return { stream: req.stream, storeId: req.storeId, epoch, xid: '0', pos: '0', snapshot: true };
  const c = decodeCursor(req.cursor);
  if (!c || c.stream !== req.stream || c.storeId !== req.storeId || c.epoch !== epoch) return null;
  return c;
}

export async function servePage(db: Db, req: PageRequest): Promise<PullPage> {
  const from = await pageStart(db, req);
  if (!from) return mustRefetch(req.stream);
  // A page must be a range scan of stream_rows_order (stream, xid, pos) that stops after `limit`
  // rows. With stale statistics (PGlite has no autovacuum; a bulk load outruns autoanalyze) the
  // planner picks the primary key instead, reads the WHOLE stream and sorts it, for every page:
  // a first sync of 1M rows was quadratic. Sorting and bitmap scans are switched off for this one
  // query (SET LOCAL: the transaction only), which leaves the ordered index scan.
  // Aliases differ from the columns so ORDER BY sorts the xid8/bigint columns, not their text.
  const { rows } = await db.transaction(async (tx) => {
    await tx.query('SET LOCAL enable_sort = off');
    await tx.query('SET LOCAL enable_bitmapscan = off');
    return tx.query<{
      key: string;
      data: Record<string, never> | null;
      x: string;
      p: string;
    }>(
      `SELECT key, data, xid::text AS x, pos::text AS p FROM stream_rows
       WHERE stream = $1 AND scope IN ('*', $2) AND (xid, pos) > ($3::xid8, $4::bigint)
         AND xid < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY xid, pos LIMIT $5`,
      [req.stream, req.storeId, from.xid, from.pos, req.limit + 1],
    );
  });
  const hasMore = rows.length > req.limit;
  const served = rows.slice(0, req.limit);
  const last = served.at(-1);
  const out: StreamRow[] = served.map((r) => ({
    key: r.key,
    op: r.data === null ? 'delete' : 'upsert',
    data: r.data,
  }));
  const next: Cursor = last
    ? { ...from, xid: last.x, pos: last.p, snapshot: from.snapshot && hasMore }
    : { ...from, snapshot: false };
  return {
    stream: req.stream,
    rows: out,
    count: out.length,
    checksum: pageChecksum(out),
    cursor: encodeCursor(next),
    hasMore,
    mustRefetch: false,
    snapshot: from.snapshot,
  };
}

function mustRefetch(stream: StreamName): PullPage {
  return {
    stream,
    rows: [],
    count: 0,
    checksum: pageChecksum([]),
    cursor: null,
    hasMore: true,
    mustRefetch: true,
    snapshot: false,
  };
}

/** Forces every device to refetch `stream` from a snapshot (e.g. after a bulk correction). */
export async function resetStream(db: Db, stream: StreamName): Promise<number> {
  const { rows } = await db.query<{ epoch: number }>(
    'UPDATE stream_epochs SET epoch = epoch + 1 WHERE stream = $1 RETURNING epoch',
    [stream],
  );
  return rows[0]?.epoch ?? 0;
}
