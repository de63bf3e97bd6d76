/**
 * A brand at scale for the HQ bench, generated inside the database (generate_series, no row-by-row
 * inserts): N stores in 50 cities beside the demo's three, extra styles (each in 3 colours × 4
 * sizes) with stock in every store, members, a year of sales in three channels and fitting-room
 * try-ons in sessions of 3–4 garments, some styles running small or large. Pseudo-random values
 * come from hashes of row numbers, so a size always gives the same data. Then the HQ rollups are
 * recomputed from those events, as after any bulk load.
 */
import type { Db, Queryable } from '../../cloud/db/db';
import { recomputeRollups } from '../../cloud/hq/rollups/recompute';

export interface HqDataSize {
  stores: number;
  styles: number;
  members: number;
  sales: number;
  /** Try-on events (one per garment tried). */
  tryons: number;
  days: number;
  /** The last day of the generated year (brand time). */
  lastDay: string;
}

export const FULL_SIZE: HqDataSize = {
  stores: 500,
  styles: 300,
  members: 200_000,
  sales: 1_200_000,
  tryons: 10_000_000,
  days: 365,
  lastDay: '2026-09-30',
};

const CATEGORIES = [
  'dress',
  'knit',
  'coat',
  'jacket',
  'skirt',
  'jeans',
  'tee',
  'sneakers',
  'bag',
  'scarf',
];
const SEASONS = ['SS25', 'AW25', 'SS26', 'AW26'];

/** A pseudo-random number in [0, 1) from a text key (stable across runs). */
const RAND = `CREATE OR REPLACE FUNCTION bench_rand(seed int, n bigint) RETURNS float8 LANGUAGE sql IMMUTABLE AS
  $$ SELECT (abs(hashint8extended(n, seed)) % 1000003)::float8 / 1000003 $$`;

function referenceData(n: HqDataSize): string[] {
  const cats = `ARRAY[${CATEGORIES.map((c) => `'${c}'`).join(',')}]`;
  const seasons = `ARRAY[${SEASONS.map((s) => `'${s}'`).join(',')}]`;
  return [
    `INSERT INTO stores SELECT 'B' || lpad(i::text, 4, '0'), '门店' || i, 'Store ' || i,
       'City ' || lpad((1 + i % 50)::text, 2, '0'), 'Asia/Shanghai' FROM generate_series(1, ${n.stores}) i`,
    `INSERT INTO products SELECT 'BST' || lpad(i::text, 4, '0'), '款式' || i, 'Style ' || i,
       (${cats})[1 + i % 10], 'F', 'minimalist', (${seasons})[1 + (i / 10) % 4], 39900 + (i % 20) * 5000, 'top'
     FROM generate_series(1, ${n.styles}) i`,
    `INSERT INTO variants SELECT p.style_id || '-' || c || '-' || s, p.style_id,
       '68' || lpad((row_number() OVER (ORDER BY p.style_id, c, s))::text, 11, '0'), c, c, c, s, p.list_price_cents
     FROM products p, unnest(ARRAY['BLK', 'WHT', 'BEI']) c, unnest(ARRAY['S', 'M', 'L', 'XL']) s
     WHERE p.style_id LIKE 'BST%'`,
    `INSERT INTO stock SELECT v.sku, st.store_id, floor(bench_rand(24, hashtext(v.sku || st.store_id)) * 9)::int
     FROM variants v, stores st WHERE v.sku LIKE 'BST%' AND st.store_id LIKE 'B%'`,
    `INSERT INTO members (member_id, tier, points, home_store, consent_profile, consent_marketing, joined_on)
     SELECT 'BM' || i, (ARRAY['regular', 'regular', 'silver', 'gold', 'black'])[1 + floor(bench_rand(1, i) * 5)::int],
       0, 'B' || lpad((1 + floor(bench_rand(2, i) * ${n.stores}))::text, 4, '0'),
       bench_rand(3, i) < 0.7, bench_rand(4, i) < 0.5,
       to_char(DATE '${n.lastDay}' - floor(bench_rand(5, i) * 1800)::int, 'YYYY-MM-DD')
     FROM generate_series(1, ${n.members}) i`,
    `CREATE TEMP TABLE bench_skus ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY sku) AS id, sku, style_id, price_cents FROM variants WHERE sku LIKE 'BST%'`,
    `CREATE INDEX ON bench_skus (id)`,
  ];
}

/** Sales: 85 % store, 8 % online, 7 % mini-program; 60 % by members; 1–4 lines; 10:00–22:00. */
function salesSql(n: HqDataSize): string {
  const first = `(DATE '${n.lastDay}' - ${n.days - 1})`;
  return `INSERT INTO sales (sale_id, device_id, store_id, member_id, total_cents, body, sold_at, channel)
    SELECT 'BX' || i, 'bench', CASE WHEN ch = 'store' THEN st ELSE 'ONLINE' END, mem, 0,
      jsonb_build_object('saleId', 'BX' || i, 'memberId', mem, 'lines', lines, 'totalCents', 0,
        'payments', '[]'::jsonb, 'soldAt', ts), ts, ch
    FROM (
      SELECT i, CASE WHEN r < 0.85 THEN 'store' WHEN r < 0.93 THEN 'online' ELSE 'miniapp' END AS ch,
        'B' || lpad((1 + floor(bench_rand(6, i) * ${n.stores}))::text, 4, '0') AS st,
        CASE WHEN bench_rand(7, i) < 0.6 THEN 'BM' || (1 + floor(bench_rand(8, i) * ${n.members})::int) END AS mem,
        ((${first} + floor(bench_rand(9, i) * ${n.days})::int)::timestamp + interval '10 hours'
          + bench_rand(25, i) * interval '12 hours') AT TIME ZONE 'Asia/Shanghai' AS ts
      FROM (SELECT i, bench_rand(10, i) AS r FROM generate_series(1, ${n.sales}) i) g) x,
    LATERAL (SELECT jsonb_agg(jsonb_build_object('sku', k.sku, 'qty', 1 + (bench_rand(11, x.i * 8 + k.n) < 0.15)::int,
        'unitPriceCents', k.price_cents, 'discountCents', 0)) AS lines
      FROM (SELECT s.n, b.sku, b.price_cents FROM generate_series(1, 1 + floor(bench_rand(12, x.i) * 4)::int) s(n)
            JOIN bench_skus b ON b.id = 1 + floor(bench_rand(13, x.i * 8 + s.n) * ${n.styles * 12})::int) k) l`;
}

/**
 * Try-ons: event j belongs to session floor(j / 3.5); the session fixes store, time and member
 * (30 % of sessions). Styles with index ≡ 0 (mod 10) run small, ≡ 1 run large.
 */
function tryonsSql(n: HqDataSize): string {
  const first = `(DATE '${n.lastDay}' - ${n.days - 1})`;
  return `INSERT INTO tryons (tryon_id, device_id, store_id, body, at, outcome, reason)
    SELECT 'BT' || j, 'bench', st, jsonb_build_object('tryOnId', 'BT' || j, 'sessionId', 'BS' || sess, 'sku', sku,
        'memberId', mem, 'outcome', outcome, 'reason', reason, 'at', at), at, outcome, reason
    FROM (
      SELECT j, sess, b.sku, st, mem, at, outcome,
        CASE WHEN outcome IN ('rejected', 'size-swap') AND rr < 0.55 THEN
          CASE WHEN fit = 0 THEN CASE WHEN bench_rand(14, j) < 0.85 THEN 'too-small' ELSE 'too-big' END
               WHEN fit = 1 THEN CASE WHEN bench_rand(14, j) < 0.85 THEN 'too-big' ELSE 'too-small' END
               ELSE CASE WHEN bench_rand(14, j) < 0.5 THEN 'too-small' ELSE 'too-big' END END
          WHEN outcome = 'rejected' AND rr < 0.85 THEN (ARRAY['colour', 'style', 'price'])[1 + floor(bench_rand(15, j) * 3)::int]
        END AS reason
      FROM (
        SELECT j, sess, 'B' || lpad((1 + floor(bench_rand(16, sess) * ${n.stores}))::text, 4, '0') AS st,
          CASE WHEN bench_rand(17, sess) < 0.3 THEN 'BM' || (1 + floor(bench_rand(18, sess) * ${n.members})::int) END AS mem,
          ((${first} + floor(bench_rand(19, sess) * ${n.days})::int)::timestamp + interval '10 hours'
            + bench_rand(20, sess) * interval '12 hours' + (j % 4) * interval '3 minutes') AT TIME ZONE 'Asia/Shanghai' AS at,
          CASE WHEN o < 0.25 THEN 'bought' WHEN o < 0.55 THEN 'liked' WHEN o < 0.87 THEN 'rejected' ELSE 'size-swap' END AS outcome,
          bench_rand(21, j) AS rr, 1 + floor(bench_rand(22, j) * ${n.styles * 12})::int AS k
        FROM (SELECT j, floor(j / 3.5)::bigint AS sess, bench_rand(23, j) AS o FROM generate_series(1, ${n.tryons}) j) g) x
      JOIN bench_skus b ON b.id = x.k
      CROSS JOIN LATERAL (SELECT (substr(b.style_id, 4)::int % 10) AS fit) f) y`;
}

export interface GeneratedTimings {
  referenceMs: number;
  salesMs: number;
  tryonsMs: number;
  recomputeMs: number;
}

/** Generates the brand into a database that already holds the demo store. */
export async function generateHqData(db: Db, n: HqDataSize): Promise<GeneratedTimings> {
  const step = async (tx: Queryable, statements: string[]) => {
    const t0 = performance.now();
    for (const s of statements) await tx.query(s);
    return performance.now() - t0;
  };
  let timings: GeneratedTimings = { referenceMs: 0, salesMs: 0, tryonsMs: 0, recomputeMs: 0 };
  await db.transaction(async (tx) => {
    await tx.query("SELECT set_config('hq.bulk', 'on', true)");
    await tx.query(RAND);
    const referenceMs = await step(tx, referenceData(n));
    const salesMs = await step(tx, [salesSql(n)]);
    const tryonsMs = await step(tx, [tryonsSql(n)]);
    const t0 = performance.now();
    await recomputeRollups(tx, { facts: 'from-events' });
    timings = { referenceMs, salesMs, tryonsMs, recomputeMs: performance.now() - t0 };
  });
  await db.exec('ANALYZE');
  return timings;
}
