/**
 * The cloud migration tests' helpers (migrate to N−1, insert, migrate to N, assert): a PGlite
 * database migrated to just before a version, and the one step to it.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { Db, Queryable } from '../db/db';
import { rollupSnapshot } from './rollup-snapshot';
import { MIGRATIONS, migrate } from '../db/migrate';
import { createPgliteDb } from '../db/pglite-db';

/** A new PGlite database with every migration before `version` applied. */
export async function cloudDbBefore(version: number): Promise<Db> {
  const db = await createPgliteDb();
  await migrate(
    db,
    MIGRATIONS.filter((m) => m.version < version),
  );
  return db;
}

/** Applies the migrations up to `version`, asserting that exactly one (that one) ran. */
export async function migrateTo(db: Db, version: number): Promise<void> {
  expect(
    await migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= version),
    ),
  ).toBe(1);
}

/**
 * A database migrated to `version`, with store S001 and its mirror `dev_1` added just before the
 * step (for the tables that reference a store and a device).
 */
export async function cloudDbWithMirror(version: number): Promise<Db> {
  const db = await cloudDbBefore(version);
  await db.exec(`INSERT INTO stores VALUES ('S001', 'a', 'a', 'Shanghai', 'Asia/Shanghai');
    INSERT INTO devices (device_id, store_id, name, created_at) VALUES ('dev_1', 'S001', 'mirror', now());`);
  await migrateTo(db, version);
  return db;
}

/** A new PGlite database with every migration up to `version` applied, then given `fill`. */
export async function cloudDbAt(version: number, fill: (db: Db) => Promise<void>): Promise<Db> {
  const db = await createPgliteDb();
  await migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= version),
  );
  await fill(db);
  return db;
}

/**
 * For the tests of a migration that changes how rollups are kept: two databases given the same
 * `fill`, one migrated to `before` and one to `after`, made before the suite's tests and closed
 * after them. Call inside a `describe`.
 */
export function beforeAndAfter(
  [before, after]: [number, number],
  fill: (db: Db) => Promise<void>,
  timeoutMs = 60_000,
): { before: () => Db; after: () => Db } {
  let dbs: Db[] = [];
  beforeAll(async () => {
    dbs = await Promise.all([cloudDbAt(before, fill), cloudDbAt(after, fill)]);
  }, timeoutMs);
  afterAll(async () => {
    await Promise.all(dbs.map((db) => db.close()));
  });
  const get = (i: number) => () => {
    const db = dbs[i];
    if (!db) throw new Error('the databases are made in beforeAll');
    return db;
  };
  return { before: get(0), after: get(1) };
}

/** Every row of each `table ORDER BY …` given, in that order. */
export const rowsOf = async (q: Queryable, tables: readonly string[]) =>
  Promise.all(tables.map(async (t) => (await q.query(`SELECT * FROM ${t}`)).rows));

/** A sale's INSERT by device d1 of store S1 (an online sale at ONLINE), one unit a SKU. */
export const saleSql = (
  id: string,
  member: string | null,
  skus: string[],
  at: string,
  channel = 'store',
) =>
  `INSERT INTO sales (sale_id, device_id, store_id, member_id, total_cents, body, sold_at, channel)
   VALUES ('${id}', 'd1', '${channel === 'store' ? 'S1' : 'ONLINE'}', ${member ? `'${member}'` : 'NULL'}, 0,
     '${JSON.stringify({ lines: skus.map((sku) => ({ sku, qty: 1, unitPriceCents: 9900, discountCents: 100 })) })}'::jsonb,
     '${at}', '${channel}')`;

type TryOnRow = [
  id: string,
  session: string,
  sku: string,
  at: string,
  member: string | null,
  outcome?: { outcome: string; reason: string | null },
];

/** One INSERT of try-ons by device d1 of store S1, each 'tried' with no reason unless given. */
export const tryOnsSql = (rows: readonly TryOnRow[]) =>
  `INSERT INTO tryons (tryon_id, device_id, store_id, body, at, outcome, reason) VALUES ${rows
    .map(
      ([id, session, sku, at, member, o = { outcome: 'tried', reason: null }]) =>
        `('${id}', 'd1', 'S1', '${JSON.stringify({ sessionId: session, sku, memberId: member })}'::jsonb,
     '${at}', '${o.outcome}', ${o.reason === null ? 'NULL' : `'${o.reason}'`})`,
    )
    .join(', ')}`;

/** A try-on's INSERT by device d1 of store S1, 'tried' with no reason unless given. */
export const tryOnSql = (...row: TryOnRow) => tryOnsSql([row]);

/** Every HQ fact and rollup table (not the per-transaction deltas and markers, accounts, nor when a backfill was asked for). */
export async function hqTables(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ t: string }>(
    `SELECT table_name AS t FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_name LIKE 'hq\\_%'
       AND table_name !~ '_(delta|marker|pending|queue)$' AND table_name NOT IN ('hq_users', 'hq_sessions', 'hq_backfill')
     ORDER BY 1`,
  );
  return rows.map((r) => r.t);
}

/** Each of `tables`' rows, as rollupSnapshot gives them, by table. */
export const hqSnapshot = async (q: Queryable, tables: readonly string[]) =>
  Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await rollupSnapshot(q, t)])));

/** Two stores, a checkout, two styles and three members (M9 erased): migrations 350 and 380. */
export const TWO_STORES_MEMBERS_SETUP = `
  INSERT INTO stores VALUES ('S1', 'a', 'a', 'Shanghai', 'Asia/Shanghai'), ('S2', 'b', 'b', 'Beijing', 'Asia/Shanghai');
  INSERT INTO devices (device_id, store_id, name, created_at) VALUES ('d1', 'S1', 'checkout', now());
  INSERT INTO products VALUES ('DRE', '裙', 'Dress', 'dress', 'F', '', 'SS', 100, 'full'),
    ('TOP', '衫', 'Top', 'top', 'F', '', 'AW', 100, 'top');
  INSERT INTO variants VALUES ('DRE-S', 'DRE', '06970001000016', 'W', '白', 'White', 'S', 100),
    ('TOP-M', 'TOP', '06970001000023', 'B', '黑', 'Black', 'M', 100);
  INSERT INTO members (member_id, tier, points, home_store, consent_profile, consent_marketing, joined_on)
    VALUES ('M1', 'regular', 0, 'S1', true, true, '2026-01-05'), ('M2', 'regular', 0, 'S2', true, true, '2026-02-05'),
      ('M9', 'regular', 0, 'S1', true, true, '2026-03-05');
  UPDATE members SET erased = true WHERE member_id = 'M9';`;

/** A rejected ("too small") try-on, as tryOnSql. */
export const rejectedTryOnSql = (
  id: string,
  session: string,
  sku: string,
  at: string,
  member: string | null,
) => tryOnSql(id, session, sku, at, member, { outcome: 'rejected', reason: 'too-small' });
