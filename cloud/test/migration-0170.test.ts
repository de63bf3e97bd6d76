/** Migration 170: one store's stock in SKU order is read through an index, not a scan and sort. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db';
import { MIGRATIONS, migrate } from '../db/migrate';
import { createPgliteDb } from '../db/pglite-db';

describe('cloud migration 170 (stock by location)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createPgliteDb();
    await migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 170),
    );
    await db.exec(`INSERT INTO stock (sku, location_id, on_hand)
      SELECT 'SKU' || i, 'S00' || (1 + i % 3), i % 7 FROM generate_series(1, 300) i`);
    expect(
      await migrate(
        db,
        MIGRATIONS.filter((m) => m.version <= 170),
      ),
    ).toBe(1);
  });
  afterAll(async () => db.close());

  it("pages one store's stock in SKU order from the new index, rows unchanged", async () => {
    const page = `SELECT sku, on_hand FROM stock WHERE location_id = 'S002' ORDER BY location_id, sku LIMIT 5`;
    await db.exec('SET enable_seqscan = off; SET enable_sort = off');
    const plan = (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${page}`)).rows
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(plan).toContain('stock_location_sku');
    const { rows } = await db.query<{ sku: string }>(page);
    expect(rows.map((r) => r.sku)).toEqual(['SKU1', 'SKU10', 'SKU100', 'SKU103', 'SKU106']);
  });
});
