/**
 * Review of the HQ upkeep markers (migrations 240, 300, 310): a marker that fires before COMMIT
 * (`SET CONSTRAINTS ALL IMMEDIATE`, which fires every deferred trigger queued so far) left its
 * transaction-local "marked" flag on, so the sales, try-ons and stock moves after it wrote no new
 * marker: the sale stayed in `hq_sale_pending` and the deltas in their tables, never folded. The
 * cloud's own code does not use SET CONSTRAINTS today; a maintenance script or a future handler
 * could, and then data would be lost silently. Since migration 380 the push only notes its events
 * and the fold applies them after COMMIT: the notes must all be there, and all folded.
 */
import { describe, expect, it } from 'vitest';
import { foldAll } from '../hq/rollups/fold';
import { cloudDbAt, rowsOf } from './migration-support';
import { sale, take, tryOn, TWO_STORES_SETUP } from './two-stores-fixture';

const LEFT_OVER = [
  'hq_sale_pending',
  'hq_tryon_delta',
  'hq_stock_delta',
  'hq_tries_delta',
  'hq_tryon_queue',
];

describe('HQ upkeep after SET CONSTRAINTS ALL IMMEDIATE', () => {
  it('processes and folds what comes after the markers fired', async () => {
    const db = await cloudDbAt(Number.MAX_SAFE_INTEGER, (d) => d.exec(TWO_STORES_SETUP));
    try {
      await db.transaction(async (tx) => {
        await tx.exec(sale('X1', 'S1', 'M1', '2026-11-15T03:00:00Z'));
        await tx.exec(take('S1'));
        await tx.exec(tryOn('g1', 'S1', '2026-11-15T01:00:00Z', 'M1'));
        await tx.exec('SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED');
        await tx.exec(sale('X2', 'S1', 'M1', '2026-11-15T04:00:00Z'));
        await tx.exec(take('S1'));
        await tx.exec(tryOn('g2', 'S1', '2026-11-15T02:00:00Z', 'M2'));
      });
      const noted = (await rowsOf(db, LEFT_OVER)).map((rows) => rows.length);
      // stock: the setup's two rows, then each take's row out and back in
      expect(noted).toEqual([2, 0, 6, 0, 2]);
      await foldAll(db);
      const leftOver = (await rowsOf(db, LEFT_OVER)).map((rows) => rows.length);
      expect(leftOver).toEqual([0, 0, 0, 0, 0]);
      const { rows } = await db.query<{ orders: number; on_hand: number; garments: number }>(
        `SELECT (SELECT orders FROM hq_member_month WHERE member_key = 'M1') AS orders,
           (SELECT on_hand FROM hq_style_stock_all WHERE style_id = 'DRE' AND NOT online)::int AS on_hand,
           (SELECT sum(garments) FROM hq_tryon_store_day WHERE store_id = 'S1')::int AS garments`,
      );
      expect(rows[0]).toEqual({ orders: 2, on_hand: 18, garments: 2 });
    } finally {
      await db.close();
    }
  }, 60_000);
});
