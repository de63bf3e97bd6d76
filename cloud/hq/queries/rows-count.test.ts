/**
 * A drill-down counts its rows only when its page does not tell the count: a CSV export (one page
 * of the export limit) and a last page never run the separate count; totals and `capped` are the
 * ones a count gives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EXPORT_ROWS, RowsParamsSchema } from '../../hq-api';
import type { Queryable } from '../../db/db';
import { DEMO_DIR, startCloud, type Cloud } from '../../test/harness';
import { scopeOf } from '../../test/hq-scope';
import { loadDemoHistory } from '../demo/history';
import type { Scope } from '../scope';
import { knownCount } from './rows-count';
import { rows } from './rows';

describe('the count a page tells', () => {
  it('is the page’s end when nothing follows it, a cap past the export limit, else unknown', () => {
    expect(knownCount({ offset: 0, limit: 50 }, 0)).toBe(0);
    expect(knownCount({ offset: 0, limit: 50 }, 12)).toBe(12);
    expect(knownCount({ offset: 100, limit: 50 }, 50)).toBe(150);
    expect(knownCount({ offset: 100, limit: 50 }, 51)).toBeNull();
    expect(knownCount({ offset: 100, limit: 50 }, 0)).toBeNull();
    expect(knownCount({ offset: 0, limit: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS + 1)).toBe(
      MAX_EXPORT_ROWS + 1,
    );
    expect(knownCount({ offset: MAX_EXPORT_ROWS, limit: 50 }, 51)).toBe(MAX_EXPORT_ROWS + 1);
  });
});

describe('drill-down totals', () => {
  let cloud: Cloud;
  const statements: string[] = [];
  let recording: Queryable;
  beforeAll(async () => {
    cloud = await startCloud('pglite');
    await loadDemoHistory(cloud.db, DEMO_DIR);
    const db = cloud.db;
    recording = {
      query: (sql, params) => {
        statements.push(sql);
        return db.query(sql, params);
      },
      exec: (sql) => db.exec(sql),
    };
  });
  afterAll(async () => cloud.close());

  const scope = (from: string, to: string) => scopeOf(from, to);
  const garments = async (s: Scope, page: { offset: number; limit: number }) => {
    statements.length = 0;
    const found = await rows(
      recording,
      s,
      'garments',
      RowsParamsSchema.parse({}),
      page,
      new Date(),
    );
    if (!found.ok) throw new Error(found.error.message);
    const counted = statements.some((q) => q.includes('count(*)'));
    return { ...found.value, counted };
  };
  const matching = async (s: Scope) => {
    const { rows: n } = await cloud.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM hq_garments
       WHERE first_at >= ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
         AND first_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`,
      [s.from, s.to],
    );
    return n[0]?.n ?? 0;
  };

  it('caps a CSV export of more rows than the limit without counting them', async () => {
    const year = scope('2026-03-01', '2026-09-30');
    expect(await matching(year)).toBeGreaterThan(MAX_EXPORT_ROWS);
    const csv = await garments(year, { offset: 0, limit: MAX_EXPORT_ROWS });
    expect(csv).toMatchObject({ total: MAX_EXPORT_ROWS, capped: true, counted: false });
    expect(csv.rows).toHaveLength(MAX_EXPORT_ROWS);
  });

  it('ends the count at a page with nothing after it, and counts for a page in the middle', async () => {
    const week = scope('2026-09-01', '2026-09-03');
    const n = await matching(week);
    expect(n).toBeGreaterThan(60);
    expect(await garments(week, { offset: 0, limit: MAX_EXPORT_ROWS })).toMatchObject({
      total: n,
      capped: false,
      counted: false,
    });
    expect(await garments(week, { offset: n - 10, limit: 50 })).toMatchObject({
      total: n,
      counted: false,
    });
    const middle = await garments(week, { offset: 10, limit: 50 });
    expect(middle).toMatchObject({ total: n, capped: false, counted: true });
    expect(middle.rows).toHaveLength(50);
    expect(await garments(week, { offset: n + 5, limit: 50 })).toMatchObject({
      total: n,
      counted: true,
      rows: [],
    });
  });
});
