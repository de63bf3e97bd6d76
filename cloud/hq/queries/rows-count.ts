/** How many rows a drill-down matches, counted up to one past the export limit. */
import { MAX_EXPORT_ROWS } from '../../hq-api';
import type { Queryable, SqlParam } from '../../db/db';

/**
 * The count a page fetched with one row past its limit already tells, or null: a non-empty page
 * with nothing after it ends the rows; rows past the export limit cap the count. So a CSV export
 * (one page of MAX_EXPORT_ROWS) never counts separately.
 */
export function knownCount(
  page: { offset: number; limit: number },
  fetched: number,
): number | null {
  if (fetched === 0) return page.offset === 0 ? 0 : null;
  if (fetched <= page.limit) return page.offset + fetched;
  return page.offset + fetched > MAX_EXPORT_ROWS ? MAX_EXPORT_ROWS + 1 : null;
}

/** Counts the rows of `FROM … WHERE …` (`body`), stopping one past the export limit. */
export async function countRows(
  q: Queryable,
  body: string,
  values: readonly SqlParam[],
): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 ${body} LIMIT ${MAX_EXPORT_ROWS + 1}) x`,
    values,
  );
  return rows[0]?.n ?? 0;
}
