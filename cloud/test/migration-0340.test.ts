/**
 * Migration 340: the first fold marker to fire folds everything, in one order. The same
 * transactions leave exactly the rollups 330's marker-by-marker folds left (two databases), and
 * nothing pending: try-ons then a sale, a reservation (stock) then a sale, a sale then stock and
 * try-ons, stock alone, a savepoint rolled back after the markers were written.
 */
import { describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../db/db';
import { beforeAndAfter, rowsOf } from './migration-support';
import { sale, take, tryOn, TWO_STORES_SETUP } from './two-stores-fixture';

const COMPARED = [
  'hq_sale_lines ORDER BY sale_id, line_no',
  'hq_garments ORDER BY session_id, sku',
  'hq_visits ORDER BY session_id',
  'hq_member_month ORDER BY member_key, month',
  'hq_repeat_month ORDER BY month, home_store',
  'hq_sales_cube_all ORDER BY category, season, day, channel',
  'hq_sales_hour_all ORDER BY day, channel, hour',
  'hq_style_sales_all ORDER BY day, channel, style_id',
  'hq_style_store ORDER BY location_id, style_id',
  'hq_style_stock_all ORDER BY style_id, online',
  'hq_tryon_day ORDER BY store_id, day, sku',
  'hq_tryon_brand_day ORDER BY day',
  'hq_tryon_store_month ORDER BY store_id, month',
];
const PENDING = [
  'hq_sale_pending',
  'hq_sale_marker',
  'hq_delta_marker',
  'hq_stock_marker',
  'hq_stock_delta',
  'hq_tryon_delta',
  'hq_tries_delta',
  'hq_sales_cube_delta',
];

async function history(db: Db): Promise<void> {
  const run = (statements: string[]) =>
    db.transaction(async (tx) => {
      for (const s of statements) await tx.exec(s);
    });
  await run([
    tryOn('t1', 'S2', '2026-11-10T03:00:00Z', 'M1'),
    sale('A1', 'S2', 'M1', '2026-11-12T03:00:00Z'),
    take('S2'),
  ]);
  await run([
    take('S1'),
    sale('A2', 'S1', 'M2', '2026-11-12T04:00:00Z'),
    tryOn('t2', 'S1', '2026-11-11T03:00:00Z', 'M2'),
  ]);
  await run([
    sale('A3', 'S1', 'M1', '2026-11-13T03:00:00Z'),
    take('S1'),
    tryOn('t3', 'S1', '2026-11-13T01:00:00Z', 'M1'),
  ]);
  await run([take('S2'), take('S1')]);
  await run([
    'SAVEPOINT a',
    take('S1'),
    tryOn('t4', 'S1', '2026-11-14T03:00:00Z', 'M2'),
    sale('A4', 'S1', 'M2', '2026-11-14T04:00:00Z'),
    'ROLLBACK TO SAVEPOINT a',
    sale('A5', 'S2', 'M2', '2026-11-15T04:00:00Z'),
  ]);
}

const pendingRows = async (q: Queryable) =>
  (await rowsOf(q, PENDING)).reduce((n, rows) => n + rows.length, 0);

describe('cloud migration 340 (one fold order at commit)', () => {
  const dbs = beforeAndAfter([330, 340], async (db) => {
    await db.exec(TWO_STORES_SETUP);
    await history(db);
  });

  it('leaves exactly the rollups 330 left, and nothing pending', async () => {
    const expected = await rowsOf(dbs.before(), COMPARED);
    expect(expected[4]).toContainEqual(
      expect.objectContaining({ home_store: 'S1', buyers: 2, repeaters: 2 }),
    );
    expect(expected[9]).toContainEqual(expect.objectContaining({ style_id: 'DRE', on_hand: 15 }));
    expect(await rowsOf(dbs.after(), COMPARED)).toEqual(expected);
    expect(await pendingRows(dbs.after())).toBe(0);
  });
});
