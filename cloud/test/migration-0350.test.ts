/**
 * Migration 350: four trims of the HQ upkeep (the erased-member check only for try-ons naming a
 * member, "tried since last sold" folded only when there is something to fold, the cube's product
 * looked up once, the stock deltas grouped once). The same transactions give exactly the facts
 * and every rollup migration 340 gave (two databases, one at 340 and one at 350): try-ons with and
 * without a member and by an erased member, try-ons before and after sales in one transaction (so
 * the tries deltas are folded by the sales and again at COMMIT), a transaction of sales only, a
 * SKU and a style the catalog does not know, stock inserted, moved, deleted and rolled back, points and a home store changed between sales.
 */
import { describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../db/db';
import {
  beforeAndAfter,
  hqSnapshot,
  hqTables,
  rejectedTryOnSql,
  saleSql,
  TWO_STORES_MEMBERS_SETUP,
} from './migration-support';

const SETUP = TWO_STORES_MEMBERS_SETUP;

const tryOn = rejectedTryOnSql;

async function history(db: Db): Promise<void> {
  await db.exec(`INSERT INTO stock VALUES ('DRE-S', 'S1', 5), ('TOP-M', 'S1', 4), ('GHOST-M', 'S1', 2),
    ('NOPE', 'S1', 1), ('TOP-M', 'ONLINE', 9)`);
  await db.transaction(async (tx) => {
    await tx.exec(tryOn('t1', 's1', 'DRE-S', '2026-11-10T03:00:00Z', 'M1'));
    await tx.exec(tryOn('t2', 's2', 'GHOST-M', '2026-11-10T03:05:00Z', null));
    await tx.exec(tryOn('t3', 's3', 'TOP-M', '2026-11-10T03:06:00Z', 'M9'));
    await tx.exec(saleSql('A1', 'M1', ['DRE-S', 'GHOST-M', 'NOPE'], '2026-11-11T03:00:00Z'));
    await tx.exec(
      `UPDATE stock SET on_hand = on_hand - 1 WHERE location_id = 'S1' AND sku IN ('DRE-S', 'GHOST-M', 'NOPE')`,
    );
    await tx.exec(tryOn('t4', 's4', 'DRE-S', '2026-11-12T03:00:00Z', null));
    await tx.exec('SAVEPOINT a');
    await tx.exec(tryOn('t5', 's5', 'DRE-S', '2026-11-12T04:00:00Z', 'M2'));
    await tx.exec(`UPDATE stock SET on_hand = on_hand + 50`);
    await tx.exec('ROLLBACK TO SAVEPOINT a');
  });
  await db.transaction(async (tx) => {
    await tx.exec(saleSql('B1', null, ['TOP-M'], '2026-11-13T03:00:00Z'));
    await tx.exec(saleSql('B2', 'M2', ['TOP-M', 'DRE-S'], '2026-11-13T04:00:00Z'));
    await tx.exec(`UPDATE stock SET location_id = 'S2' WHERE sku = 'GHOST-M'`);
    await tx.exec(`DELETE FROM stock WHERE sku = 'NOPE'`);
    await tx.exec(`UPDATE members SET points = points + 99 WHERE member_id = 'M2'`);
    await tx.exec(saleSql('B3', 'M2', ['DRE-S'], '2026-11-13T05:00:00Z'));
    await tx.exec(`UPDATE members SET home_store = 'S1' WHERE member_id = 'M2'`);
  });
  await db.exec(tryOn('t6', 's6', 'TOP-M', '2026-11-14T03:00:00Z', 'M2'));
}

describe('cloud migration 350 (upkeep trims)', () => {
  const dbs = beforeAndAfter([340, 350], async (db) => {
    await db.exec(SETUP);
    await history(db);
  });

  it('gives exactly the facts and rollups 340 gave, and leaves nothing pending', async () => {
    const tables = await hqTables(dbs.before());
    expect(tables).toEqual(
      expect.arrayContaining(['hq_garments', 'hq_sales_cube', 'hq_style_store']),
    );
    const snapshot = (q: Queryable) => hqSnapshot(q, tables);
    const expected = await snapshot(dbs.before());
    expect(expected.hq_sales_cube?.some((r: string) => r.includes('"category":"?"'))).toBe(true);
    expect(expected.hq_garments?.some((r: string) => r.includes('"member_key":null'))).toBe(true);
    expect(await snapshot(dbs.after())).toEqual(expected);
    const { rows } = await dbs.after().query<{ n: number }>(
      `SELECT (SELECT count(*) FROM hq_tries_delta) + (SELECT count(*) FROM hq_stock_delta)
         + (SELECT count(*) FROM hq_sales_cube_delta) + (SELECT count(*) FROM hq_sale_pending) AS n`,
    );
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('leaves the sales for COMMIT when a member’s points change, not when their home store does', async () => {
    const lines = async (q: Queryable, id: string) =>
      (
        await q.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM hq_sale_lines WHERE sale_id = $1',
          [id],
        )
      ).rows[0]?.n;
    const after = dbs.after();
    await after.transaction(async (tx) => {
      await tx.exec(saleSql('E1', 'M1', ['TOP-M'], '2026-11-20T03:00:00Z'));
      await tx.exec(`UPDATE members SET points = points + 10 WHERE member_id = 'M1'`);
      expect(await lines(tx, 'E1')).toBe(0);
      await tx.exec(`UPDATE members SET home_store = 'S2' WHERE member_id = 'M1'`);
      expect(await lines(tx, 'E1')).toBe(1);
    });
    expect(await lines(after, 'E1')).toBe(1);
  });

  it('still makes an erased member’s try-on anonymous', async () => {
    const { rows } = await dbs
      .after()
      .query<{ m: string | null }>(
        "SELECT body->>'memberId' AS m FROM tryons WHERE tryon_id = 't3'",
      );
    expect(rows).toEqual([{ m: null }]);
  });
});
