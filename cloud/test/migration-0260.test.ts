/**
 * Migration 260: the sale trigger looks a line's style, category and season up by key instead of
 * joining the whole catalog, and a stock update moves its rollups by the difference once. The
 * same history gives exactly the facts and rollups 250's functions gave (two demo-store databases,
 * one at 250 and one at 260), and a sale reads neither `variants` nor `products` nor the store's
 * stock by a scan (the table statistics of the sale's own transaction say so).
 */
import { describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../db/db';
import { loadDemoStore } from '../demo/load-demo-store';
import { recordSale } from '../push/handlers/records';
import { DEMO_DIR } from './harness';
import { beforeAndAfter, rowsOf } from './migration-support';

const COMPARED = [
  'hq_sale_lines ORDER BY sale_id, line_no',
  'hq_sales_cube ORDER BY category, season, location_id, day, channel',
  'hq_sales_cube_all ORDER BY category, season, day, channel',
  'hq_style_sales_day ORDER BY location_id, day, channel, style_id',
  'hq_style_store ORDER BY location_id, style_id',
  'hq_style_stock_all ORDER BY style_id, online',
  'hq_member_month ORDER BY member_key, month',
];

type Line = [sku: string, qty: number];
const saleArgs = (saleId: string, lines: Line[], memberId: string | null = null) => ({
  saleId,
  memberId,
  lines: lines.map(([sku, qty]) => ({ sku, qty, unitPriceCents: 19900, discountCents: 500 })),
  totalCents: 0,
  payments: [],
  soldAt: '2026-11-20T03:00:00.000Z',
});
const ctx = { deviceId: 'dev_1', storeId: 'S001', hlc: '001767225600000-00000', now: new Date() };

/** The demo store and the checkout device the sales come from. */
async function demoStore(db: Db): Promise<void> {
  await loadDemoStore(db, DEMO_DIR);
  await db.exec(`INSERT INTO devices (device_id, store_id, name, created_at)
    VALUES ('dev_1', 'S001', 'checkout', now())`);
}

/** Sales through the push handler (stock moves with them), and stock edits of every kind. */
async function history(db: Db): Promise<void> {
  const { rows } = await db.query<{ id: string }>(
    "SELECT member_id AS id FROM members WHERE home_store = 'S001' ORDER BY member_id LIMIT 1",
  );
  const member = rows[0]?.id ?? null;
  await db.transaction(async (tx) => {
    await recordSale(tx, saleArgs('A1', [['DRE001-WHT-XS', 1]]), ctx);
    await recordSale(
      tx,
      saleArgs(
        'A2',
        [
          ['DRE001-WHT-XS', 2],
          ['DRE001-WHT-S', 1],
          ['NOT-IN-CATALOG', 1],
        ],
        member,
      ),
      ctx,
    );
  });
  await db.exec(`UPDATE stock SET on_hand = on_hand + 7 WHERE location_id = 'S002' AND sku LIKE 'DRE001%';
    DELETE FROM stock WHERE location_id = 'S003' AND sku = 'DRE001-WHT-XS';
    UPDATE stock SET location_id = 'S003' WHERE location_id = 'S002' AND sku = 'DRE001-WHT-XS';
    DELETE FROM stock WHERE location_id IN ('S001', 'ONLINE') AND sku = 'DRE001-WHT-S';
    INSERT INTO stock VALUES ('DRE001-WHT-S', 'ONLINE', 40);`);
}

/** Scans and rows read per table in the caller's transaction so far. */
async function reads(tx: Queryable, table: string) {
  const { rows } = await tx.query<{ seq: number; fetched: number }>(
    `SELECT coalesce(seq_scan, 0)::int AS seq, coalesce(idx_tup_fetch, 0)::int AS fetched
     FROM pg_stat_xact_user_tables WHERE relname = $1 AND schemaname = current_schema()`,
    [table],
  );
  return rows[0] ?? { seq: 0, fetched: 0 };
}

describe('cloud migration 260 (upkeep lookups by key)', () => {
  const dbs = beforeAndAfter([250, 260], demoStore, 120_000);

  it('gives exactly the facts and rollups 250 gave', async () => {
    await history(dbs.before());
    await history(dbs.after());
    const expected = await rowsOf(dbs.before(), COMPARED);
    expect(expected[0]).toHaveLength(4); // four sale lines, one of them not in the catalog
    expect(await rowsOf(dbs.after(), COMPARED)).toEqual(expected);
  });

  it('reads the catalog and the stock by key for a sale', async () => {
    await dbs.after().transaction(async (tx) => {
      const stockBefore = await reads(tx, 'stock');
      await recordSale(
        tx,
        saleArgs('B1', [
          ['DRE001-WHT-XS', 1],
          ['DRE001-WHT-M', 1],
        ]),
        ctx,
      );
      expect((await reads(tx, 'variants')).seq).toBe(0);
      expect((await reads(tx, 'products')).seq).toBe(0);
      const stock = await reads(tx, 'stock');
      expect(stock.seq).toBe(stockBefore.seq);
      // two rows updated and two published, not the store's ~2,800 stock rows
      expect(stock.fetched - stockBefore.fetched).toBeLessThanOrEqual(8);
    });
  });

  it('takes a sale off the stock of every SKU, whatever its name', async () => {
    const db = dbs.after();
    const odd = ['constructor', '__proto__', 'toString'];
    await db.exec(
      `INSERT INTO stock VALUES ${odd.map((sku) => `('${sku}', 'S001', 10)`).join(', ')}`,
    );
    await db.transaction((tx) =>
      recordSale(
        tx,
        saleArgs(
          'C1',
          odd.map((sku) => [sku, 2]),
        ),
        ctx,
      ),
    );
    const { rows } = await db.query<{ sku: string; on_hand: number }>(
      `SELECT sku, on_hand FROM stock WHERE location_id = 'S001' AND sku = ANY ($1::text[]) ORDER BY sku`,
      [`{${odd.join(',')}}`],
    );
    expect(rows).toEqual([...odd].sort().map((sku) => ({ sku, on_hand: 8 })));
  });
});
