/**
 * The set-based recomputation of every HQ rollup from the events, by the same rules the upkeep
 * triggers apply as events arrive (cloud/db/migrations/0150-hq-upkeep and 240–330). Used after a bulk
 * load (the demo history, the bench's generated months), and by the property test that checks the
 * triggers against it.
 *
 * `facts: 'from-events'` also rebuilds the sale-line and size-request facts from `sales` and
 * `staff_requests` (members as they are now; stock as it is now). `facts: 'keep'` keeps them:
 * they hold what only the moment knew (an erased member's random key, whether the size was in
 * stock when asked for).
 */
import type { Queryable } from '../../db/db';

/** The four category × season cells ('*' = all) a row with category c and season s counts in. */
const cells = (category: string, season: string) =>
  `(VALUES ('*', '*'), (${category}, '*'), ('*', ${season}), (${category}, ${season}))`;
const CAT = "coalesce(p.category, '?')";
const SEASON = "coalesce(p.season, '?')";

const SALE_LINES_FROM_EVENTS = `
INSERT INTO hq_sale_lines (sale_id, line_no, location_id, channel, sold_at, day, sku, style_id, qty, net_cents,
  is_member, member_key, member_home, member_join_month)
SELECT s.sale_id, e.ord, s.store_id, s.channel, s.sold_at, hq_day(s.sold_at), e.line->>'sku', coalesce(v.style_id, '?'),
  (e.line->>'qty')::int,
  (e.line->>'qty')::bigint * (e.line->>'unitPriceCents')::bigint - coalesce((e.line->>'discountCents')::bigint, 0),
  s.member_id IS NOT NULL, m.member_id, CASE WHEN m.member_id IS NOT NULL THEN coalesce(m.home_store, '-') END,
  hq_join_month(m.joined_on)
FROM sales s CROSS JOIN LATERAL jsonb_array_elements(s.body->'lines') WITH ORDINALITY AS e(line, ord)
LEFT JOIN variants v ON v.sku = e.line->>'sku'
LEFT JOIN members m ON m.member_id = s.member_id AND NOT m.erased`;

const SIZE_REQUESTS_FROM_EVENTS = `
INSERT INTO hq_size_requests (request_id, store_id, sku, day, out_of_stock)
SELECT r.request_id, r.store_id, r.sku, hq_day(r.created_at),
  NOT EXISTS (SELECT 1 FROM stock s WHERE s.sku = r.sku AND s.location_id = r.store_id AND s.on_hand > 0)
FROM staff_requests r WHERE r.kind = 'size' AND r.sku IS NOT NULL`;

const GARMENTS = `
INSERT INTO hq_garments (session_id, sku, store_id, first_at, day, style_id, member_key, liked, rejected, size_swap,
  bought_visit, reason, reason_at, bought_via, bought_at, bought_sale)
SELECT g.session_id, g.sku, g.store_id, g.first_at, hq_day(g.first_at), g.style_id, g.member_key, g.liked, g.rejected,
  g.size_swap, g.bought_visit, g.reason, g.reason_at,
  CASE WHEN g.bought_visit THEN 'visit' ELSE b.channel END, b.sold_at, b.sale_id
FROM (
  SELECT t.session_id, t.sku, (array_agg(t.store_id ORDER BY t.at, t.tryon_id))[1] AS store_id, min(t.at) AS first_at,
    coalesce(max(v.style_id), '?') AS style_id, max(t.member) AS member_key,
    bool_or(t.outcome = 'liked') AS liked, bool_or(t.outcome = 'rejected') AS rejected,
    bool_or(t.outcome = 'size-swap') AS size_swap, bool_or(t.outcome = 'bought') AS bought_visit,
    (array_agg(t.reason ORDER BY t.at DESC, t.reason DESC) FILTER (WHERE t.reason IS NOT NULL))[1] AS reason,
    max(t.at) FILTER (WHERE t.reason IS NOT NULL) AS reason_at
  FROM (SELECT tryon_id, store_id, at, outcome, reason, body->>'sessionId' AS session_id, body->>'sku' AS sku,
          body->>'memberId' AS member
        FROM tryons WHERE body->>'sessionId' IS NOT NULL AND body->>'sku' IS NOT NULL) t
  LEFT JOIN variants v ON v.sku = t.sku
  GROUP BY t.session_id, t.sku) g
LEFT JOIN LATERAL (
  SELECT l.channel, l.sold_at, l.sale_id FROM hq_sale_lines l
  WHERE NOT g.bought_visit AND l.member_key = g.member_key AND l.style_id = g.style_id
    AND l.sold_at BETWEEN g.first_at AND g.first_at + interval '7 days'
  ORDER BY l.sold_at, l.sale_id LIMIT 1) b ON true
ORDER BY g.session_id, g.sku`;

const SESSIONS = `
INSERT INTO hq_visits (session_id, day, store_id)
SELECT session_id, min(day), min(store_id) FROM hq_garments GROUP BY session_id ORDER BY session_id`;

/** The 13 try-on counters (column, and its value over a group of hq_garments rows), in order. */
const TRYON_COUNTER_LIST: [string, string][] = [
  ['garments', 'count(*)'],
  ['liked_or_bought', 'count(*) FILTER (WHERE liked OR bought_via IS NOT NULL)'],
  ['rejected', 'count(*) FILTER (WHERE rejected)'],
  ['size_swaps', 'count(*) FILTER (WHERE size_swap)'],
  ['bought_visit', "count(*) FILTER (WHERE bought_via = 'visit')"],
  ['bought_store', "count(*) FILTER (WHERE bought_via = 'store')"],
  ['bought_online', "count(*) FILTER (WHERE bought_via = 'online')"],
  ['bought_miniapp', "count(*) FILTER (WHERE bought_via = 'miniapp')"],
  ['too_small', "count(*) FILTER (WHERE reason = 'too-small')"],
  ['too_big', "count(*) FILTER (WHERE reason = 'too-big')"],
  ['colour', "count(*) FILTER (WHERE reason = 'colour')"],
  ['style', "count(*) FILTER (WHERE reason = 'style')"],
  ['price', "count(*) FILTER (WHERE reason = 'price')"],
];
const TRYON_COLUMNS = TRYON_COUNTER_LIST.map(([c]) => c).join(', ');
const TRYON_COUNTERS = TRYON_COUNTER_LIST.map(([, e]) => e).join(', ');
const TRYON_SUMS = TRYON_COUNTER_LIST.map(([c]) => `sum(${c})`).join(', ');
const MONTH = "date_trunc('month', day)::date";
const SALES_SUMS = `count(*), sum(units), sum(net), count(*) FILTER (WHERE is_member),
  coalesce(sum(net) FILTER (WHERE is_member), 0)`;
/** One row per sale and category × season cell. */
const PER_CELL = `SELECT c.category, c.season, l.sale_id, min(l.day) AS day, min(l.location_id) AS location_id,
    min(l.channel) AS channel, bool_or(l.is_member) AS is_member, sum(l.qty) AS units, sum(l.net_cents) AS net
  FROM hq_sale_lines l LEFT JOIN products p USING (style_id)
  CROSS JOIN LATERAL ${cells(CAT, SEASON)} AS c(category, season)
  GROUP BY l.sale_id, c.category, c.season`;
/** One row per sale (all its lines share place, channel and time). */
const PER_SALE = `SELECT sale_id, min(day) AS day, min(location_id) AS location_id, min(channel) AS channel,
  hq_hour(min(sold_at)) AS hour, bool_or(is_member) AS is_member, sum(qty) AS units, sum(net_cents) AS net
  FROM hq_sale_lines GROUP BY sale_id`;

// Each insert is ordered by the table's primary key: a sorted load into a b-tree is far cheaper
// than a random one at bench sizes.
const ROLLUPS = [
  SESSIONS,
  `INSERT INTO hq_tryon_day (store_id, day, sku, ${TRYON_COLUMNS})
   SELECT store_id, day, sku, ${TRYON_COUNTERS} FROM hq_garments GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  `INSERT INTO hq_tryon_style_all (day, style_id, ${TRYON_COLUMNS})
   SELECT day, style_id, ${TRYON_COUNTERS} FROM hq_garments GROUP BY 1, 2 ORDER BY 1, 2`,
  `INSERT INTO hq_tryon_store_day (store_id, day, sessions, ${TRYON_COLUMNS})
   SELECT coalesce(g.store_id, v.store_id), coalesce(g.day, v.day), coalesce(v.sessions, 0),
     ${TRYON_COUNTER_LIST.map(([c]) => `coalesce(g.${c}, 0)`).join(', ')}
   FROM (SELECT store_id, day, ${TRYON_COUNTER_LIST.map(([c, e]) => `${e} AS ${c}`).join(', ')}
         FROM hq_garments GROUP BY 1, 2) g
   FULL JOIN (SELECT store_id, day, count(*) AS sessions FROM hq_visits GROUP BY 1, 2) v
     ON v.store_id = g.store_id AND v.day = g.day
   ORDER BY 1, 2`,
  // first one row per sale and cell, then count those rows: no DISTINCT aggregate to sort for
  `INSERT INTO hq_sales_cube SELECT category, season, location_id, day, channel, ${SALES_SUMS}
   FROM (${PER_CELL}) per_cell GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
  `INSERT INTO hq_sales_cube_all SELECT category, season, day, channel, ${SALES_SUMS}
   FROM (${PER_CELL}) per_cell GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  `INSERT INTO hq_sales_hour SELECT location_id, day, channel, hour, ${SALES_SUMS}
   FROM (${PER_SALE}) per_sale GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  `INSERT INTO hq_sales_hour_all SELECT day, channel, hour, ${SALES_SUMS}
   FROM (${PER_SALE}) per_sale GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  `INSERT INTO hq_style_stock_all SELECT coalesce(v.style_id, '?'), s.location_id = 'ONLINE', sum(s.on_hand)
   FROM stock s LEFT JOIN variants v USING (sku) GROUP BY 1, 2 ORDER BY 1, 2`,
  `INSERT INTO hq_style_sales_day SELECT location_id, day, channel, style_id, sum(qty), sum(net_cents), count(*)
   FROM hq_sale_lines GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  `INSERT INTO hq_style_sales_all SELECT day, channel, style_id, sum(qty), sum(net_cents), count(*)
   FROM hq_sale_lines GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  `INSERT INTO hq_style_store (location_id, style_id, on_hand, last_sold_at, tries)
   WITH held AS (SELECT s.location_id, coalesce(v.style_id, '?') AS style_id, sum(s.on_hand) AS on_hand
                 FROM stock s LEFT JOIN variants v USING (sku) GROUP BY 1, 2),
     sold AS (SELECT location_id, style_id, max(sold_at) AS last_sold_at FROM hq_sale_lines GROUP BY 1, 2),
     tried AS (SELECT g.store_id AS location_id, g.style_id,
                 count(*) FILTER (WHERE sold.last_sold_at IS NULL OR g.first_at > sold.last_sold_at) AS tries
               FROM hq_garments g LEFT JOIN sold ON sold.location_id = g.store_id AND sold.style_id = g.style_id
               GROUP BY 1, 2)
   SELECT k.location_id, k.style_id, coalesce(held.on_hand, 0), sold.last_sold_at, coalesce(tried.tries, 0)
   FROM (SELECT location_id, style_id FROM held UNION SELECT location_id, style_id FROM sold
         UNION SELECT location_id, style_id FROM tried) k
   LEFT JOIN held ON held.location_id = k.location_id AND held.style_id = k.style_id
   LEFT JOIN sold ON sold.location_id = k.location_id AND sold.style_id = k.style_id
   LEFT JOIN tried ON tried.location_id = k.location_id AND tried.style_id = k.style_id
   ORDER BY 1, 2`,
  `INSERT INTO hq_size_requests_day SELECT r.store_id, r.day, r.sku, count(*), count(*) FILTER (WHERE r.out_of_stock),
     count(*) FILTER (WHERE s.status = 'done'), coalesce(sum(hq_bring_seconds(s)) FILTER (WHERE s.status = 'done'), 0)
   FROM hq_size_requests r JOIN staff_requests s USING (request_id) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  `INSERT INTO hq_member_month SELECT member_key, date_trunc('month', day)::date, min(member_home), min(member_join_month),
     count(DISTINCT sale_id), sum(qty), sum(net_cents), max(sold_at)
   FROM hq_sale_lines WHERE member_key IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
  `INSERT INTO hq_repeat_month SELECT month, home_store, count(*), count(*) FILTER (WHERE orders >= 2)
   FROM hq_member_month GROUP BY 1, 2`,
  `INSERT INTO hq_cohorts SELECT join_month, home_store, month, count(*) FROM hq_member_month
   WHERE join_month IS NOT NULL GROUP BY 1, 2, 3`,
  `INSERT INTO hq_cohort_sizes SELECT hq_join_month(joined_on), coalesce(home_store, '-'), count(*) FROM members
   WHERE hq_join_month(joined_on) IS NOT NULL GROUP BY 1, 2`,
  `INSERT INTO hq_new_members_day SELECT joined_on::date, coalesce(home_store, '-'), count(*) FROM members
   WHERE hq_join_month(joined_on) IS NOT NULL GROUP BY 1, 2`,
  `INSERT INTO hq_store_members SELECT coalesce(home_store, '-'), tier, count(*), count(*) FILTER (WHERE consent_profile),
     count(*) FILTER (WHERE consent_marketing), count(*) FILTER (WHERE consent_photo)
   FROM members WHERE NOT erased GROUP BY 1, 2`,
  `INSERT INTO hq_nps_week SELECT date_trunc('week', n.created_at AT TIME ZONE 'Asia/Shanghai')::date, d.store_id,
     count(*), count(*) FILTER (WHERE n.score >= 9), count(*) FILTER (WHERE n.score BETWEEN 7 AND 8),
     count(*) FILTER (WHERE n.score <= 6)
   FROM nps n JOIN devices d USING (device_id) GROUP BY 1, 2`,
];

/**
 * Rollups of later migrations, rebuilt when the schema has them (a migration test may run the
 * recompute on a schema from before them). The month and brand-day grains (migration 320) sum
 * the day rollups just rebuilt; the brand-day counters count known styles only.
 */
const LATER_ROLLUPS: { table: string; sql: string }[] = [
  {
    table: 'hq_tryon_style_month',
    sql: `INSERT INTO hq_tryon_style_month (month, style_id, ${TRYON_COLUMNS})
   SELECT ${MONTH}, style_id, ${TRYON_SUMS} FROM hq_tryon_style_all GROUP BY 1, 2 ORDER BY 1, 2`,
  },
  {
    table: 'hq_tryon_store_month',
    sql: `INSERT INTO hq_tryon_store_month (store_id, month, sessions, ${TRYON_COLUMNS})
   SELECT store_id, ${MONTH}, sum(sessions), ${TRYON_SUMS} FROM hq_tryon_store_day GROUP BY 1, 2 ORDER BY 1, 2`,
  },
  {
    table: 'hq_tryon_brand_day',
    sql: `INSERT INTO hq_tryon_brand_day (day, sessions, ${TRYON_COLUMNS})
   SELECT coalesce(s.day, k.day), coalesce(s.sessions, 0), ${TRYON_COUNTER_LIST.map(([c]) => `coalesce(k.${c}, 0)`).join(', ')}
   FROM (SELECT day, sum(sessions) AS sessions FROM hq_tryon_store_day GROUP BY day) s
   FULL JOIN (SELECT day, ${TRYON_COUNTER_LIST.map(([c]) => `sum(${c}) AS ${c}`).join(', ')} FROM hq_tryon_style_all
              WHERE style_id <> '?' GROUP BY day) k ON k.day = s.day
   ORDER BY 1`,
  },
];

const FACT_TABLES = ['hq_sale_lines', 'hq_size_requests'] as const;

/**
 * Drops the secondary indexes of emptied tables and returns their definitions: building an index
 * once after the load is far cheaper than keeping it up row by row.
 */
async function dropSecondaryIndexes(
  tx: Queryable,
  tables: readonly string[],
): Promise<{ table: string; sql: string }[]> {
  const { rows } = await tx.query<{ table: string; name: string; sql: string }>(
    `SELECT i.tablename AS table, i.indexname AS name, i.indexdef AS sql FROM pg_indexes i
     JOIN pg_class c ON c.relname = i.indexname AND c.relnamespace = to_regnamespace(i.schemaname)
     JOIN pg_index x ON x.indexrelid = c.oid
     WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[]) AND NOT x.indisprimary`,
    [`{${tables.join(',')}}`],
  );
  for (const r of rows) await tx.query(`DROP INDEX ${r.name}`);
  return rows;
}

/** Every rollup table the recompute rebuilds (the property test compares these). */
export const ROLLUP_TABLES = [
  'hq_garments',
  'hq_visits',
  'hq_tryon_day',
  'hq_tryon_style_all',
  'hq_tryon_store_day',
  'hq_tryon_style_month',
  'hq_tryon_store_month',
  'hq_tryon_brand_day',
  'hq_sales_cube',
  'hq_sales_cube_all',
  'hq_sales_hour',
  'hq_sales_hour_all',
  'hq_style_stock_all',
  'hq_style_sales_day',
  'hq_style_sales_all',
  'hq_style_store',
  'hq_size_requests_day',
  'hq_member_month',
  'hq_repeat_month',
  'hq_cohorts',
  'hq_cohort_sizes',
  'hq_new_members_day',
  'hq_store_members',
  'hq_nps_week',
] as const;

/**
 * Rebuilds the rollups (and, with `from-events`, the facts) inside the caller's transaction, with
 * the upkeep triggers switched off for it.
 */
/**
 * What pushes noted and no fold took yet (migration 380), under the fold's lock: folded into the
 * facts that are kept, or dropped when the facts are rebuilt from the events (which hold them).
 */
async function settleNotes(tx: Queryable, facts: 'keep' | 'from-events'): Promise<void> {
  const { rows } = await tx.query<{ noted: boolean }>(
    "SELECT to_regclass('hq_tryon_queue') IS NOT NULL AS noted",
  );
  if (!rows[0]?.noted) return; // a schema before 380
  if (facts === 'keep') {
    await tx.query('SELECT hq_fold_all()');
    return;
  }
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('hq-fold'))");
  await tx.exec(
    'DELETE FROM hq_tryon_queue; DELETE FROM hq_sale_pending; DELETE FROM hq_stock_delta;',
  );
}

export async function recomputeRollups(
  tx: Queryable,
  opts: { facts: 'keep' | 'from-events' },
): Promise<void> {
  await settleNotes(tx, opts.facts);
  const { rows } = await tx.query<{ bulk: string | null }>(
    "SELECT current_setting('hq.bulk', true) AS bulk",
  );
  await tx.query("SELECT set_config('hq.bulk', 'on', true)");
  const facts = opts.facts === 'from-events' ? FACT_TABLES : [];
  const { rows: present } = await tx.query<{ t: string }>(
    'SELECT t FROM unnest($1::text[]) t WHERE to_regclass(t) IS NOT NULL',
    [`{${ROLLUP_TABLES.join(',')}}`],
  );
  const rollups = present.map((r) => r.t);
  await tx.exec(`TRUNCATE ${[...facts, ...rollups].join(', ')}`);
  const indexes = await dropSecondaryIndexes(tx, [...facts, ...rollups]);
  if (opts.facts === 'from-events') {
    await tx.query(SALE_LINES_FROM_EVENTS);
    await tx.query(SIZE_REQUESTS_FROM_EVENTS);
  }
  // the attribution look-up in GARMENTS uses the sale lines' member index: back first
  for (const def of indexes.filter((d) => d.table === 'hq_sale_lines')) await tx.query(def.sql);
  await tx.query(GARMENTS);
  for (const statement of ROLLUPS) await tx.query(statement);
  for (const later of LATER_ROLLUPS) if (rollups.includes(later.table)) await tx.query(later.sql);
  for (const def of indexes.filter((d) => d.table !== 'hq_sale_lines')) await tx.query(def.sql);
  await tx.query("SELECT set_config('hq.bulk', $1, true)", [rows[0]?.bulk ?? '']);
}
