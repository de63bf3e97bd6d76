/**
 * Migration 290: the try-on and stock upkeep run once per statement over the transition table.
 * The same statements give exactly the garments, visits and rollups migration 260's row triggers
 * gave (two databases, one at 260 and one at 290): many try-ons of one garment in one statement,
 * out of time order, across midnight, with reasons that tie on time, members bought within and
 * beyond 7 days, a garment that already exists, a visit moved to an earlier day, a statement with
 * only duplicates, and stock inserted, updated (several SKUs of one style) and deleted together.
 * One thing differs, on purpose: 150's stock trigger fired on `UPDATE OF on_hand` only, so a row
 * moved to another store or SKU left its units where they were; now every update moves them, as
 * the recompute from the stock table has them.
 */
import { describe, expect, it } from 'vitest';
import { recomputeRollups } from '../hq/rollups/recompute';
import { beforeAndAfter, rowsOf } from './migration-support';
import { rollupSnapshot } from './rollup-snapshot';

const COMPARED = [
  'hq_garments ORDER BY session_id, sku',
  'hq_visits ORDER BY session_id',
  'hq_tryon_day ORDER BY store_id, day, sku',
  'hq_tryon_style_all ORDER BY day, style_id',
  'hq_tryon_store_day ORDER BY store_id, day',
  'hq_style_store ORDER BY location_id, style_id',
  'hq_style_stock_all ORDER BY style_id, online',
];

const SETUP = `
  INSERT INTO stores VALUES ('S1', 'a', 'a', 'Shanghai', 'Asia/Shanghai'), ('S2', 'b', 'b', 'Shanghai', 'Asia/Shanghai');
  INSERT INTO devices (device_id, store_id, name, created_at) VALUES ('d1', 'S1', 'mirror', now()),
    ('d2', 'S2', 'mirror', now());
  INSERT INTO products VALUES ('DRE', '裙', 'Dress', 'dress', 'F', '', 'SS', 100, 'full'),
    ('TOP', '衫', 'Top', 'top', 'F', '', 'AW', 100, 'top');
  INSERT INTO variants VALUES ('DRE-S', 'DRE', '06970001000016', 'W', '白', 'White', 'S', 100),
    ('DRE-M', 'DRE', '06970001000030', 'W', '白', 'White', 'M', 100),
    ('TOP-M', 'TOP', '06970001000023', 'B', '黑', 'Black', 'M', 100);
  INSERT INTO members (member_id, tier, points, home_store, consent_profile, consent_marketing, joined_on)
    VALUES ('M1', 'regular', 0, 'S1', true, true, '2026-01-05'), ('M2', 'regular', 0, 'S1', true, true, '2026-02-05');`;

type TryOn = [
  id: string,
  session: string,
  sku: string,
  at: string,
  outcome: string,
  reason?: string,
  member?: string,
];
const tryOns = (store: string, rows: TryOn[]) =>
  `INSERT INTO tryons (tryon_id, device_id, store_id, body, at, outcome, reason) VALUES ${rows
    .map(
      ([id, session, sku, at, outcome, reason, member]) =>
        `('${id}', '${store === 'S1' ? 'd1' : 'd2'}', '${store}', '${JSON.stringify({
          sessionId: session,
          sku,
          memberId: member ?? null,
        })}'::jsonb, '${at}', '${outcome}', ${reason ? `'${reason}'` : 'NULL'})`,
    )
    .join(', ')} ON CONFLICT (tryon_id) DO NOTHING`;
const sale = (id: string, member: string, sku: string, at: string, channel = 'store') =>
  `INSERT INTO sales (sale_id, device_id, store_id, member_id, total_cents, body, sold_at, channel)
   VALUES ('${id}', 'd1', 'S1', '${member}', 0,
     '{"lines": [{"sku": "${sku}", "qty": 1, "unitPriceCents": 9900, "discountCents": 0}]}'::jsonb, '${at}', '${channel}')`;

/** The same statements, whatever the database (times are UTC; Shanghai's midnight is 16:00). */
const HISTORY = [
  sale('X1', 'M1', 'DRE-M', '2026-11-12T05:00:00Z', 'online'),
  tryOns('S1', [
    ['a1', 's1', 'DRE-S', '2026-11-10T15:50:00Z', 'tried'],
    ['a2', 's1', 'DRE-S', '2026-11-10T16:10:00Z', 'rejected', 'too-small'],
    ['a3', 's1', 'DRE-S', '2026-11-10T15:40:00Z', 'liked', 'colour'],
    ['a4', 's1', 'TOP-M', '2026-11-10T16:20:00Z', 'size-swap', 'too-big'],
    ['a5', 's1', 'TOP-M', '2026-11-10T16:20:00Z', 'rejected', 'price'],
    ['a6', 's2', 'DRE-M', '2026-11-11T02:00:00Z', 'tried', undefined, 'M1'],
    ['a7', 's2', 'DRE-M', '2026-11-11T01:00:00Z', 'liked', undefined, 'M2'],
    ['a8', 's3', 'NOPE', '2026-11-11T03:00:00Z', 'bought'],
    ['a9', 's3', 'DRE-S', '2026-11-11T03:00:00Z', 'tried', undefined, 'M1'],
  ]),
  tryOns('S2', [['b1', 's4', 'TOP-M', '2026-11-20T03:00:00Z', 'tried', undefined, 'M1']]),
  // later statements: existing garments, a visit moved earlier, a purchase in the visit
  tryOns('S1', [
    ['c1', 's1', 'DRE-S', '2026-11-10T15:30:00Z', 'tried', 'style'],
    ['c2', 's1', 'DRE-M', '2026-11-09T10:00:00Z', 'tried'],
    ['c3', 's2', 'DRE-M', '2026-11-11T04:00:00Z', 'bought'],
    ['c4', 's3', 'DRE-S', '2026-11-11T03:00:00Z', 'tried', undefined, 'M2'],
    ['a1', 's1', 'DRE-S', '2026-11-10T15:50:00Z', 'tried'],
  ]),
  tryOns('S1', [['a2', 's1', 'DRE-S', '2026-11-10T16:10:00Z', 'rejected', 'too-small']]),
  sale('X2', 'M1', 'TOP-M', '2026-11-21T05:00:00Z'),
  `INSERT INTO stock VALUES ('DRE-S', 'S1', 4), ('DRE-M', 'S1', 2), ('TOP-M', 'ONLINE', 9), ('NOPE', 'S2', 1)`,
  `UPDATE stock SET on_hand = on_hand - 1 WHERE location_id = 'S1'`,
  `UPDATE stock SET on_hand = on_hand WHERE sku = 'TOP-M'`,
  `DELETE FROM stock WHERE sku IN ('DRE-S', 'NOPE')`,
];

describe('cloud migration 290 (try-on and stock upkeep per statement)', () => {
  const dbs = beforeAndAfter(
    [260, 290],
    async (db) => {
      await db.exec(SETUP);
      for (const statement of HISTORY) await db.exec(statement);
    },
    120_000,
  );

  it('gives exactly the garments, visits and rollups the row triggers gave', async () => {
    const expected = await rowsOf(dbs.before(), COMPARED);
    expect(expected[0]).toHaveLength(7); // seven garments, some merged from several statements
    expect(expected[0]).toContainEqual(
      expect.objectContaining({ session_id: 's2', bought_via: 'visit' }),
    );
    expect(expected[0]).toContainEqual(
      expect.objectContaining({ session_id: 's4', bought_via: 'store' }),
    );
    expect(await rowsOf(dbs.after(), COMPARED)).toEqual(expected);
  });

  it('moves the units of a stock row moved to another store, as the recompute has them', async () => {
    const after = dbs.after();
    // (a deleted stock row leaves a zero row behind; the recompute has no row: same numbers)
    const stockRollups = async () =>
      Promise.all(['hq_style_store', 'hq_style_stock_all'].map((t) => rollupSnapshot(after, t)));
    await after.exec(`UPDATE stock SET location_id = 'S2' WHERE sku = 'DRE-M'`);
    const kept = await stockRollups();
    expect(kept[0]?.join('\n')).toMatch(/"location_id":"S2","on_hand":1,"style_id":"DRE"/);
    await after.transaction((tx) => recomputeRollups(tx, { facts: 'keep' }));
    expect(await stockRollups()).toEqual(kept);
  });

  it('fires once per statement', async () => {
    const { rows } = await dbs.after().query<{ level: string }>(
      `SELECT action_orientation AS level FROM information_schema.triggers
       WHERE event_object_table IN ('tryons', 'stock') AND trigger_name IN ('hq_tryon', 'hq_stock')`,
    );
    expect(rows.map((r) => r.level)).toEqual(['STATEMENT', 'STATEMENT']);
  });
});
