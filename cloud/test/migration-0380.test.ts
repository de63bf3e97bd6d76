/**
 * Migration 380: a push's triggers only note its try-ons, sales and stock moves; the fold applies
 * the notes after COMMIT. The same transactions, folded, give exactly the facts and every rollup
 * migration 370 gave in the push (two databases, one at 370 and one at 380): try-ons with and
 * without a member and by an erased member, try-ons and sales in one transaction, a SKU the
 * catalog does not know, stock inserted, moved, deleted and rolled back to a savepoint, a home
 * store changed after a committed sale and before the next, a member erased after their sales.
 */
import { describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../db/db';
import { foldAll } from '../hq/rollups/fold';
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
    await tx.exec('SAVEPOINT a');
    await tx.exec(tryOn('t5', 's5', 'DRE-S', '2026-11-12T04:00:00Z', 'M2'));
    await tx.exec(saleSql('A2', 'M2', ['TOP-M'], '2026-11-12T05:00:00Z'));
    await tx.exec(`UPDATE stock SET on_hand = on_hand + 50`);
    await tx.exec('ROLLBACK TO SAVEPOINT a');
  });
  await db.transaction(async (tx) => {
    await tx.exec(saleSql('B1', null, ['TOP-M'], '2026-11-13T03:00:00Z'));
    await tx.exec(saleSql('B2', 'M2', ['TOP-M', 'DRE-S'], '2026-11-13T04:00:00Z'));
    await tx.exec(`UPDATE stock SET location_id = 'S2' WHERE sku = 'GHOST-M'`);
    await tx.exec(`DELETE FROM stock WHERE sku = 'NOPE'`);
  });
  // M1 moves home between two committed sales; M2 is erased after theirs
  await db.exec(saleSql('C1', 'M1', ['TOP-M'], '2026-11-14T03:00:00Z'));
  await db.exec(`UPDATE members SET home_store = 'S2' WHERE member_id = 'M1'`);
  await db.exec(saleSql('C2', 'M1', ['DRE-S'], '2026-11-14T04:00:00Z'));
  await db.exec(tryOn('t6', 's6', 'TOP-M', '2026-11-14T05:00:00Z', 'M2'));
  await db.exec(saleSql('C3', 'M2', ['TOP-M'], '2026-11-15T03:00:00Z'));
  await db.exec(`UPDATE members SET erased = true WHERE member_id = 'M2'`);
  await db.exec(tryOn('t7', 's7', 'DRE-S', '2026-11-16T03:00:00Z', null));
  await db.exec(saleSql('C4', null, ['DRE-S'], '2026-11-16T04:00:00Z'));
}

const noted = async (q: Queryable) =>
  (
    await q.query<{ tryons: string[]; sales: string[]; stock: number }>(
      `SELECT ARRAY(SELECT tryon_id FROM hq_tryon_queue ORDER BY 1) AS tryons,
         ARRAY(SELECT sale_id FROM hq_sale_pending ORDER BY 1) AS sales,
         (SELECT count(*)::int FROM hq_stock_delta) AS stock`,
    )
  ).rows[0];

describe('cloud migration 380 (upkeep after COMMIT)', () => {
  const dbs = beforeAndAfter([370, 380], async (db) => {
    await db.exec(SETUP);
    await history(db);
  });

  it('leaves notes, not rollups, after the last member change, and folds them later', async () => {
    const after = dbs.after();
    // the erasure folded everything before it; what came after waits for the fold
    expect(await noted(after)).toEqual({ tryons: ['t7'], sales: ['C4'], stock: 0 });
    const lines = await after.query("SELECT 1 FROM hq_sale_lines WHERE sale_id = 'C4'");
    expect(lines.rows).toEqual([]);
    await foldAll(after);
    expect(await noted(after)).toEqual({ tryons: [], sales: [], stock: 0 });
  });

  it('gives exactly the facts and rollups 370 gave in the push', async () => {
    await foldAll(dbs.after());
    const tables = await hqTables(dbs.before());
    expect(tables).toEqual(
      expect.arrayContaining(['hq_garments', 'hq_sales_cube', 'hq_style_store', 'hq_member_month']),
    );
    const expected = await hqSnapshot(dbs.before(), tables);
    // C1 counts at M1's home then (S1), C2 at the new one (S2); M2's key is nowhere
    const homes = (expected.hq_sale_lines as string[])
      .filter((r) => /"sale_id":"C[12]"/.test(r))
      .map((r) => /"member_home":"(\w+)"/.exec(r)?.[1]);
    expect(homes).toEqual(['S1', 'S2']);
    expect(JSON.stringify(expected)).not.toContain('"M2"');
    // an erased member's key becomes a random pseudonym, one per database
    const pseudonymous = (snapshot: object) =>
      JSON.parse(JSON.stringify(snapshot).replace(/anon:[0-9a-f-]{36}/g, 'anon:…')) as object;
    expect(JSON.stringify(expected)).toContain('anon:');
    expect(pseudonymous(await hqSnapshot(dbs.after(), tables))).toEqual(pseudonymous(expected));
  });

  it('folds in steps of a given size, and says when notes are left', async () => {
    const after = dbs.after();
    await after.exec(tryOn('t8', 's8', 'DRE-S', '2026-11-17T03:00:00Z', null));
    await after.exec(tryOn('t9', 's9', 'DRE-S', '2026-11-17T04:00:00Z', null));
    const step = async () =>
      (await after.transaction((tx) => tx.query<{ r: number }>('SELECT hq_fold_try(1) AS r')))
        .rows[0]?.r;
    expect(await step()).toBe(1);
    expect((await noted(after))?.tryons).toHaveLength(1);
    expect(await step()).toBe(0);
    expect(await noted(after)).toEqual({ tryons: [], sales: [], stock: 0 });
  });
});
