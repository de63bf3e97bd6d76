/**
 * The RFM drill-down reads the movement rows stored with a month's snapshot: the same rows, in the
 * same order, as the full join of the month's and the month before's snapshots it replaced, for
 * the brand, a store manager, a city, a segment and a previous segment; pages are slices of it;
 * an erased member's movement rows lose the member id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RowsParamsSchema } from '../../hq-api';
import { DEMO_DIR, startCloud, type Cloud } from '../../test/harness';
import { scopeOf } from '../../test/hq-scope';
import { loadDemoHistory } from '../demo/history';
import { ensureRfmSnapshot } from '../rollups/rfm-snapshots';
import { pgArray } from '../scope';
import { rows } from './rows';

const MONTH = '2026-09-01';
const NOW = new Date('2026-11-20T10:00:00Z');

/** The drill-down's query before the movement rows: both snapshots joined in full, sorted by value. */
const BEFORE = `SELECT CASE WHEN coalesce(cur.member_key, prev.member_key) LIKE 'anon:%' THEN 'erased'
    ELSE coalesce(cur.member_key, prev.member_key) END AS member,
  coalesce(cur.home_store, prev.home_store) AS home, coalesce(cur.segment, 'none') AS segment,
  coalesce(prev.segment, 'none') AS previous, cur.r, cur.f, cur.m, cur.recency_days, cur.frequency,
  cur.monetary_cents::float8 AS net
FROM (SELECT * FROM hq_rfm_members WHERE month = $1::date) cur
FULL JOIN (SELECT * FROM hq_rfm_members WHERE month = ($1::date - interval '1 month')::date) prev
  ON prev.member_key = cur.member_key
WHERE ($2::text[] IS NULL OR coalesce(cur.home_store, prev.home_store) = ANY($2::text[]))
  AND ($3::text IS NULL OR coalesce(cur.segment, 'none') = $3)
  AND ($4::text IS NULL OR coalesce(prev.segment, 'none') = $4)
ORDER BY cur.monetary_cents DESC NULLS LAST, 1`;

describe('RFM drill-down from the movement rows', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startCloud('pglite');
    await loadDemoHistory(cloud.db, DEMO_DIR);
    await ensureRfmSnapshot(cloud.db, MONTH, '2026-11-20');
  });
  afterAll(async () => cloud.close());

  const before = async (stores: string[] | null, segment?: string, fromSegment?: string) =>
    (
      await cloud.db.query<Record<string, string | number | null>>(BEFORE, [
        MONTH,
        stores ? pgArray(stores) : null,
        segment ?? null,
        fromSegment ?? null,
      ])
    ).rows.map((r) => Object.values(r));
  const now = async (
    stores: string[] | null,
    params: { segment?: string; fromSegment?: string; offset?: number; limit?: number } = {},
  ) => {
    const found = await rows(
      cloud.db,
      scopeOf('2026-09-03', '2026-09-30', stores),
      'rfm-members',
      RowsParamsSchema.parse({ segment: params.segment, fromSegment: params.fromSegment }),
      { offset: params.offset ?? 0, limit: params.limit ?? 10_000 },
      NOW,
    );
    if (!found.ok) throw new Error(found.error.message);
    return found.value;
  };

  it('lists the rows the full join listed, in its order, for every scope and segment', async () => {
    const all = await before(null);
    expect(all.length).toBeGreaterThan(50);
    expect((await now(null)).rows).toEqual(all);
    expect((await now(['S001'])).rows).toEqual(await before(['S001']));
    expect((await now(['S001', 'S002'])).rows).toEqual(await before(['S001', 'S002']));
    const segment = String(all[0]?.[2]);
    expect((await now(null, { segment })).rows).toEqual(await before(null, segment));
    expect((await now(['S002'], { fromSegment: 'none' })).rows).toEqual(
      await before(['S002'], undefined, 'none'),
    );
    const page = await now(null, { offset: 20, limit: 10 });
    expect(page.rows).toEqual(all.slice(20, 30));
    expect(page.total).toBe(all.length);
  });

  it('gives an erased member’s movement rows a random key', async () => {
    const { rows: top } = await cloud.db.query<{ member_key: string; n: number }>(
      `SELECT member_key, count(*)::int AS n FROM hq_rfm_movement
       WHERE member_key NOT LIKE 'anon:%' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
    );
    const member = top[0]?.member_key ?? '';
    const erasedBefore = (await now(null)).rows.filter((r) => r[0] === 'erased').length;
    await cloud.db.query('UPDATE members SET erased = true WHERE member_id = $1', [member]);
    const { rows: left } = await cloud.db.query(
      'SELECT 1 FROM hq_rfm_movement WHERE member_key = $1',
      [member],
    );
    expect(left).toEqual([]);
    const after = (await now(null)).rows;
    expect(after.filter((r) => r[0] === 'erased').length).toBe(erasedBefore + 1);
    expect(after.some((r) => r[0] === member)).toBe(false);
  });
});
