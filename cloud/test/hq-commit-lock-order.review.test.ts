/**
 * Review of migrations 290–330 (issue 12/15 upkeep rewrite): two transactions of two stores whose
 * COMMIT-time folds take the shared HQ rows in opposite orders deadlock.
 *
 * Migration 310 moved the sales' upkeep (member locks, the member's month and repeat buyers) to a
 * deferred trigger, which fires in the order the markers were queued. A push whose try-ons come
 * first folds the brand-wide try-on rows (240's marker: `hq_tryon_brand_day`) and only then
 * processes its sales; a push whose sale comes first locks the repeat-buyer row of the month and
 * only then the brand-wide rows. Before 310 a sale's locks were all taken when it was inserted,
 * ahead of every COMMIT-time fold. A third session holding a member's lock makes the interleaving
 * certain. Needs PostgreSQL (DATABASE_URL): PGlite has one connection and cannot deadlock.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPgDb } from '../db/pg-db';
import { MIGRATIONS, migrate } from '../db/migrate';
import { sale, take, tryOn, TWO_STORES_SETUP } from './two-stores-fixture';

const URL = process.env.DATABASE_URL;
if (!URL)
  console.warn(
    '\n*** cloud/test/hq-commit-lock-order.review.test.ts SKIPPED: needs PostgreSQL (DATABASE_URL) ***\n',
  );

async function client(schema: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: URL, options: `-c search_path=${schema}` });
  await c.connect();
  return c;
}

/** Resolves once `pid` waits on a lock, or `settled` is done (it did not block). */
async function blockedOrDone(admin: pg.Client, pid: number, settled: () => boolean) {
  for (let i = 0; i < 200 && !settled(); i++) {
    const { rows } = await admin.query(
      "SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'",
      [pid],
    );
    if (rows.length > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function pidOf(c: pg.Client): Promise<number> {
  const { rows } = await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return rows[0]?.pid ?? -1;
}

const tracked = <T>(p: Promise<T>) => {
  const t = { done: false, p: p.finally(() => (t.done = true)) };
  return t;
};

/**
 * Two stores' transactions, the first held up by `hold` (run by a third session) until the second
 * is blocked or done: how both ended.
 */
interface Interleaving {
  hold: string;
  first: string[];
  second: string[];
}

async function twoStoresCommit(
  version: number,
  { hold, first, second }: Interleaving,
): Promise<string[]> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const db = await createPgDb({ connectionString: URL ?? '', schema });
  const [admin, holder, t1, t2] = await Promise.all([
    client(schema),
    client(schema),
    client(schema),
    client(schema),
  ]);
  try {
    await migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= version),
    );
    await db.exec(TWO_STORES_SETUP);
    const [pid1, pid2] = [await pidOf(t1), await pidOf(t2)];
    await holder.query(`BEGIN; ${hold}`);
    const one = tracked(t1.query(`BEGIN; ${first.join('; ')}; COMMIT`));
    await blockedOrDone(admin, pid1, () => one.done);
    const two = tracked(t2.query(`BEGIN; ${second.join('; ')}; COMMIT`));
    await blockedOrDone(admin, pid2, () => two.done);
    await holder.query('COMMIT');
    const outcomes = await Promise.allSettled([one.p, two.p]);
    return outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
  } finally {
    for (const c of [t1, t2, holder]) await c.end().catch(() => undefined);
    await db.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

/** Store S2's push: try-ons (or a reservation) first, then M1's first sale of the month. */
const SALES_AFTER_TRYONS: Interleaving = {
  hold: "SELECT hq_member_lock('M1')",
  first: [
    tryOn('a1', 'S2', '2026-11-10T03:00:00Z'),
    sale('B1', 'S2', 'M1', '2026-11-12T03:00:00Z'),
  ],
  second: [
    sale('A1', 'S1', 'M2', '2026-11-12T04:00:00Z'),
    take('S1'),
    tryOn('b1', 'S1', '2026-11-10T05:00:00Z'),
  ],
};
const SALES_AFTER_RESERVATION: Interleaving = {
  hold: "SELECT hq_member_lock('M1')",
  first: [take('S2'), sale('B1', 'S2', 'M1', '2026-11-12T03:00:00Z')],
  second: [sale('A1', 'S1', 'M2', '2026-11-12T04:00:00Z'), take('S1')],
};
/** No sale: stock then try-ons against try-ons then stock (the store's stock row held). */
const STOCK_AND_TRYONS: Interleaving = {
  hold: "SELECT 1 FROM hq_style_store WHERE location_id = 'S2' FOR UPDATE",
  first: [tryOn('a1', 'S2', '2026-11-10T03:00:00Z'), take('S2')],
  second: [take('S1'), tryOn('b1', 'S1', '2026-11-10T05:00:00Z')],
};

const LATEST = Math.max(...MIGRATIONS.map((m) => m.version));

describe.skipIf(!URL)('HQ upkeep at COMMIT: two stores, shared rows, no deadlock', () => {
  it.each([
    ['sales after try-ons', 300, SALES_AFTER_TRYONS],
    ['sales after try-ons', LATEST, SALES_AFTER_TRYONS],
    ['sales after a reservation', 300, SALES_AFTER_RESERVATION],
    ['sales after a reservation', LATEST, SALES_AFTER_RESERVATION],
    ['stock against try-ons (since 300)', LATEST, STOCK_AND_TRYONS],
  ] as const)(
    '%s, at migration %i: both commit',
    async (_name, version, interleaving) => {
      expect(await twoStoresCommit(version, interleaving)).toEqual([]);
    },
    30_000,
  );
});
