/** Migration 50 on a database that already holds v1 try-ons: each gets the outcome its action meant. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudDbBefore, migrateTo } from './migration-support';
import type { Db } from '../db/db';

describe('cloud migration 50 (try-on outcomes)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await cloudDbBefore(50);
  });
  afterAll(async () => db.close());

  it('backfills the outcome of earlier v1 rows and refuses an unknown reason afterwards', async () => {
    const insert = (id: string, action: string) =>
      db.query(
        `INSERT INTO tryons (tryon_id, device_id, store_id, body, at) VALUES ($1, 'd', 'S001', $2::jsonb, now())`,
        [id, JSON.stringify({ tryOnId: id, sku: 'DRE001-WHT-XS', action })],
      );
    await insert('A', 'like');
    await insert('B', 'unlike');
    await insert('C', 'request-size');
    await insert('D', 'enter');
    await migrateTo(db, 50);
    const { rows } = await db.query<{ id: string; outcome: string | null; reason: null }>(
      'SELECT tryon_id AS id, outcome, reason FROM tryons ORDER BY 1',
    );
    expect(rows).toEqual([
      { id: 'A', outcome: 'liked', reason: null },
      { id: 'B', outcome: 'rejected', reason: null },
      { id: 'C', outcome: 'size-swap', reason: null },
      { id: 'D', outcome: null, reason: null },
    ]);
    await expect(
      db.query(
        `INSERT INTO tryons (tryon_id, device_id, store_id, body, at, outcome, reason)
         VALUES ('E', 'd', 'S001', '{}'::jsonb, now(), 'rejected', 'ugly')`,
      ),
    ).rejects.toThrow();
    const { rows: counted } = await db.query<{ tryons: number }>(
      "SELECT tryons FROM tryon_reasons WHERE outcome = 'rejected' AND reason = 'none'",
    );
    expect(counted).toEqual([{ tryons: 1 }]);
  });
});
