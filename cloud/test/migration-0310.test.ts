/**
 * Migration 310: sales are processed together at COMMIT. The same transactions give exactly the
 * facts and rollups migration 300's per-sale trigger gave (two databases, one at 300 and one at
 * 310): several sales of a member in one month (a buyer, then a repeater, a cohort member),
 * garments bought within 7 days whose try-on comes before or after the sale in the same
 * transaction (the earliest sale wins), a member erased after their sale in the same transaction,
 * a member who joins after a sale naming them, a savepoint rolled back, a transaction abandoned,
 * an online sale, and "tried since last sold" recounted by a later sale.
 */
import { describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../db/db';
import { beforeAndAfter, rowsOf, saleSql, tryOnSql } from './migration-support';

const COMPARED = [
  'hq_sale_lines ORDER BY sale_id, line_no',
  'hq_garments ORDER BY session_id, sku',
  'hq_member_month ORDER BY member_key, month',
  'hq_repeat_month ORDER BY month, home_store',
  'hq_cohorts ORDER BY join_month, home_store, month',
  'hq_sales_cube ORDER BY category, season, location_id, day, channel',
  'hq_sales_hour ORDER BY location_id, day, channel, hour',
  'hq_style_sales_day ORDER BY location_id, day, channel, style_id',
  'hq_style_store ORDER BY location_id, style_id',
  'hq_tryon_day ORDER BY store_id, day, sku',
  'hq_tryon_store_day ORDER BY store_id, day',
];

const SETUP = `
  INSERT INTO stores VALUES ('S1', 'a', 'a', 'Shanghai', 'Asia/Shanghai');
  INSERT INTO devices (device_id, store_id, name, created_at) VALUES ('d1', 'S1', 'checkout', now());
  INSERT INTO products VALUES ('DRE', '裙', 'Dress', 'dress', 'F', '', 'SS', 100, 'full'),
    ('TOP', '衫', 'Top', 'top', 'F', '', 'AW', 100, 'top');
  INSERT INTO variants VALUES ('DRE-S', 'DRE', '06970001000016', 'W', '白', 'White', 'S', 100),
    ('TOP-M', 'TOP', '06970001000023', 'B', '黑', 'Black', 'M', 100);
  INSERT INTO members (member_id, tier, points, home_store, consent_profile, consent_marketing, joined_on)
    VALUES ('M1', 'regular', 0, 'S1', true, true, '2026-01-05'), ('M2', 'regular', 0, 'S1', true, true, '2026-02-05');`;

async function history(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.exec(tryOnSql('t1', 's1', 'DRE-S', '2026-11-10T03:00:00Z', 'M1'));
    await tx.exec(saleSql('A1', 'M1', ['DRE-S', 'TOP-M'], '2026-11-12T03:00:00Z'));
    await tx.exec(saleSql('A2', 'M1', ['TOP-M'], '2026-11-11T03:00:00Z', 'online'));
    await tx.exec(tryOnSql('t2', 's2', 'TOP-M', '2026-11-09T03:00:00Z', 'M1'));
    await tx.exec(tryOnSql('t3', 's3', 'DRE-S', '2026-11-13T03:00:00Z', null));
    await tx.exec('SAVEPOINT a');
    await tx.exec(saleSql('A3', 'M1', ['DRE-S'], '2026-11-10T05:00:00Z'));
    await tx.exec('ROLLBACK TO SAVEPOINT a');
    await tx.exec(saleSql('A4', 'M3', ['DRE-S'], '2026-11-14T03:00:00Z'));
    await tx.exec(`INSERT INTO members (member_id, tier, points, home_store, consent_profile, consent_marketing,
      joined_on) VALUES ('M3', 'regular', 0, 'S1', true, true, '2026-11-01')`);
    await tx.exec(saleSql('A5', 'M2', ['TOP-M'], '2026-11-15T03:00:00Z'));
    await tx.exec(tryOnSql('t4', 's4', 'TOP-M', '2026-11-14T03:00:00Z', 'M2'));
    await tx.exec(`UPDATE members SET erased = true WHERE member_id = 'M2'`);
  });
  await expect(
    db.transaction(async (tx) => {
      await tx.exec(saleSql('B1', 'M1', ['DRE-S'], '2026-11-10T04:00:00Z'));
      throw new Error('abandon');
    }),
  ).rejects.toThrow('abandon');
  await db.transaction(async (tx) => {
    await tx.exec(saleSql('C1', 'M1', ['DRE-S'], '2026-11-10T04:00:00Z'));
    await tx.exec(saleSql('C2', null, ['DRE-S'], '2026-11-16T03:00:00Z'));
    await tx.exec(saleSql('C3', null, [], '2026-11-16T04:00:00Z'));
  });
}

/** The rows, an erased member's random key read as one name (it differs between databases). */
const snapshot = async (q: Queryable) =>
  (await rowsOf(q, COMPARED)).map((rows) =>
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          typeof v === 'string' && v.startsWith('anon:') ? 'anon' : v,
        ]),
      ),
    ),
  );

describe('cloud migration 310 (sales processed together at commit)', () => {
  const dbs = beforeAndAfter([300, 310], async (db) => {
    await db.exec(SETUP);
    await history(db);
  });

  it('gives exactly the facts and rollups the per-sale trigger gave, and leaves nothing pending', async () => {
    const expected = await snapshot(dbs.before());
    const after = dbs.after();
    const garments = expected[1] ?? [];
    expect(garments).toContainEqual(
      expect.objectContaining({ session_id: 's1', bought_sale: 'C1' }),
    );
    expect(garments).toContainEqual(
      expect.objectContaining({ session_id: 's2', bought_sale: 'A2' }),
    );
    expect(garments).toContainEqual(
      expect.objectContaining({ session_id: 's4', member_key: 'anon' }),
    );
    expect(expected[3]).toContainEqual(expect.objectContaining({ buyers: 2, repeaters: 1 }));
    expect(await snapshot(after)).toEqual(expected);
    const { rows } = await after.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM hq_sale_pending) + (SELECT count(*) FROM hq_sale_marker)
         + (SELECT count(*) FROM hq_tryon_delta) + (SELECT count(*) FROM hq_delta_marker) AS n`,
    );
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('processes at commit: inside the transaction the sale lines are not there yet', async () => {
    const lines = async (q: Queryable) =>
      (
        await q.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM hq_sale_lines WHERE sale_id = 'D1'",
        )
      ).rows[0]?.n;
    const after = dbs.after();
    await after.transaction(async (tx) => {
      await tx.exec(saleSql('D1', null, ['TOP-M'], '2026-11-20T03:00:00Z'));
      expect(await lines(tx)).toBe(0);
    });
    expect(await lines(after)).toBe(1);
  });
});
