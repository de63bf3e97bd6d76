/** Migration 140 on a database with sales and try-ons: sales become the store channel; members' try-ons are indexed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudDbBefore, migrateTo } from './migration-support';
import type { Db } from '../db/db';

describe('cloud migration 140 (HQ analytics tables)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await cloudDbBefore(140);
    await db.query(`INSERT INTO sales (sale_id, device_id, store_id, member_id, total_cents, body, sold_at)
      VALUES ('X1', 'd', 'S001', NULL, 100, '{}', now())`);
    await migrateTo(db, 140);
  });
  afterAll(async () => db.close());

  it('keeps earlier sales as store sales and accepts only the three channels', async () => {
    expect((await db.query('SELECT channel FROM sales')).rows).toEqual([{ channel: 'store' }]);
    await db.query(`INSERT INTO sales (sale_id, device_id, store_id, member_id, total_cents, body, sold_at, channel)
      VALUES ('O1', 'h', 'ONLINE', NULL, 100, '{}', now(), 'miniapp')`);
    await expect(
      db.query(`INSERT INTO sales (sale_id, device_id, store_id, member_id, total_cents, body, sold_at, channel)
        VALUES ('O2', 'h', 'ONLINE', NULL, 100, '{}', now(), 'shop')`),
    ).rejects.toThrow();
  });

  it('finds a member’s try-ons by index (erasure) and serves the garment drill-down by time', async () => {
    await db.exec('SET enable_seqscan = off');
    const plan = async (sql: string) => JSON.stringify((await db.query(`EXPLAIN ${sql}`)).rows);
    expect(await plan(`SELECT 1 FROM tryons WHERE body->>'memberId' = 'M1'`)).toContain(
      'tryons_member',
    );
    expect(
      await plan(
        `SELECT * FROM hq_garments WHERE first_at >= now() ORDER BY first_at DESC LIMIT 50`,
      ),
    ).toContain('hq_garments_first');
    expect(
      await plan(`SELECT * FROM hq_tryon_day WHERE sku = 'A' AND day > '2026-01-01'`),
    ).toContain('hq_tryon_day_sku');
    await db.exec('SET enable_seqscan = on');
  });
});
