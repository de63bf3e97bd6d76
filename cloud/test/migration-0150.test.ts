/**
 * Migration 150 on a database that already holds events: the triggers keep new events' rollups,
 * and the events from before are rolled up once at the next start (backfill).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudDbBefore, migrateTo } from './migration-support';
import type { Db } from '../db/db';
import { backfillRollups } from '../hq/rollups/backfill';
import { sql as upkeepSql } from '../db/migrations/0150-hq-upkeep';

const tryon = (id: string, session: string, outcome: string) =>
  `INSERT INTO tryons (tryon_id, device_id, store_id, body, at, outcome)
   VALUES ('${id}', 'd', 'S001', '{"sessionId":"${session}","sku":"DRE001-WHT-XS"}', '2026-09-01T03:00:00Z', '${outcome}')`;

describe('cloud migration 150 (HQ rollup upkeep)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await cloudDbBefore(150);
    await db.exec(`INSERT INTO stores VALUES ('S001', 'a', 'a', 'Shanghai', 'Asia/Shanghai');
      INSERT INTO products VALUES ('DRE001', 'z', 'e', 'dress', 'F', 'x', 'SS26', 100, 'full');
      INSERT INTO variants VALUES ('DRE001-WHT-XS', 'DRE001', '1', 'WHT', 'w', 'w', 'XS', 100);`);
    await db.query(tryon('T1', 'S-old', 'liked'));
    await migrateTo(db, 150);
  });
  afterAll(async () => db.close());

  const garments = async () =>
    (
      await db.query<{ session_id: string }>('SELECT session_id FROM hq_garments ORDER BY 1')
    ).rows.map((r) => r.session_id);

  it('rolls up a new try-on in its own transaction, and nothing while a bulk load runs', async () => {
    await db.query(tryon('T2', 'S-new', 'rejected'));
    expect(await garments()).toEqual(['S-new']);
    await db.transaction(async (tx) => {
      await tx.query("SELECT set_config('hq.bulk', 'on', true)");
      await tx.query(tryon('T3', 'S-bulk', 'liked'));
    });
    expect(await garments()).toEqual(['S-new']);
  });

  it('backfills the events from before the migration once, at the next start', async () => {
    expect(await backfillRollups(db)).toBe(true);
    expect(await garments()).toEqual(['S-bulk', 'S-new', 'S-old']);
    const { rows } = await db.query<{ garments: number; liked: number }>(
      'SELECT sum(garments)::int AS garments, sum(liked_or_bought)::int AS liked FROM hq_tryon_day',
    );
    expect(rows).toEqual([{ garments: 3, liked: 2 }]);
    expect(await backfillRollups(db)).toBe(false);
  });
});

describe('cloud migration 150 composed from its fact families', () => {
  it('is, to the byte, the text deployed databases ran before it was split into modules', () => {
    // sha256 and length of the single-file migration at fb51a87 (applied in deployed databases).
    expect(upkeepSql).toHaveLength(24959);
    expect(createHash('sha256').update(upkeepSql).digest('hex')).toBe(
      'ddc3081566c17fbe89c0094a1644aeb7931cab882cdf9d707bb92aa29c08953b',
    );
  });
});
