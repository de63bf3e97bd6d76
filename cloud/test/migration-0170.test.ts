/**
 * Migration 170: one store's stock in SKU order and the visits newest first (brand-wide or one
 * store's) are read through indexes, not a scan and sort.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudDbBefore, migrateTo } from './migration-support';
import type { Db } from '../db/db';

describe('cloud migration 170 (HQ drill-down indexes)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await cloudDbBefore(170);
    await db.exec(`INSERT INTO stock (sku, location_id, on_hand)
      SELECT 'SKU' || i, 'S00' || (1 + i % 3), i % 7 FROM generate_series(1, 300) i;
      INSERT INTO hq_visits (session_id, day, store_id)
      SELECT 'V' || i, DATE '2026-09-01' + i % 30, 'S00' || (1 + i % 3) FROM generate_series(1, 300) i`);
    await migrateTo(db, 170);
  });
  afterAll(async () => db.close());

  const planOf = async (query: string) =>
    (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${query}`)).rows
      .map((r) => r['QUERY PLAN'])
      .join('\n');

  it("pages one store's stock in SKU order from the new index, rows unchanged", async () => {
    const page = `SELECT sku, on_hand FROM stock WHERE location_id = 'S002' ORDER BY location_id, sku LIMIT 5`;
    await db.exec('SET enable_seqscan = off; SET enable_sort = off');
    expect(await planOf(page)).toContain('stock_location_sku');
    const { rows } = await db.query<{ sku: string }>(page);
    expect(rows.map((r) => r.sku)).toEqual(['SKU1', 'SKU10', 'SKU100', 'SKU103', 'SKU106']);
  });

  it('pages visits newest first, brand-wide and for one store, from the new indexes', async () => {
    await db.exec('SET enable_seqscan = off; SET enable_sort = off');
    const order = 'ORDER BY day DESC, session_id LIMIT 3';
    const all = `SELECT session_id FROM hq_visits WHERE day BETWEEN '2026-09-01' AND '2026-09-30' ${order}`;
    const one = `SELECT session_id FROM hq_visits WHERE store_id = 'S001' AND day BETWEEN '2026-09-01' AND '2026-09-30' ${order}`;
    expect(await planOf(all)).toContain('hq_visits_day');
    expect(await planOf(one)).toContain('hq_visits_store_day');
    expect((await db.query<{ session_id: string }>(one)).rows.map((r) => r.session_id)).toEqual([
      'V117',
      'V147',
      'V177',
    ]);
  });
});
