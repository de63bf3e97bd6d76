/**
 * Sale and stock upkeep without scans (issues 12 and 15).
 *
 * Migration 250's sale trigger joined the sale's lines (a `jsonb_array_elements`, which the
 * planner guesses at 100 rows) to `variants`, and its sale rows to `products`: for 100 rows a hash
 * join beats 100 index probes, so every sale read the whole catalog (5,679 variants in the demo:
 * 0.99 ms of the trigger's ~0.9 ms; a 1 M-variant catalog would take ~100 ms a sale). The style,
 * category and season are now scalar subqueries: one index probe per line, whatever the guess.
 *
 * The stock trigger moved a changed row's units out of its rollups and back in (two calls, four
 * upserts); an update that keeps the store and SKU now applies the difference once.
 *
 * The sale function is 250's text but for those two lookups; 250's text is left as it ran.
 */
export const sql = `
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
  SELECT NEW.sale_id, e.ord, NEW.store_id, NEW.channel, NEW.sold_at, v_day, e.line->>'sku',
    coalesce((SELECT v.style_id FROM variants v WHERE v.sku = e.line->>'sku'), '?'),
    (e.line->>'qty')::int,
    (e.line->>'qty')::bigint * (e.line->>'unitPriceCents')::bigint - coalesce((e.line->>'discountCents')::bigint, 0),
    v_member, v_key, v_home, v_join
  FROM jsonb_array_elements(NEW.body->'lines') WITH ORDINALITY AS e(line, ord);

  -- the sale's sums per category × season cell, as deltas folded at COMMIT (store and brand-wide)
  PERFORM hq_delta_note();
  PERFORM set_config('hq.sales_deltas', 'on', true);
  INSERT INTO hq_sales_cube_delta (category, season, location_id, day, channel, orders, units, net_cents,
    member_orders, member_net_cents)
  SELECT k.category, k.season, NEW.store_id, v_day, NEW.channel, 1, sum(l.qty)::int, sum(l.net_cents),
    v_member::int, CASE WHEN v_member THEN sum(l.net_cents) ELSE 0 END
  FROM hq_sale_lines l
  CROSS JOIN LATERAL (SELECT coalesce((SELECT category FROM products WHERE style_id = l.style_id), '?') AS category,
    coalesce((SELECT season FROM products WHERE style_id = l.style_id), '?') AS season) p
  CROSS JOIN LATERAL (VALUES ('*', '*'), (p.category, '*'), ('*', p.season), (p.category, p.season))
    AS k(category, season)
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

CREATE OR REPLACE FUNCTION hq_on_stock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF hq_bulk() THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND OLD.location_id = NEW.location_id AND OLD.sku = NEW.sku THEN
    IF NEW.on_hand <> OLD.on_hand THEN
      PERFORM hq_stock_apply(NEW.location_id, NEW.sku, NEW.on_hand::bigint - OLD.on_hand);
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM hq_stock_apply(OLD.location_id, OLD.sku, -(OLD.on_hand::bigint)); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM hq_stock_apply(NEW.location_id, NEW.sku, NEW.on_hand); END IF;
  RETURN NULL;
END $$;
`;
