/**
 * Migration 360: the try-on upkeep reads a statement's visits by key (one index probe a session)
 * instead of `session_id = ANY (…)`, which a cached plan turned into a scan of all visits. The
 * same statements give exactly the facts and rollups 350 gave (two databases, one at 350, one at
 * 360): sessions new in a statement of several garments, a session seen before whose new garment
 * is earlier (its visit moves to that day) or later (it stays), two sessions moving in one
 * statement, a session whose first garment is rolled back to a savepoint.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/db';
import { beforeAndAfter, hqSnapshot, hqTables, tryOnsSql } from './migration-support';

const SETUP = `
  INSERT INTO stores VALUES ('S1', 'a', 'a', 'Shanghai', 'Asia/Shanghai');
  INSERT INTO devices (device_id, store_id, name, created_at) VALUES ('d1', 'S1', 'mirror', now());
  INSERT INTO products VALUES ('DRE', '裙', 'Dress', 'dress', 'F', '', 'SS', 100, 'full');
  INSERT INTO variants VALUES ('DRE-S', 'DRE', '06970001000016', 'W', '白', 'White', 'S', 100),
    ('DRE-M', 'DRE', '06970001000023', 'W', '白', 'White', 'M', 100);`;

async function history(db: Db): Promise<void> {
  await db.exec(
    tryOnsSql([
      ['t1', 'v1', 'DRE-S', '2026-11-10T03:00:00Z', null],
      ['t2', 'v1', 'DRE-M', '2026-11-10T03:05:00Z', null],
      ['t3', 'v2', 'DRE-S', '2026-11-10T04:00:00Z', null],
      ['t4', 'v3', 'DRE-S', '2026-11-11T04:00:00Z', null],
    ]),
  );
  // v2 and v3 move a day earlier (past midnight in Shanghai), v1 gets a later garment: stays
  await db.exec(
    tryOnsSql([
      ['t5', 'v2', 'DRE-M', '2026-11-09T03:00:00Z', null],
      ['t6', 'v3', 'DRE-M', '2026-11-10T03:00:00Z', null],
      ['t7', 'v1', 'DRE-S', '2026-11-12T03:00:00Z', null, { outcome: 'bought', reason: null }],
      ['t8', 'v4', 'DRE-S', '2026-11-12T03:00:00Z', null],
    ]),
  );
  await db.transaction(async (tx) => {
    await tx.exec('SAVEPOINT a');
    await tx.exec(tryOnsSql([['t9', 'v5', 'DRE-S', '2026-11-13T03:00:00Z', null]]));
    await tx.exec('ROLLBACK TO SAVEPOINT a');
    await tx.exec(tryOnsSql([['t10', 'v5', 'DRE-M', '2026-11-14T03:00:00Z', null]]));
  });
}

describe('cloud migration 360 (visits by key)', () => {
  const dbs = beforeAndAfter([350, 360], async (db) => {
    await db.exec(SETUP);
    await history(db);
  });

  it('gives exactly the facts and rollups 350 gave', async () => {
    const tables = await hqTables(dbs.before());
    expect(tables).toEqual(expect.arrayContaining(['hq_visits', 'hq_tryon_store_day']));
    const expected = await hqSnapshot(dbs.before(), tables);
    expect(await hqSnapshot(dbs.after(), tables)).toEqual(expected);
    const { rows } = await dbs
      .after()
      .query<{ session_id: string; day: string }>(
        'SELECT session_id, day::text AS day FROM hq_visits ORDER BY 1',
      );
    expect(rows).toEqual([
      { session_id: 'v1', day: '2026-11-10' },
      { session_id: 'v2', day: '2026-11-09' },
      { session_id: 'v3', day: '2026-11-10' },
      { session_id: 'v4', day: '2026-11-12' },
      { session_id: 'v5', day: '2026-11-14' },
    ]);
  });
});
