/**
 * Migration 240: try-on counters are folded into the rollups once per transaction, at COMMIT, from
 * the deltas the upkeep triggers append; a rollback (to a savepoint, or of everything) drops its
 * deltas, and the transaction-local marker flag goes with the marker row it guarded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../db/db';
import { MIGRATIONS, migrate } from '../db/migrate';
import { createPgliteDb } from '../db/pglite-db';

const insertTryOn = (q: Queryable, id: string, session: string, sku: string) =>
  q.query(
    `INSERT INTO tryons (tryon_id, device_id, store_id, body, at, outcome, reason)
     VALUES ($1, 'dev', 'S1', jsonb_build_object('sessionId', $2::text, 'sku', $3::text, 'memberId', null),
       '2026-11-20T03:00:00Z', 'liked', NULL)`,
    [id, session, sku],
  );

describe('cloud migration 240 (try-on counters per transaction)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createPgliteDb();
    await migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 240),
    );
    expect(
      await migrate(
        db,
        MIGRATIONS.filter((m) => m.version <= 240),
      ),
    ).toBe(1);
  });
  afterAll(async () => db.close());

  const counters = async () =>
    (
      await db.query<{
        sku: number;
        style: number;
        store: number;
        sessions: number;
        liked: number;
      }>(
        `SELECT (SELECT coalesce(sum(garments), 0)::int FROM hq_tryon_day) AS sku,
           (SELECT coalesce(sum(garments), 0)::int FROM hq_tryon_style_all) AS style,
           (SELECT coalesce(sum(garments), 0)::int FROM hq_tryon_store_day) AS store,
           (SELECT coalesce(sum(sessions), 0)::int FROM hq_tryon_store_day) AS sessions,
           (SELECT coalesce(sum(liked_or_bought), 0)::int FROM hq_tryon_day) AS liked`,
      )
    ).rows[0];
  const leftovers = async () =>
    (
      await db.query<{ n: number }>(
        'SELECT (SELECT count(*) FROM hq_tryon_delta) + (SELECT count(*) FROM hq_delta_marker) AS n',
      )
    ).rows[0]?.n;

  it('folds a transaction’s deltas at commit, without those of a savepoint rolled back', async () => {
    await db.transaction(async (tx) => {
      // the first delta (and the marker) inside a savepoint that is rolled back
      await tx.exec('SAVEPOINT a');
      await insertTryOn(tx, 'T1', 'V1', 'SKU-A');
      await tx.exec('ROLLBACK TO SAVEPOINT a');
      await insertTryOn(tx, 'T2', 'V2', 'SKU-A');
      await insertTryOn(tx, 'T3', 'V2', 'SKU-B');
      await insertTryOn(tx, 'T4', 'V3', 'SKU-A');
      // not folded yet: the rollups move at commit
      const mid = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM hq_tryon_day');
      expect(mid.rows[0]?.n).toBe(0);
    });
    expect(await counters()).toEqual({ sku: 3, style: 3, store: 3, sessions: 2, liked: 3 });
    expect(Number(await leftovers())).toBe(0);
    const perSku = await db.query<{ sku: string; garments: number }>(
      'SELECT sku, garments FROM hq_tryon_day ORDER BY sku',
    );
    expect(perSku.rows).toEqual([
      { sku: 'SKU-A', garments: 2 },
      { sku: 'SKU-B', garments: 1 },
    ]);
  });

  it('a transaction rolled back leaves neither counters nor deltas', async () => {
    const before = await counters();
    await expect(
      db.transaction(async (tx) => {
        await insertTryOn(tx, 'T9', 'V9', 'SKU-A');
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect(await counters()).toEqual(before);
    expect(Number(await leftovers())).toBe(0);
  });

  it('statements outside a transaction block are folded at their own commit', async () => {
    await insertTryOn(db, 'T10', 'V10', 'SKU-C');
    expect((await counters())?.sessions).toBe(3);
    expect(Number(await leftovers())).toBe(0);
  });

  it('a sale finds "tried since it last sold" as one event at a time would have left it', async () => {
    const sale = (q: Queryable, id: string, at: string) =>
      q.query(
        `INSERT INTO sales (sale_id, device_id, store_id, member_id, total_cents, body, sold_at)
         VALUES ($1, 'dev', 'S2', NULL, 100,
           '{"lines": [{"sku": "SKU-Z", "qty": 1, "unitPriceCents": 100, "discountCents": 0}]}', $2)`,
        [id, at],
      );
    const tryOnAt = (q: Queryable, id: string, at: string) =>
      q.query(
        `INSERT INTO tryons (tryon_id, device_id, store_id, body, at, outcome, reason)
         VALUES ($1, 'dev', 'S2', jsonb_build_object('sessionId', $1::text, 'sku', 'SKU-Z', 'memberId', null), $2, NULL, NULL)`,
        [id, at],
      );
    await sale(db, 'X0', '2026-11-20T01:00:00Z');
    await db.transaction(async (tx) => {
      // tried after the sale below, which is later than the last one: the sale recounts it from
      // the facts, so its pending delta must be folded before, not added again at commit
      await tryOnAt(tx, 'Z1', '2026-11-20T05:00:00Z');
      await sale(tx, 'X1', '2026-11-20T03:00:00Z');
      await tryOnAt(tx, 'Z2', '2026-11-20T06:00:00Z');
    });
    const { rows } = await db.query<{ tries: number; expected: number }>(
      `SELECT s.tries::int AS tries, (SELECT count(*)::int FROM hq_garments g
         WHERE g.store_id = 'S2' AND g.style_id = s.style_id AND g.first_at > s.last_sold_at) AS expected
       FROM hq_style_store s WHERE s.location_id = 'S2'`,
    );
    expect(rows).toEqual([{ tries: 2, expected: 2 }]);
  });
});
