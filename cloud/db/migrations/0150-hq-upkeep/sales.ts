/**
 * Migration 0150 (HQ rollup upkeep), part: Sale facts: a sale's lines, its day and member rollups, and the garments it turns into bought
 * (within seven days of their first try-on, in any channel).
 * Applied databases ran this text: never edit it; a change is a new migration.
 */
export const saleUpkeepSql = `
CREATE FUNCTION hq_on_sale() RETURNS trigger LANGUAGE plpgsql AS $$
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
  cell record;
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

  -- the sale's sums per category × season cell, added at the location and brand-wide
  FOR cell IN SELECT x.category, x.season, sum(x.qty)::int AS units, sum(x.net_cents) AS net
      FROM (SELECT k.category, k.season, l.qty, l.net_cents
            FROM hq_sale_lines l LEFT JOIN products p USING (style_id)
            CROSS JOIN LATERAL (VALUES ('*', '*'), (coalesce(p.category, '?'), '*'), ('*', coalesce(p.season, '?')),
              (coalesce(p.category, '?'), coalesce(p.season, '?'))) AS k(category, season)
            WHERE l.sale_id = NEW.sale_id) x
      GROUP BY x.category, x.season ORDER BY x.category, x.season LOOP
    INSERT INTO hq_sales_cube AS t VALUES (cell.category, cell.season, NEW.store_id, v_day, NEW.channel, 1, cell.units,
      cell.net, v_member::int, CASE WHEN v_member THEN cell.net ELSE 0 END)
    ON CONFLICT (category, season, location_id, day, channel) DO UPDATE SET orders = t.orders + 1,
      units = t.units + EXCLUDED.units, net_cents = t.net_cents + EXCLUDED.net_cents,
      member_orders = t.member_orders + EXCLUDED.member_orders,
      member_net_cents = t.member_net_cents + EXCLUDED.member_net_cents;
    INSERT INTO hq_sales_cube_all AS t VALUES (cell.category, cell.season, v_day, NEW.channel, 1, cell.units, cell.net,
      v_member::int, CASE WHEN v_member THEN cell.net ELSE 0 END)
    ON CONFLICT (category, season, day, channel) DO UPDATE SET orders = t.orders + 1,
      units = t.units + EXCLUDED.units, net_cents = t.net_cents + EXCLUDED.net_cents,
      member_orders = t.member_orders + EXCLUDED.member_orders,
      member_net_cents = t.member_net_cents + EXCLUDED.member_net_cents;
    IF cell.category = '*' AND cell.season = '*' THEN
      v_units := cell.units;
      v_net := cell.net;
    END IF;
  END LOOP;

  INSERT INTO hq_sales_hour AS h VALUES (NEW.store_id, v_day, NEW.channel, hq_hour(NEW.sold_at), 1, v_units, v_net,
    v_member::int, CASE WHEN v_member THEN v_net ELSE 0 END)
  ON CONFLICT (location_id, day, channel, hour) DO UPDATE SET orders = h.orders + 1, units = h.units + EXCLUDED.units,
    net_cents = h.net_cents + EXCLUDED.net_cents, member_orders = h.member_orders + EXCLUDED.member_orders,
    member_net_cents = h.member_net_cents + EXCLUDED.member_net_cents;
  INSERT INTO hq_sales_hour_all AS h VALUES (v_day, NEW.channel, hq_hour(NEW.sold_at), 1, v_units, v_net,
    v_member::int, CASE WHEN v_member THEN v_net ELSE 0 END)
  ON CONFLICT (day, channel, hour) DO UPDATE SET orders = h.orders + 1, units = h.units + EXCLUDED.units,
    net_cents = h.net_cents + EXCLUDED.net_cents, member_orders = h.member_orders + EXCLUDED.member_orders,
    member_net_cents = h.member_net_cents + EXCLUDED.member_net_cents;

  INSERT INTO hq_style_sales_day AS s (location_id, day, channel, style_id, units, net_cents, lines)
  SELECT NEW.store_id, v_day, NEW.channel, style_id, sum(qty), sum(net_cents), count(*)
  FROM hq_sale_lines WHERE sale_id = NEW.sale_id GROUP BY style_id ORDER BY style_id
  ON CONFLICT (location_id, day, channel, style_id) DO UPDATE SET units = s.units + EXCLUDED.units,
    net_cents = s.net_cents + EXCLUDED.net_cents, lines = s.lines + EXCLUDED.lines;
  INSERT INTO hq_style_sales_all AS s (day, channel, style_id, units, net_cents, lines)
  SELECT v_day, NEW.channel, style_id, sum(qty), sum(net_cents), count(*)
  FROM hq_sale_lines WHERE sale_id = NEW.sale_id GROUP BY style_id ORDER BY style_id
  ON CONFLICT (day, channel, style_id) DO UPDATE SET units = s.units + EXCLUDED.units,
    net_cents = s.net_cents + EXCLUDED.net_cents, lines = s.lines + EXCLUDED.lines;

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
