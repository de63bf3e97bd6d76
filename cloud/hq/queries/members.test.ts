/**
 * The members view's retention table reads only the listed cohorts' months; it lists what grouping
 * every cohort's months and joining the 12 latest gave, brand-wide and for a store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIR, startCloud, type Cloud } from '../../test/harness';
import { scopeOf } from '../../test/hq-scope';
import { loadDemoHistory } from '../demo/history';
import { addMonths } from '../rollups/rfm-snapshots';
import { pgArray } from '../scope';
import { members } from './members';

/** The cohort query before: every cohort's months grouped, then joined to the 12 latest cohorts. */
const BEFORE = `WITH sizes AS (
    SELECT join_month, sum(members) AS size FROM hq_cohort_sizes
    WHERE join_month <= $1::date AND ($3::text[] IS NULL OR home_store = ANY($3::text[]))
    GROUP BY join_month ORDER BY join_month DESC LIMIT 12)
  SELECT s.join_month::text AS "joinMonth", s.size::float8 AS size, a.month::text AS month, a.active::float8 AS active
  FROM sizes s LEFT JOIN (
    SELECT join_month, month, sum(members) AS active FROM hq_cohorts
    WHERE month BETWEEN $2::date AND $1::date AND ($3::text[] IS NULL OR home_store = ANY($3::text[]))
    GROUP BY 1, 2) a ON a.join_month = s.join_month
  ORDER BY 1 DESC, 3`;

describe('members view: cohort retention', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startCloud('pglite');
    await loadDemoHistory(cloud.db, DEMO_DIR);
  });
  afterAll(async () => cloud.close());

  it('lists the cohorts and months the full grouping listed', async () => {
    let months = 0;
    for (const [to, stores] of [
      ['2026-09-30', null],
      ['2026-09-30', ['S001']],
      ['2026-05-20', ['S002', 'S003']],
    ] as const) {
      const month = `${to.slice(0, 7)}-01`;
      const { rows } = await cloud.db.query<{
        joinMonth: string;
        size: number;
        month: string | null;
        active: number | null;
      }>(BEFORE, [month, addMonths(month, -11), stores ? pgArray(stores) : null]);
      const expected = [...new Set(rows.map((r) => r.joinMonth))].map((joinMonth) => {
        const of = rows.filter((r) => r.joinMonth === joinMonth);
        return {
          joinMonth,
          size: of[0]?.size,
          months: of.flatMap((r) => (r.month ? [{ month: r.month, active: r.active ?? 0 }] : [])),
        };
      });
      const answer = await members(cloud.db, scopeOf('2026-03-01', to, stores), '2026-11-20');
      expect({ to, stores, cohorts: answer.cohorts }).toEqual({ to, stores, cohorts: expected });
      months += expected.reduce((n, c) => n + c.months.length, 0);
    }
    expect(months).toBeGreaterThan(10);
  });
});
