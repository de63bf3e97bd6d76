/**
 * Migration 250: the sales cube, hour and style rollups are folded once per transaction, at
 * COMMIT, from the deltas the sale trigger appends. The same sales give exactly the rollups
 * migration 150's per-sale upserts gave (two databases, one before 250 and one after, fed the same
 * transactions, including a savepoint rolled back and a transaction abandoned).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../db/db';
import { MIGRATIONS, migrate } from '../db/migrate';
import { createPgliteDb } from '../db/pglite-db';

const ROLLUPS = [
  'hq_sales_cube ORDER BY category, season, location_id, day, channel',
  'hq_sales_cube_all ORDER BY category, season, day, channel',
  'hq_sales_hour ORDER BY location_id, day, channel, hour',
  'hq_sales_hour_all ORDER BY day, channel, hour',
  'hq_style_sales_day ORDER BY location_id, day, channel, style_id',
  'hq_style_sales_all ORDER BY day, channel, style_id',
];

const catalog = `
  INSERT INTO products VALUES ('DRE', '裙', 'Dress', 'dress', 'F', '', 'SS', 100, 'full'),
    ('TOP', '衫', 'Top', 'top', 'F', '', 'AW', 100, 'top');
  INSERT INTO variants VALUES ('DRE-S', 'DRE', '06970001000016', 'W', '白', 'White', 'S', 100),
    ('TOP-M', 'TOP', '06970001000023', 'B', '黑', 'Black', 'M', 100);`;

type Line = [sku: string, qty: number, unitPriceCents: number];
const sale = (
  q: Queryable,
  id: string,
  store: string,
  at: string,
  lines: Line[],
  channel = 'store',
) =>
  q.query(
    `INSERT INTO sales (sale_id, device_id, store_id, member_id, total_cents, body, sold_at, channel)
     VALUES ($1, 'dev', $2, NULL, 0, $3::jsonb, $4, $5)`,
    [
      id,
      store,
      JSON.stringify({
        lines: lines.map(([sku, qty, unitPriceCents]) => ({
          sku,
          qty,
          unitPriceCents,
          discountCents: 0,
        })),
      }),
      at,
      channel,
    ],
  );

/** The same history of transactions, whatever the database. */
async function history(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await sale(tx, 'A1', 'S1', '2026-11-20T02:10:00Z', [['DRE-S', 1, 29900]]);
    await tx.exec('SAVEPOINT a');
    await sale(tx, 'A2', 'S1', '2026-11-20T02:20:00Z', [['TOP-M', 2, 9900]]);
    await tx.exec('ROLLBACK TO SAVEPOINT a');
    await sale(tx, 'A3', 'S1', '2026-11-20T02:30:00Z', [
      ['DRE-S', 1, 29900],
      ['TOP-M', 3, 9900],
      ['UNKNOWN', 1, 500],
    ]);
    await sale(tx, 'A4', 'S2', '2026-11-20T09:00:00Z', [['TOP-M', 1, 9900]], 'online');
    await sale(tx, 'A5', 'S2', '2026-11-20T09:05:00Z', []);
  });
  await expect(
    db.transaction(async (tx) => {
      await sale(tx, 'B1', 'S1', '2026-11-20T03:00:00Z', [['DRE-S', 5, 29900]]);
      throw new Error('abandon');
    }),
  ).rejects.toThrow('abandon');
  await sale(db, 'C1', 'S1', '2026-11-21T12:00:00Z', [['DRE-S', 1, 29900]]);
}

async function at(version: number): Promise<Db> {
  const db = await createPgliteDb();
  await migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= version),
  );
  await db.exec(catalog);
  return db;
}

const rollups = async (db: Db) =>
  Promise.all(ROLLUPS.map(async (r) => (await db.query(`SELECT * FROM ${r}`)).rows));

describe('cloud migration 250 (sales counters per transaction)', () => {
  let before: Db;
  let after: Db;
  beforeAll(async () => {
    before = await at(240);
    after = await at(240);
    expect(
      await migrate(
        after,
        MIGRATIONS.filter((m) => m.version <= 250),
      ),
    ).toBe(1);
  }, 60_000);
  afterAll(async () => {
    await before.close();
    await after.close();
  });

  it('gives exactly the rollups per-sale upserts gave, and leaves no delta behind', async () => {
    await history(before);
    await history(after);
    const expected = await rollups(before);
    expect(expected[0]?.length).toBeGreaterThan(8); // the history touched many cells
    expect(await rollups(after)).toEqual(expected);
    const { rows } = await after.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM hq_sales_cube_delta) + (SELECT count(*) FROM hq_sales_hour_delta)
         + (SELECT count(*) FROM hq_style_sales_delta) + (SELECT count(*) FROM hq_delta_marker) AS n`,
    );
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('folds at commit: inside the transaction the rollups have not moved yet', async () => {
    const cubeRows = async (q: Queryable) =>
      (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM hq_sales_cube')).rows[0]?.n;
    const start = await cubeRows(after);
    await after.transaction(async (tx) => {
      await sale(tx, 'D1', 'S3', '2026-11-22T02:00:00Z', [['TOP-M', 1, 9900]]);
      expect(await cubeRows(tx)).toBe(start);
    });
    expect(await cubeRows(after)).toBe((start ?? 0) + 4);
  });
});
