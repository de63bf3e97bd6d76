/**
 * Migration 320: try-on counters by month (brand × style, store with sessions) and brand-wide by
 * day. It fills them from the day rollups a cloud already holds, and from then on the COMMIT-time
 * fold keeps them from the same deltas as the day rollups; the brand × day row leaves out try-ons
 * of SKUs unknown to the catalog (style '?') but counts their sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../db/db';
import { cloudDbBefore, migrateTo } from './migration-support';

const insertTryOn = (q: Queryable, id: string, session: string, sku: string, at: string) =>
  q.query(
    `INSERT INTO tryons (tryon_id, device_id, store_id, body, at, outcome, reason)
     VALUES ($1, 'dev', 'S1', jsonb_build_object('sessionId', $2::text, 'sku', $3::text, 'memberId', null),
       $4, 'rejected', 'too-small')`,
    [id, session, sku, at],
  );

describe('cloud migration 320 (try-on month rollups)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await cloudDbBefore(320);
    await db.exec(`INSERT INTO products VALUES ('DRE', 'a', 'a', 'dress', 'F', 'x', 'SS26', 100, 'top');
      INSERT INTO variants VALUES ('DRE-S', 'DRE', '6900000000017', 'BLK', 'a', 'a', 'S', 100),
        ('DRE-M', 'DRE', '6900000000024', 'BLK', 'a', 'a', 'M', 100)`);
    // before 320: two days of October, one of November (Shanghai days), one unknown SKU
    await insertTryOn(db, 'T1', 'V1', 'DRE-S', '2026-10-02T03:00:00Z');
    await insertTryOn(db, 'T2', 'V1', 'DRE-M', '2026-10-02T03:05:00Z');
    await insertTryOn(db, 'T3', 'V2', 'DRE-S', '2026-10-30T17:00:00Z'); // 31 October in Shanghai
    await insertTryOn(db, 'T4', 'V3', 'NOPE', '2026-11-03T03:00:00Z');
    await migrateTo(db, 320);
  });
  afterAll(async () => db.close());

  const months = async () =>
    (
      await db.query<{ month: string; style_id: string; garments: number; too_small: number }>(
        `SELECT month::text, style_id, garments, too_small FROM hq_tryon_style_month ORDER BY 1, 2`,
      )
    ).rows;
  const storeMonths = async () =>
    (
      await db.query<{ month: string; sessions: number; garments: number }>(
        `SELECT month::text, sessions, garments FROM hq_tryon_store_month WHERE store_id = 'S1' ORDER BY 1`,
      )
    ).rows;
  const brandDays = async () =>
    (
      await db.query<{ day: string; sessions: number; garments: number }>(
        'SELECT day::text, sessions, garments FROM hq_tryon_brand_day ORDER BY 1',
      )
    ).rows;

  it('fills the month and brand-day rollups from the day rollups already there', async () => {
    expect(await months()).toEqual([
      { month: '2026-10-01', style_id: 'DRE', garments: 3, too_small: 3 },
      { month: '2026-11-01', style_id: '?', garments: 1, too_small: 1 },
    ]);
    expect(await storeMonths()).toEqual([
      { month: '2026-10-01', sessions: 2, garments: 3 },
      { month: '2026-11-01', sessions: 1, garments: 1 },
    ]);
    expect(await brandDays()).toEqual([
      { day: '2026-10-02', sessions: 1, garments: 2 },
      { day: '2026-10-31', sessions: 1, garments: 1 },
      { day: '2026-11-03', sessions: 1, garments: 0 },
    ]);
  });

  it('reads the store × day rollup by day through its new index', async () => {
    await db.exec('SET enable_seqscan = off');
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(
      "EXPLAIN SELECT store_id, sum(garments) FROM hq_tryon_store_day WHERE day BETWEEN '2026-10-01' AND '2026-10-28' GROUP BY 1",
    );
    await db.exec('RESET enable_seqscan');
    expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('hq_tryon_store_day_day');
  });

  it('keeps them at commit from the same deltas, a savepoint rolled back left out', async () => {
    await db.transaction(async (tx) => {
      await insertTryOn(tx, 'T5', 'V4', 'DRE-M', '2026-11-03T04:00:00Z');
      await tx.exec('SAVEPOINT a');
      await insertTryOn(tx, 'T6', 'V5', 'DRE-M', '2026-10-02T04:00:00Z');
      await tx.exec('ROLLBACK TO SAVEPOINT a');
      await insertTryOn(tx, 'T7', 'V4', 'NOPE', '2026-11-03T04:01:00Z');
    });
    expect(await months()).toEqual([
      { month: '2026-10-01', style_id: 'DRE', garments: 3, too_small: 3 },
      { month: '2026-11-01', style_id: '?', garments: 2, too_small: 2 },
      { month: '2026-11-01', style_id: 'DRE', garments: 1, too_small: 1 },
    ]);
    expect(await storeMonths()).toEqual([
      { month: '2026-10-01', sessions: 2, garments: 3 },
      { month: '2026-11-01', sessions: 2, garments: 3 },
    ]);
    expect(await brandDays()).toEqual([
      { day: '2026-10-02', sessions: 1, garments: 2 },
      { day: '2026-10-31', sessions: 1, garments: 1 },
      { day: '2026-11-03', sessions: 2, garments: 1 },
    ]);
    const { rows } = await db.query<{ n: number }>(
      'SELECT (SELECT count(*) FROM hq_tryon_delta) + (SELECT count(*) FROM hq_delta_marker) AS n',
    );
    expect(Number(rows[0]?.n)).toBe(0);
  });
});
