/**
 * Sales counters applied once per transaction, not once per sale (issues 12 and 15), the way
 * migration 240 does it for the try-on counters.
 *
 * Migration 150's sale trigger upserted, for every sale, the sales cube at four category × season
 * cells (at the store and brand-wide: eight upserts in a loop), the hour rollup twice and the style
 * rollups twice: about a dozen statements a sale, on rows every sale of the store that day shares.
 * The cube, hour and style rollups are additive, so now the trigger appends the sale's store-level
 * deltas (three INSERT … SELECT statements), and the transaction's marker folds them at COMMIT: one
 * upsert per touched row and rollup, the brand-wide rollups summed over stores from the same
 * deltas, in key order. What is not additive stays per sale: the sale lines (facts), "tried since
 * last sold" (hq_style_store), the member month with repeat buyers and cohorts, and the 7-day
 * attribution of garments to the sale.
 *
 * The function is the same as 150's text but for the counters; 150's text is left as it ran.
 */
export const sql = `
CREATE UNLOGGED TABLE hq_sales_cube_delta (tx xid8 NOT NULL DEFAULT pg_current_xact_id(), category text NOT NULL,
  season text NOT NULL, location_id text NOT NULL, day date NOT NULL, channel text NOT NULL, orders int NOT NULL,
  units int NOT NULL, net_cents bigint NOT NULL, member_orders int NOT NULL, member_net_cents bigint NOT NULL);
CREATE INDEX hq_sales_cube_delta_tx ON hq_sales_cube_delta (tx);
CREATE UNLOGGED TABLE hq_sales_hour_delta (tx xid8 NOT NULL DEFAULT pg_current_xact_id(), location_id text NOT NULL,
  day date NOT NULL, channel text NOT NULL, hour smallint NOT NULL, orders int NOT NULL, units int NOT NULL,
  net_cents bigint NOT NULL, member_orders int NOT NULL, member_net_cents bigint NOT NULL);
CREATE INDEX hq_sales_hour_delta_tx ON hq_sales_hour_delta (tx);
CREATE UNLOGGED TABLE hq_style_sales_delta (tx xid8 NOT NULL DEFAULT pg_current_xact_id(), location_id text NOT NULL,
  day date NOT NULL, channel text NOT NULL, style_id text NOT NULL, units int NOT NULL, net_cents bigint NOT NULL,
  lines int NOT NULL);
CREATE INDEX hq_style_sales_delta_tx ON hq_style_sales_delta (tx);

-- Folds this transaction's sales deltas into the store-level and brand-wide rollups, in key order.
-- A transaction without a sale (most of a try-on push) skips it: the flag is transaction-local and
-- goes with a savepoint rolled back, like the deltas it announces.
CREATE FUNCTION hq_flush_sales_deltas() RETURNS void LANGUAGE plpgsql AS $$
DECLARE me xid8 := pg_current_xact_id();
BEGIN
  IF current_setting('hq.sales_deltas', true) IS DISTINCT FROM 'on' THEN RETURN; END IF;
  INSERT INTO hq_sales_cube AS t (category, season, location_id, day, channel, orders, units, net_cents,
    member_orders, member_net_cents)
  SELECT category, season, location_id, day, channel, sum(orders), sum(units), sum(net_cents), sum(member_orders),
    sum(member_net_cents)
  FROM hq_sales_cube_delta WHERE tx = me GROUP BY category, season, location_id, day, channel
  ORDER BY category, season, location_id, day, channel
  ON CONFLICT (category, season, location_id, day, channel) DO UPDATE SET orders = t.orders + EXCLUDED.orders,
    units = t.units + EXCLUDED.units, net_cents = t.net_cents + EXCLUDED.net_cents,
    member_orders = t.member_orders + EXCLUDED.member_orders,
    member_net_cents = t.member_net_cents + EXCLUDED.member_net_cents;
  INSERT INTO hq_sales_cube_all AS t (category, season, day, channel, orders, units, net_cents, member_orders,
    member_net_cents)
  SELECT category, season, day, channel, sum(orders), sum(units), sum(net_cents), sum(member_orders),
    sum(member_net_cents)
  FROM hq_sales_cube_delta WHERE tx = me GROUP BY category, season, day, channel
  ORDER BY category, season, day, channel
  ON CONFLICT (category, season, day, channel) DO UPDATE SET orders = t.orders + EXCLUDED.orders,
    units = t.units + EXCLUDED.units, net_cents = t.net_cents + EXCLUDED.net_cents,
    member_orders = t.member_orders + EXCLUDED.member_orders,
    member_net_cents = t.member_net_cents + EXCLUDED.member_net_cents;
  INSERT INTO hq_sales_hour AS h (location_id, day, channel, hour, orders, units, net_cents, member_orders,
    member_net_cents)
  SELECT location_id, day, channel, hour, sum(orders), sum(units), sum(net_cents), sum(member_orders),
    sum(member_net_cents)
  FROM hq_sales_hour_delta WHERE tx = me GROUP BY location_id, day, channel, hour
  ORDER BY location_id, day, channel, hour
  ON CONFLICT (location_id, day, channel, hour) DO UPDATE SET orders = h.orders + EXCLUDED.orders,
    units = h.units + EXCLUDED.units, net_cents = h.net_cents + EXCLUDED.net_cents,
    member_orders = h.member_orders + EXCLUDED.member_orders,
    member_net_cents = h.member_net_cents + EXCLUDED.member_net_cents;
  INSERT INTO hq_sales_hour_all AS h (day, channel, hour, orders, units, net_cents, member_orders, member_net_cents)
  SELECT day, channel, hour, sum(orders), sum(units), sum(net_cents), sum(member_orders), sum(member_net_cents)
  FROM hq_sales_hour_delta WHERE tx = me GROUP BY day, channel, hour ORDER BY day, channel, hour
  ON CONFLICT (day, channel, hour) DO UPDATE SET orders = h.orders + EXCLUDED.orders,
    units = h.units + EXCLUDED.units, net_cents = h.net_cents + EXCLUDED.net_cents,
    member_orders = h.member_orders + EXCLUDED.member_orders,
    member_net_cents = h.member_net_cents + EXCLUDED.member_net_cents;
  INSERT INTO hq_style_sales_day AS s (location_id, day, channel, style_id, units, net_cents, lines)
  SELECT location_id, day, channel, style_id, sum(units), sum(net_cents), sum(lines)
  FROM hq_style_sales_delta WHERE tx = me GROUP BY location_id, day, channel, style_id
  ORDER BY location_id, day, channel, style_id
  ON CONFLICT (location_id, day, channel, style_id) DO UPDATE SET units = s.units + EXCLUDED.units,
    net_cents = s.net_cents + EXCLUDED.net_cents, lines = s.lines + EXCLUDED.lines;
  INSERT INTO hq_style_sales_all AS s (day, channel, style_id, units, net_cents, lines)
  SELECT day, channel, style_id, sum(units), sum(net_cents), sum(lines)
  FROM hq_style_sales_delta WHERE tx = me GROUP BY day, channel, style_id ORDER BY day, channel, style_id
  ON CONFLICT (day, channel, style_id) DO UPDATE SET units = s.units + EXCLUDED.units,
    net_cents = s.net_cents + EXCLUDED.net_cents, lines = s.lines + EXCLUDED.lines;
  DELETE FROM hq_sales_cube_delta WHERE tx = me;
  DELETE FROM hq_sales_hour_delta WHERE tx = me;
  DELETE FROM hq_style_sales_delta WHERE tx = me;
END $$;

CREATE OR REPLACE FUNCTION hq_on_delta_marker() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hq_flush_tryon_deltas();
  PERFORM hq_flush_tries_deltas(NULL);
  PERFORM hq_flush_sales_deltas();
  DELETE FROM hq_delta_marker WHERE tx = NEW.tx;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION hq_on_sale() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_day date := hq_day(NEW.sold_at);
  v_member boolean := NEW.member_id IS NOT NULL;
  v_key text;
  v_home text;
  v_join date;
  v_new boolean;
  v_orders int;
  v_units int := 0;
  v_net bigint := 0;
  g hq_garments;
  n hq_garments;
BEGIN
  IF hq_bulk() THEN RETURN NULL; END IF;
  IF v_member THEN
    SELECT member_id, coalesce(home_store, '-'), hq_join_month(joined_on) INTO v_key, v_home, v_join
      FROM members WHERE member_id = NEW.member_id AND NOT erased;
  END IF;
  INSERT INTO hq_sale_lines (sale_id, line_no, location_id, channel, sold_at, day, sku, style_id, qty, net_cents,
    is_member, member_key, member_home, member_join_month)
  SELECT NEW.sale_id, e.ord, NEW.store_id, NEW.channel, NEW.sold_at, v_day, e.line->>'sku', coalesce(v.style_id, '?'),
    (e.line->>'qty')::int,
    (e.line->>'qty')::bigint * (e.line->>'unitPriceCents')::bigint - coalesce((e.line->>'discountCents')::bigint, 0),
    v_member, v_key, v_home, v_join
  FROM jsonb_array_elements(NEW.body->'lines') WITH ORDINALITY AS e(line, ord)
  LEFT JOIN variants v ON v.sku = e.line->>'sku';

  -- the sale's sums per category × season cell, as deltas folded at COMMIT (store and brand-wide)
  PERFORM hq_delta_note();
  PERFORM set_config('hq.sales_deltas', 'on', true);
  INSERT INTO hq_sales_cube_delta (category, season, location_id, day, channel, orders, units, net_cents,
    member_orders, member_net_cents)
  SELECT k.category, k.season, NEW.store_id, v_day, NEW.channel, 1, sum(l.qty)::int, sum(l.net_cents),
    v_member::int, CASE WHEN v_member THEN sum(l.net_cents) ELSE 0 END
  FROM hq_sale_lines l LEFT JOIN products p USING (style_id)
  CROSS JOIN LATERAL (VALUES ('*', '*'), (coalesce(p.category, '?'), '*'), ('*', coalesce(p.season, '?')),
    (coalesce(p.category, '?'), coalesce(p.season, '?'))) AS k(category, season)
  WHERE l.sale_id = NEW.sale_id
  GROUP BY k.category, k.season;
  SELECT coalesce(sum(qty), 0)::int, coalesce(sum(net_cents), 0) INTO v_units, v_net
    FROM hq_sale_lines WHERE sale_id = NEW.sale_id;
  INSERT INTO hq_sales_hour_delta (location_id, day, channel, hour, orders, units, net_cents, member_orders,
    member_net_cents)
  VALUES (NEW.store_id, v_day, NEW.channel, hq_hour(NEW.sold_at), 1, v_units, v_net, v_member::int,
    CASE WHEN v_member THEN v_net ELSE 0 END);
  INSERT INTO hq_style_sales_delta (location_id, day, channel, style_id, units, net_cents, lines)
  SELECT NEW.store_id, v_day, NEW.channel, style_id, sum(qty), sum(net_cents), count(*)
  FROM hq_sale_lines WHERE sale_id = NEW.sale_id GROUP BY style_id;

  -- a later last sale restarts the style's "tried since it last sold" count at this store
  INSERT INTO hq_style_store AS s (location_id, style_id, on_hand, last_sold_at, tries)
  SELECT DISTINCT NEW.store_id, style_id, 0, NEW.sold_at, 0 FROM hq_sale_lines WHERE sale_id = NEW.sale_id ORDER BY 2
  ON CONFLICT (location_id, style_id) DO UPDATE SET last_sold_at = EXCLUDED.last_sold_at,
    tries = (SELECT count(*) FROM hq_garments t WHERE t.store_id = s.location_id AND t.style_id = s.style_id
             AND t.first_at > EXCLUDED.last_sold_at)
  WHERE s.last_sold_at IS NULL OR s.last_sold_at < EXCLUDED.last_sold_at;

  IF v_key IS NULL THEN RETURN NULL; END IF;
  PERFORM hq_member_lock(v_key);
  INSERT INTO hq_member_month AS m (member_key, month, home_store, join_month, orders, units, net_cents, last_at)
  SELECT v_key, date_trunc('month', v_day)::date, v_home, v_join, 1, sum(qty), sum(net_cents), NEW.sold_at
  FROM hq_sale_lines WHERE sale_id = NEW.sale_id
  ON CONFLICT (member_key, month) DO UPDATE SET orders = m.orders + 1, units = m.units + EXCLUDED.units,
    net_cents = m.net_cents + EXCLUDED.net_cents, last_at = GREATEST(m.last_at, EXCLUDED.last_at)
  RETURNING (xmax = 0), orders INTO v_new, v_orders;
  IF v_new OR v_orders = 2 THEN
    INSERT INTO hq_repeat_month AS r VALUES (date_trunc('month', v_day)::date, v_home, v_new::int, (v_orders = 2)::int)
    ON CONFLICT (month, home_store) DO UPDATE SET buyers = r.buyers + EXCLUDED.buyers,
      repeaters = r.repeaters + EXCLUDED.repeaters;
  END IF;
  IF v_new AND v_join IS NOT NULL THEN
    INSERT INTO hq_cohorts AS c VALUES (v_join, v_home, date_trunc('month', v_day)::date, 1)
      ON CONFLICT (join_month, home_store, month) DO UPDATE SET members = c.members + 1;
  END IF;
  FOR g IN SELECT * FROM hq_garments
      WHERE member_key = v_key AND NOT bought_visit
        AND style_id IN (SELECT style_id FROM hq_sale_lines WHERE sale_id = NEW.sale_id)
        AND first_at BETWEEN NEW.sold_at - interval '7 days' AND NEW.sold_at
        AND (bought_at IS NULL OR bought_at > NEW.sold_at OR (bought_at = NEW.sold_at AND bought_sale > NEW.sale_id))
      ORDER BY session_id, sku FOR UPDATE LOOP
    n := g;
    n.bought_via := NEW.channel;
    n.bought_at := NEW.sold_at;
    n.bought_sale := NEW.sale_id;
    UPDATE hq_garments SET bought_via = n.bought_via, bought_at = n.bought_at, bought_sale = n.bought_sale
      WHERE session_id = g.session_id AND sku = g.sku;
    PERFORM hq_garment_changed(g, n);
  END LOOP;
  RETURN NULL;
END $$;
`;
