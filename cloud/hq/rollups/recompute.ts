/**
 * The set-based recomputation of every HQ rollup from the events, by the same rules the upkeep
 * triggers apply one mutation at a time (cloud/db/migrations/0150-hq-upkeep.ts). Used after a bulk
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
  ORDER BY l.sold_at, l.sale_id LIMIT 1) b ON true`;

const SESSION_CELLS = `
INSERT INTO hq_session_cells (session_id, category, season, day, store_id)
SELECT g.session_id, c.category, c.season, min(g.day), min(g.store_id)
FROM hq_garments g LEFT JOIN products p USING (style_id) CROSS JOIN LATERAL ${cells(CAT, SEASON)} AS c(category, season)
GROUP BY g.session_id, c.category, c.season`;

const ROLLUPS = [
  SESSION_CELLS,
  `INSERT INTO hq_sessions_day SELECT category, season, day, store_id, count(*) FROM hq_session_cells GROUP BY 1, 2, 3, 4`,
  `INSERT INTO hq_tryon_day SELECT day, store_id, sku, count(*),
     count(*) FILTER (WHERE liked OR bought_via IS NOT NULL), count(*) FILTER (WHERE rejected),
     count(*) FILTER (WHERE size_swap), count(*) FILTER (WHERE bought_via = 'visit'),
     count(*) FILTER (WHERE bought_via = 'store'), count(*) FILTER (WHERE bought_via = 'online'),
     count(*) FILTER (WHERE bought_via = 'miniapp'), count(*) FILTER (WHERE reason = 'too-small'),
     count(*) FILTER (WHERE reason = 'too-big'), count(*) FILTER (WHERE reason = 'colour'),
     count(*) FILTER (WHERE reason = 'style'), count(*) FILTER (WHERE reason = 'price')
   FROM hq_garments GROUP BY day, store_id, sku`,
  `INSERT INTO hq_sales_cube SELECT c.category, c.season, l.day, l.location_id, l.channel, hq_hour(l.sold_at),
     count(DISTINCT l.sale_id), sum(l.qty), sum(l.net_cents), count(DISTINCT l.sale_id) FILTER (WHERE l.is_member),
     coalesce(sum(l.net_cents) FILTER (WHERE l.is_member), 0)
   FROM hq_sale_lines l LEFT JOIN products p USING (style_id) CROSS JOIN LATERAL ${cells(CAT, SEASON)} AS c(category, season)
   GROUP BY 1, 2, 3, 4, 5, 6`,
  `INSERT INTO hq_style_sales_day SELECT day, location_id, channel, style_id, sum(qty), sum(net_cents), count(*)
   FROM hq_sale_lines GROUP BY 1, 2, 3, 4`,
  `INSERT INTO hq_style_store (location_id, style_id, on_hand, last_sold_at)
   SELECT coalesce(a.location_id, b.location_id), coalesce(a.style_id, b.style_id), coalesce(a.on_hand, 0), b.last_sold_at
   FROM (SELECT s.location_id, coalesce(v.style_id, '?') AS style_id, sum(s.on_hand)::int AS on_hand
         FROM stock s LEFT JOIN variants v USING (sku) GROUP BY 1, 2) a
   FULL JOIN (SELECT location_id, style_id, max(sold_at) AS last_sold_at FROM hq_sale_lines GROUP BY 1, 2) b
     ON a.location_id = b.location_id AND a.style_id = b.style_id`,
  `INSERT INTO hq_size_requests_day SELECT r.day, r.store_id, r.sku, count(*), count(*) FILTER (WHERE r.out_of_stock),
     count(*) FILTER (WHERE s.status = 'done'), coalesce(sum(hq_bring_seconds(s)) FILTER (WHERE s.status = 'done'), 0)
   FROM hq_size_requests r JOIN staff_requests s USING (request_id) GROUP BY 1, 2, 3`,
  `INSERT INTO hq_member_month SELECT member_key, date_trunc('month', day)::date, min(member_home), min(member_join_month),
     count(DISTINCT sale_id), sum(qty), sum(net_cents), max(sold_at)
   FROM hq_sale_lines WHERE member_key IS NOT NULL GROUP BY 1, 2`,
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

/** Every rollup table the recompute rebuilds (the property test compares these). */
export const ROLLUP_TABLES = [
  'hq_garments',
  'hq_session_cells',
  'hq_sessions_day',
  'hq_tryon_day',
  'hq_sales_cube',
  'hq_style_sales_day',
  'hq_style_store',
  'hq_size_requests_day',
  'hq_member_month',
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
export async function recomputeRollups(
  tx: Queryable,
  opts: { facts: 'keep' | 'from-events' },
): Promise<void> {
  const { rows } = await tx.query<{ bulk: string | null }>(
    "SELECT current_setting('hq.bulk', true) AS bulk",
  );
  await tx.query("SELECT set_config('hq.bulk', 'on', true)");
  if (opts.facts === 'from-events') {
    await tx.exec('TRUNCATE hq_sale_lines, hq_size_requests');
    await tx.query(SALE_LINES_FROM_EVENTS);
    await tx.query(SIZE_REQUESTS_FROM_EVENTS);
  }
  await tx.exec(`TRUNCATE ${ROLLUP_TABLES.join(', ')}`);
  await tx.query(GARMENTS);
  for (const statement of ROLLUPS) await tx.query(statement);
  await tx.query("SELECT set_config('hq.bulk', $1, true)", [rows[0]?.bulk ?? '']);
}
