/**
 * Migration 330: snapshots computed before it get their RFM movement rows (the full join of the
 * month's and the month before's members); the member drill-downs page through indexes in their
 * own order, with no sort.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudDbBefore, migrateTo } from './migration-support';
import type { Db } from '../db/db';

describe('cloud migration 330 (member drill-down orders)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await cloudDbBefore(330);
    await db.exec(`INSERT INTO hq_rfm_snapshots VALUES ('2026-08-01', '2026-08-31', now()), ('2026-09-01', '2026-09-30', now());
      INSERT INTO hq_rfm_members VALUES
        ('2026-08-01', 'M1', 'S001', 'at-risk', 2, 2, 2, 40, 2, 5000),
        ('2026-08-01', 'M2', 'S002', 'champions', 5, 5, 5, 1, 9, 90000),
        ('2026-09-01', 'M2', 'S002', 'loyal', 4, 4, 4, 10, 9, 80000),
        ('2026-09-01', 'anon:x', 'S001', 'new', 5, 1, 1, 2, 1, 3000);
      INSERT INTO members (member_id, tier, points, home_store, consent_profile, consent_marketing, joined_on)
      SELECT 'M' || i, 'regular', 0, CASE WHEN i % 2 = 0 THEN 'S001' END, true, false,
        to_char(DATE '2026-01-01' + i, 'YYYY-MM-DD') FROM generate_series(3, 300) i`);
    await migrateTo(db, 330);
  });
  afterAll(async () => db.close());

  const planOf = async (query: string) =>
    (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${query}`)).rows
      .map((r) => r['QUERY PLAN'])
      .join('\n');

  it('fills the movement rows of the snapshots already computed', async () => {
    const { rows } = await db.query(
      `SELECT month::text, member_key, home_store, segment, previous_segment, monetary_cents::int AS net
       FROM hq_rfm_movement ORDER BY 1, 2`,
    );
    expect(rows).toEqual([
      {
        month: '2026-08-01',
        member_key: 'M1',
        home_store: 'S001',
        segment: 'at-risk',
        previous_segment: 'none',
        net: 5000,
      },
      {
        month: '2026-08-01',
        member_key: 'M2',
        home_store: 'S002',
        segment: 'champions',
        previous_segment: 'none',
        net: 90000,
      },
      {
        month: '2026-09-01',
        member_key: 'M1',
        home_store: 'S001',
        segment: 'none',
        previous_segment: 'at-risk',
        net: null,
      },
      {
        month: '2026-09-01',
        member_key: 'M2',
        home_store: 'S002',
        segment: 'loyal',
        previous_segment: 'champions',
        net: 80000,
      },
      {
        month: '2026-09-01',
        member_key: 'anon:x',
        home_store: 'S001',
        segment: 'new',
        previous_segment: 'none',
        net: 3000,
      },
    ]);
  });

  it('pages each drill-down in its order from an index', async () => {
    await db.exec('SET enable_seqscan = off; SET enable_sort = off');
    const label = "CASE WHEN member_key LIKE 'anon:%' THEN 'erased' ELSE member_key END";
    expect(
      await planOf(`SELECT member_key FROM hq_rfm_movement WHERE month = '2026-09-01'
        ORDER BY monetary_cents DESC NULLS LAST, ${label} LIMIT 50`),
    ).toContain('hq_rfm_movement_value');
    expect(
      await planOf(`SELECT member_key FROM hq_rfm_movement WHERE month = '2026-09-01' AND segment = 'loyal'
        ORDER BY monetary_cents DESC NULLS LAST, ${label} LIMIT 50`),
    ).toContain('hq_rfm_movement_segment');
    expect(
      await planOf(`SELECT member_key FROM hq_member_month WHERE month BETWEEN '2026-01-01' AND '2026-09-01'
        ORDER BY month DESC, net_cents DESC, member_key LIMIT 50`),
    ).toContain('hq_member_month_value');
    const members = `SELECT member_id FROM members WHERE joined_on BETWEEN '2026-03-01' AND '2026-09-30'
      ORDER BY joined_on DESC NULLS LAST, member_id LIMIT 5`;
    expect(await planOf(members)).toContain('members_joined');
    expect((await db.query<{ member_id: string }>(members)).rows.map((r) => r.member_id)).toEqual([
      'M272',
      'M271',
      'M270',
      'M269',
      'M268',
    ]);
    expect(
      await planOf(`SELECT member_id FROM members WHERE coalesce(home_store, '-') = '-'
        ORDER BY coalesce(home_store, '-'), joined_on DESC NULLS LAST, member_id LIMIT 5`),
    ).toContain('members_store_joined');
    expect(
      await planOf(`SELECT month, sum(members) FROM hq_cohorts WHERE join_month = '2026-03-01'
        AND month BETWEEN '2025-10-01' AND '2026-09-01' GROUP BY month`),
    ).toContain('hq_cohorts_join_month');
    await db.exec('RESET enable_seqscan; RESET enable_sort');
  });
});
