/**
 * Big pages of a stream as NDJSON (sync/protocol/bulk-pull.ts), for a first sync of a large
 * catalog. Same cursor, horizon and order as `servePage` (serve-page.ts), so the two can be mixed
 * page by page; the difference is the cost per row. The database writes every row line itself
 * (`[key, data]` as JSON text, joined by line feeds), so no row becomes a JavaScript object on the
 * server, and the checksum is one SHA-256 over those bytes instead of canonical JSON per row.
 */
import { createHash } from 'node:crypto';
import type { BulkPageHeader, StreamName } from '../../sync/protocol';
import type { Db, Queryable } from '../db/db';
import { encodeCursor, type Cursor } from './cursor';
import { pageStart } from './serve-page';

export interface BulkPageRequest {
  stream: StreamName;
  storeId: string;
  cursor: string | undefined;
  limit: number;
}

export interface BulkPage {
  header: BulkPageHeader;
  /** The row lines, joined by line feeds (no trailing one). */
  body: string;
}

/** Rows after `from`, visible to every reader (see servePage for why the xid horizon). */
const AFTER = `stream = $1 AND scope IN ('*', $2) AND (xid, pos) > ($3::xid8, $4::bigint)
  AND xid < pg_snapshot_xmin(pg_current_snapshot())`;

async function countRows(tx: Queryable, from: Cursor): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM stream_rows WHERE ${AFTER}`,
    [from.stream, from.storeId, from.xid, from.pos],
  );
  return rows[0]?.n ?? 0;
}

export async function serveBulkPage(db: Db, req: BulkPageRequest): Promise<BulkPage> {
  const from = await pageStart(db, req);
  if (!from) {
    const header: BulkPageHeader = {
      stream: req.stream,
      count: 0,
      checksum: createHash('sha256').digest('hex'),
      cursor: null,
      hasMore: true,
      mustRefetch: true,
      snapshot: false,
      total: null,
    };
    return { header, body: '' };
  }
  const params = [req.stream, req.storeId, from.xid, from.pos];
  const page = await db.transaction(async (tx) => {
    // The ordered range scan of stream_rows_order, whatever the statistics say (see servePage).
    await tx.query('SET LOCAL enable_sort = off');
    await tx.query('SET LOCAL enable_bitmapscan = off');
    const total = req.cursor === undefined ? await countRows(tx, from) : null;
    const { rows } = await tx.query<{
      n: number;
      body: string | null;
      x: string | null;
      p: string | null;
    }>(
      `WITH page AS (
         SELECT key, data, xid, pos FROM stream_rows WHERE ${AFTER} ORDER BY xid, pos LIMIT $5)
       SELECT count(*)::int AS n,
         string_agg('[' || to_json(key)::text || ',' || coalesce(data::text, 'null') || ']', E'\\n'
           ORDER BY xid, pos) AS body,
         (array_agg(xid::text ORDER BY xid DESC, pos DESC))[1] AS x,
         (array_agg(pos::text ORDER BY xid DESC, pos DESC))[1] AS p
       FROM page`,
      [...params, req.limit],
    );
    const r = rows[0];
    if (!r || r.n === 0 || r.x === null || r.p === null)
      return { n: 0, body: '', last: null, total, more: false };
    const more = await tx.query<{ more: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM stream_rows WHERE ${AFTER}) AS more`,
      [req.stream, req.storeId, r.x, r.p],
    );
    return {
      n: r.n,
      body: r.body ?? '',
      last: { xid: r.x, pos: r.p },
      total,
      more: more.rows[0]?.more === true,
    };
  });
  const next: Cursor = page.last
    ? { ...from, ...page.last, snapshot: from.snapshot && page.more }
    : { ...from, snapshot: false };
  const header: BulkPageHeader = {
    stream: req.stream,
    count: page.n,
    checksum: createHash('sha256').update(page.body, 'utf8').digest('hex'),
    cursor: encodeCursor(next),
    hasMore: page.more,
    mustRefetch: false,
    snapshot: from.snapshot,
    total: page.total,
  };
  return { header, body: page.body };
}

/** The HTTP body: the header line, a line feed, the rows. */
export function bulkPageText(page: BulkPage): string {
  return `${JSON.stringify(page.header)}\n${page.body}`;
}
