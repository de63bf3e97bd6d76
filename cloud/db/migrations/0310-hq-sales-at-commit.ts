/**
 * Sales upkeep once per transaction, set-based, at COMMIT (issues 12 and 15).
 *
 * A push applies its sales one by one (each takes stock and may be refused), and migration 260's
 * row trigger then did a dozen statements a sale: the sale lines, three counter deltas, "last
 * sold here", the member's month with repeat buyers and cohorts, the 7-day purchase of the
 * member's garments. ~0.34 ms a sale, the largest part of the HQ upkeep. Now the trigger only
 * notes the sale (`hq_sale_pending`), and a deferred trigger of its own processes all of a
 * transaction's sales together:
 *
 * 1. first it folds the pending "tried since last sold" deltas (a sale's recount from the
 *    garments replaces them; 240 did this before every sale, trigger `hq_sa_tries`, now gone);
 * 2. the sale lines, with each member as they are now (not erased);
 * 3. the cube, hour and style deltas (folded by 250's function, as before);
 * 4. per store × style the latest sale: "last sold" moves and the tries are recounted;
 * 5. per member × month: orders, units, value; a month's first order makes a buyer (and a cohort
 *    member), its second a repeater, as one at a time did;
 * 6. each garment of the members bought within 7 days of trying it takes the earliest such sale,
 *    if earlier than the one it has, and its counters move with it.
 *
 * The rollups do not depend on the order of the events (cloud/hq/rollups/upkeep.property.test.ts
 * checks the triggers against the recompute from events): a try-on inserted before its purchase
 * is processed finds it by the sale's side here, as it would have by its own. What a sale reads
 * that may change later in the same transaction is the member (erased, moved home, created): a
 * statement trigger on `members` processes the pending sales before any change to them.
 * The new deltas are folded by migration 240's marker: the one queued if it has not fired yet,
 * else a new one.
 */
export const sql = `
CREATE UNLOGGED TABLE hq_sale_pending (tx xid8 NOT NULL DEFAULT pg_current_xact_id(), sale_id text NOT NULL);
CREATE INDEX hq_sale_pending_tx ON hq_sale_pending (tx);
CREATE UNLOGGED TABLE hq_sale_marker (tx xid8 NOT NULL);

CREATE FUNCTION hq_process_pending_sales() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  me xid8 := pg_current_xact_id();
  ids text[];
BEGIN
  SELECT array_agg(sale_id ORDER BY sale_id) INTO ids FROM hq_sale_pending WHERE tx = me;
  PERFORM set_config('hq.sales_pending', 'off', true);
  IF ids IS NULL THEN RETURN; END IF;
  DELETE FROM hq_sale_pending WHERE tx = me;
  PERFORM hq_flush_tries_deltas(NULL);
  PERFORM hq_member_lock(m) FROM (SELECT DISTINCT s.member_id AS m FROM sales s
    WHERE s.sale_id = ANY (ids) AND s.member_id IS NOT NULL ORDER BY 1) x;

  INSERT INTO hq_sale_lines (sale_id, line_no, location_id, channel, sold_at, day, sku, style_id, qty, net_cents,
    is_member, member_key, member_home, member_join_month)
  SELECT s.sale_id, e.ord, s.store_id, s.channel, s.sold_at, hq_day(s.sold_at), e.line->>'sku',
    coalesce((SELECT v.style_id FROM variants v WHERE v.sku = e.line->>'sku'), '?'), (e.line->>'qty')::int,
    (e.line->>'qty')::bigint * (e.line->>'unitPriceCents')::bigint - coalesce((e.line->>'discountCents')::bigint, 0),
    s.member_id IS NOT NULL, m.member_id, CASE WHEN m.member_id IS NOT NULL THEN coalesce(m.home_store, '-') END,
    hq_join_month(m.joined_on)
  FROM sales s
  CROSS JOIN LATERAL jsonb_array_elements(s.body->'lines') WITH ORDINALITY AS e(line, ord)
  LEFT JOIN LATERAL (SELECT m.member_id, m.home_store, m.joined_on FROM members m
    WHERE m.member_id = s.member_id AND NOT m.erased LIMIT 1) m ON true
  WHERE s.sale_id = ANY (ids);

  -- counters: per sale and category × season cell, per sale and hour, per sale and style
  PERFORM set_config('hq.sales_deltas', 'on', true);
  INSERT INTO hq_sales_cube_delta (category, season, location_id, day, channel, orders, units, net_cents,
    member_orders, member_net_cents)
  SELECT k.category, k.season, l.location_id, l.day, l.channel, 1, sum(l.qty)::int, sum(l.net_cents),
    bool_or(l.is_member)::int, CASE WHEN bool_or(l.is_member) THEN sum(l.net_cents) ELSE 0 END
  FROM hq_sale_lines l
  CROSS JOIN LATERAL (SELECT coalesce((SELECT category FROM products WHERE style_id = l.style_id), '?') AS category,
    coalesce((SELECT season FROM products WHERE style_id = l.style_id), '?') AS season) p
  CROSS JOIN LATERAL (VALUES ('*', '*'), (p.category, '*'), ('*', p.season), (p.category, p.season))
    AS k(category, season)
  WHERE l.sale_id = ANY (ids)
  GROUP BY l.sale_id, l.location_id, l.day, l.channel, k.category, k.season;
  INSERT INTO hq_sales_hour_delta (location_id, day, channel, hour, orders, units, net_cents, member_orders,
    member_net_cents)
  SELECT s.store_id, hq_day(s.sold_at), s.channel, hq_hour(s.sold_at), 1, coalesce(x.units, 0), coalesce(x.net, 0),
    (s.member_id IS NOT NULL)::int, CASE WHEN s.member_id IS NOT NULL THEN coalesce(x.net, 0) ELSE 0 END
  FROM sales s
  LEFT JOIN LATERAL (SELECT sum(l.qty)::int AS units, sum(l.net_cents) AS net FROM hq_sale_lines l
    WHERE l.sale_id = s.sale_id) x ON true
  WHERE s.sale_id = ANY (ids);
  INSERT INTO hq_style_sales_delta (location_id, day, channel, style_id, units, net_cents, lines)
  SELECT location_id, day, channel, style_id, sum(qty), sum(net_cents), count(*)
  FROM hq_sale_lines WHERE sale_id = ANY (ids) GROUP BY sale_id, location_id, day, channel, style_id;

  -- a later last sale restarts the style's "tried since it last sold" count at the store
  INSERT INTO hq_style_store AS s (location_id, style_id, on_hand, last_sold_at, tries)
  SELECT location_id, style_id, 0, max(sold_at), 0 FROM hq_sale_lines WHERE sale_id = ANY (ids)
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (location_id, style_id) DO UPDATE SET last_sold_at = EXCLUDED.last_sold_at,
    tries = (SELECT count(*) FROM hq_garments t WHERE t.store_id = s.location_id AND t.style_id = s.style_id
             AND t.first_at > EXCLUDED.last_sold_at)
  WHERE s.last_sold_at IS NULL OR s.last_sold_at < EXCLUDED.last_sold_at;

  -- members' months: a month's first order makes a buyer (and a cohort member), its second a repeater
  WITH agg AS (
    SELECT member_key, date_trunc('month', day)::date AS month, min(member_home) AS home,
      min(member_join_month) AS join_month, count(DISTINCT sale_id)::int AS k, sum(qty) AS units,
      sum(net_cents) AS net, max(sold_at) AS last_at
    FROM hq_sale_lines WHERE sale_id = ANY (ids) AND member_key IS NOT NULL GROUP BY 1, 2),
  up AS (
    INSERT INTO hq_member_month AS m (member_key, month, home_store, join_month, orders, units, net_cents, last_at)
    SELECT member_key, month, home, join_month, k, units, net, last_at FROM agg ORDER BY 1, 2
    ON CONFLICT (member_key, month) DO UPDATE SET orders = m.orders + EXCLUDED.orders,
      units = m.units + EXCLUDED.units, net_cents = m.net_cents + EXCLUDED.net_cents,
      last_at = GREATEST(m.last_at, EXCLUDED.last_at)
    RETURNING member_key, month, (xmax = 0) AS created, orders),
  moved AS (
    SELECT agg.month, agg.home, agg.join_month, up.created,
      (up.orders - agg.k < 2 AND up.orders >= 2) AS repeated
    FROM up JOIN agg USING (member_key, month)),
  repeat AS (
    INSERT INTO hq_repeat_month AS r
    SELECT month, home, count(*) FILTER (WHERE created), count(*) FILTER (WHERE repeated) FROM moved
    WHERE created OR repeated GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (month, home_store) DO UPDATE SET buyers = r.buyers + EXCLUDED.buyers,
      repeaters = r.repeaters + EXCLUDED.repeaters)
  INSERT INTO hq_cohorts AS c
  SELECT join_month, home, month, count(*) FROM moved WHERE created AND join_month IS NOT NULL
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (join_month, home_store, month) DO UPDATE SET members = c.members + EXCLUDED.members;

  -- garments bought within 7 days of trying: the earliest such sale, if earlier than theirs (read
  -- by the member index and locked as read: FOR UPDATE also keeps the planner from hashing the
  -- whole table for a batch's sales)
  WITH best AS (
    SELECT DISTINCT ON ((x.g).session_id, (x.g).sku) x.g AS o, l.channel, l.sold_at, l.sale_id
    FROM (SELECT DISTINCT sale_id, member_key, style_id, sold_at, channel FROM hq_sale_lines
          WHERE sale_id = ANY (ids) AND member_key IS NOT NULL) l
    CROSS JOIN LATERAL (SELECT g FROM hq_garments g WHERE g.member_key = l.member_key AND g.style_id = l.style_id
      AND NOT g.bought_visit AND g.first_at BETWEEN l.sold_at - interval '7 days' AND l.sold_at
      AND (g.bought_at IS NULL OR g.bought_at > l.sold_at OR (g.bought_at = l.sold_at AND g.bought_sale > l.sale_id))
      FOR UPDATE) x
    ORDER BY (x.g).session_id, (x.g).sku, l.sold_at, l.sale_id),
  changed AS (
    UPDATE hq_garments g SET bought_via = b.channel, bought_at = b.sold_at, bought_sale = b.sale_id
    FROM best b WHERE g.session_id = (b.o).session_id AND g.sku = (b.o).sku
    RETURNING b.o, g AS n)
  INSERT INTO hq_tryon_delta (store_id, day, sku, style_id, sessions, garments, liked_or_bought, rejected,
    size_swaps, bought_visit, bought_store, bought_online, bought_miniapp, too_small, too_big, colour, style, price)
  SELECT (c.g).store_id, (c.g).day, (c.g).sku, (c.g).style_id, 0, c.s * v[1], c.s * v[2], c.s * v[3], c.s * v[4],
    c.s * v[5], c.s * v[6], c.s * v[7], c.s * v[8], c.s * v[9], c.s * v[10], c.s * v[11], c.s * v[12], c.s * v[13]
  FROM changed x
  CROSS JOIN LATERAL (VALUES (x.n, 1), (x.o, -1)) AS c(g, s)
  CROSS JOIN LATERAL hq_garment_vec(c.g) AS v;

  -- the deltas above are folded by 240's marker: the one already queued (the common case: a
  -- try-on or an earlier fold wrote it), else a new one
  IF NOT EXISTS (SELECT 1 FROM hq_delta_marker WHERE tx = me) THEN
    PERFORM set_config('hq.delta_marked', 'off', true);
    PERFORM hq_delta_note();
  END IF;
END $$;

CREATE FUNCTION hq_on_sale_marker() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hq_process_pending_sales();
  DELETE FROM hq_sale_marker WHERE tx = NEW.tx;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER hq_sale_marker AFTER INSERT ON hq_sale_marker DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION hq_on_sale_marker();

CREATE FUNCTION hq_on_sales() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF hq_bulk() THEN RETURN NULL; END IF;
  INSERT INTO hq_sale_pending (sale_id) SELECT sale_id FROM added;
  IF FOUND AND current_setting('hq.sales_pending', true) IS DISTINCT FROM 'on' THEN
    PERFORM set_config('hq.sales_pending', 'on', true);
    IF current_setting('hq.sale_marked', true) IS DISTINCT FROM 'on' THEN
      PERFORM set_config('hq.sale_marked', 'on', true);
      INSERT INTO hq_sale_marker VALUES (pg_current_xact_id());
    END IF;
  END IF;
  RETURN NULL;
END $$;

-- What a pending sale reads of its member is processed before the member changes.
CREATE FUNCTION hq_on_members_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hq_process_pending_sales();
  RETURN NULL;
END $$;
CREATE TRIGGER hq_members_sales_first BEFORE INSERT OR UPDATE OR DELETE ON members FOR EACH STATEMENT
  WHEN (current_setting('hq.sales_pending', true) = 'on') EXECUTE FUNCTION hq_on_members_change();

DROP TRIGGER hq_sale ON sales;
DROP TRIGGER hq_sa_tries ON sales;
CREATE TRIGGER hq_sale AFTER INSERT ON sales REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION hq_on_sales();

-- The row triggers' functions, unused since 290 and now: one way to apply upkeep, not two.
DROP FUNCTION hq_on_tryon(), hq_on_sale(), hq_on_sale_tries(), hq_garment_changed(hq_garments, hq_garments),
  hq_session_touch(hq_garments), hq_tries_apply(hq_garments, int), hq_sessions_apply(text, date, int),
  hq_tryon_counters_apply(text, date, text, text, int[]), hq_stock_apply(text, text, bigint);
`;
