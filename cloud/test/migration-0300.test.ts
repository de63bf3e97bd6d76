/**
 * Migration 300: stock moves are appended to deltas and folded into the stock rollups at COMMIT.
 * The same transactions (several statements, a savepoint rolled back, a transaction abandoned)
 * give exactly the rollups 290's per-statement upserts gave, and leave no delta behind.
 */
import { describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../db/db';
import { beforeAndAfter, rowsOf } from './migration-support';

const ROLLUPS = [
  'hq_style_store ORDER BY location_id, style_id',
  'hq_style_stock_all ORDER BY style_id, online',
];

const SETUP = `
  INSERT INTO products VALUES ('DRE', '裙', 'Dress', 'dress', 'F', '', 'SS', 100, 'full'),
    ('TOP', '衫', 'Top', 'top', 'F', '', 'AW', 100, 'top');
  INSERT INTO variants VALUES ('DRE-S', 'DRE', '06970001000016', 'W', '白', 'White', 'S', 100),
    ('DRE-M', 'DRE', '06970001000030', 'W', '白', 'White', 'M', 100),
    ('TOP-M', 'TOP', '06970001000023', 'B', '黑', 'Black', 'M', 100);`;

async function history(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.exec(`INSERT INTO stock VALUES ('DRE-S', 'S1', 4), ('DRE-M', 'S1', 2), ('TOP-M', 'ONLINE', 9),
      ('NOPE', 'S2', 1)`);
    await tx.exec(`UPDATE stock SET on_hand = on_hand - 1 WHERE location_id = 'S1'`);
    await tx.exec('SAVEPOINT a');
    await tx.exec(`UPDATE stock SET on_hand = on_hand + 50`);
    await tx.exec('ROLLBACK TO SAVEPOINT a');
    await tx.exec(`DELETE FROM stock WHERE sku = 'NOPE'`);
  });
  await expect(
    db.transaction(async (tx) => {
      await tx.exec(`UPDATE stock SET on_hand = 0`);
      throw new Error('abandon');
    }),
  ).rejects.toThrow('abandon');
  await db.exec(`UPDATE stock SET on_hand = on_hand + 3 WHERE sku LIKE 'DRE%'`);
}

describe('cloud migration 300 (stock rollups folded per transaction)', () => {
  const dbs = beforeAndAfter([290, 300], async (db) => {
    await db.exec(SETUP);
    await history(db);
  });

  it('gives exactly the rollups the per-statement upserts gave, and leaves no delta behind', async () => {
    const expected = await rowsOf(dbs.before(), ROLLUPS);
    expect(expected[0]).toContainEqual(
      expect.objectContaining({ location_id: 'S1', style_id: 'DRE', on_hand: 10 }),
    );
    const after = dbs.after();
    expect(await rowsOf(after, ROLLUPS)).toEqual(expected);
    const { rows } = await after.query<{ n: number }>(
      'SELECT (SELECT count(*) FROM hq_stock_delta) + (SELECT count(*) FROM hq_stock_marker) AS n',
    );
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('folds at commit: inside the transaction the rollups have not moved yet', async () => {
    const onHand = async (q: Queryable) =>
      (
        await q.query<{ n: number }>(
          "SELECT on_hand::int AS n FROM hq_style_stock_all WHERE style_id = 'TOP' AND online",
        )
      ).rows[0]?.n;
    const after = dbs.after();
    const start = await onHand(after);
    await after.transaction(async (tx) => {
      await tx.exec(`UPDATE stock SET on_hand = on_hand - 2 WHERE sku = 'TOP-M'`);
      expect(await onHand(tx)).toBe(start);
    });
    expect(await onHand(after)).toBe((start ?? 0) - 2);
  });
});
