/**
 * Rollup upkeep: triggers on the event tables the push handlers write (tryons, sales, members,
 * nps, staff_requests, stock) keep the facts and rollups of migration 140 current in the same
 * transaction as the mutation, so a rejected mutation (rolled back to its savepoint) or a
 * duplicate (ON CONFLICT DO NOTHING inserts no row, so no trigger fires) changes nothing.
 *
 * Rules (the set-based recompute in cloud/hq/rollups/recompute.ts states the same ones):
 * - a garment is (session, SKU); its day is the day of its first event; liked/rejected/size swap
 *   are "any event said so"; its reason is the latest one given (ties by reason text);
 * - it is bought in the visit when an event says `bought`; otherwise by the earliest (sold_at,
 *   sale id) sale line of the same member and style within [first event, first event + 7 days],
 *   in any channel;
 * - a member's work is serialized by a transaction advisory lock on the member key, so a try-on
 *   and a sale of one member pushed at once by two kiosks always find each other.
 *
 * A transaction that loads events in bulk sets `hq.bulk = on` (SET LOCAL) and runs the recompute
 * instead; every trigger returns at once then. Events older than this migration are rolled up once
 * by the recompute at the next start (a row in `hq_backfill` asks for it).
 */
export const sql = `
CREATE FUNCTION hq_bulk() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT coalesce(current_setting('hq.bulk', true), '') = 'on' $$;
CREATE FUNCTION hq_day(ts timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS
  $$ SELECT (ts AT TIME ZONE 'Asia/Shanghai')::date $$;
CREATE FUNCTION hq_hour(ts timestamptz) RETURNS smallint LANGUAGE sql IMMUTABLE AS
  $$ SELECT extract(hour FROM ts AT TIME ZONE 'Asia/Shanghai')::smallint $$;
CREATE FUNCTION hq_join_month(joined_on text) RETURNS date LANGUAGE sql IMMUTABLE AS
  $$ SELECT CASE WHEN joined_on ~ '^\\d{4}-\\d{2}-\\d{2}$' THEN date_trunc('month', joined_on::date)::date END $$;
CREATE FUNCTION hq_member_lock(member_key text) RETURNS void LANGUAGE sql AS
  $$ SELECT pg_advisory_xact_lock(hashtext('hq-member:' || member_key)) $$;

-- A garment's contribution to hq_tryon_day, in column order.
CREATE FUNCTION hq_garment_vec(g hq_garments) RETURNS int[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[1, (g.liked OR g.bought_via IS NOT NULL)::int, g.rejected::int, g.size_swap::int,
    (g.bought_via IS NOT DISTINCT FROM 'visit')::int, (g.bought_via IS NOT DISTINCT FROM 'store')::int,
    (g.bought_via IS NOT DISTINCT FROM 'online')::int, (g.bought_via IS NOT DISTINCT FROM 'miniapp')::int,
    (g.reason IS NOT DISTINCT FROM 'too-small')::int, (g.reason IS NOT DISTINCT FROM 'too-big')::int,
    (g.reason IS NOT DISTINCT FROM 'colour')::int, (g.reason IS NOT DISTINCT FROM 'style')::int,
    (g.reason IS NOT DISTINCT FROM 'price')::int] $$;

-- Adds counter vector v to the three grains of try-on counters.
CREATE FUNCTION hq_tryon_counters_apply(st text, d date, k text, style text, v int[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO hq_tryon_day AS t (store_id, day, sku, garments, liked_or_bought, rejected, size_swaps, bought_visit,
    bought_store, bought_online, bought_miniapp, too_small, too_big, colour, style, price)
  VALUES (st, d, k, v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13])
  ON CONFLICT (store_id, day, sku) DO UPDATE SET garments = t.garments + EXCLUDED.garments,
    liked_or_bought = t.liked_or_bought + EXCLUDED.liked_or_bought, rejected = t.rejected + EXCLUDED.rejected,
    size_swaps = t.size_swaps + EXCLUDED.size_swaps, bought_visit = t.bought_visit + EXCLUDED.bought_visit,
    bought_store = t.bought_store + EXCLUDED.bought_store, bought_online = t.bought_online + EXCLUDED.bought_online,
    bought_miniapp = t.bought_miniapp + EXCLUDED.bought_miniapp, too_small = t.too_small + EXCLUDED.too_small,
    too_big = t.too_big + EXCLUDED.too_big, colour = t.colour + EXCLUDED.colour, style = t.style + EXCLUDED.style,
    price = t.price + EXCLUDED.price;
  INSERT INTO hq_tryon_style_all AS t (day, style_id, garments, liked_or_bought, rejected, size_swaps, bought_visit,
    bought_store, bought_online, bought_miniapp, too_small, too_big, colour, style, price)
  VALUES (d, style, v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13])
  ON CONFLICT (day, style_id) DO UPDATE SET garments = t.garments + EXCLUDED.garments,
    liked_or_bought = t.liked_or_bought + EXCLUDED.liked_or_bought, rejected = t.rejected + EXCLUDED.rejected,
    size_swaps = t.size_swaps + EXCLUDED.size_swaps, bought_visit = t.bought_visit + EXCLUDED.bought_visit,
    bought_store = t.bought_store + EXCLUDED.bought_store, bought_online = t.bought_online + EXCLUDED.bought_online,
    bought_miniapp = t.bought_miniapp + EXCLUDED.bought_miniapp, too_small = t.too_small + EXCLUDED.too_small,
    too_big = t.too_big + EXCLUDED.too_big, colour = t.colour + EXCLUDED.colour, style = t.style + EXCLUDED.style,
    price = t.price + EXCLUDED.price;
  INSERT INTO hq_tryon_store_day AS t (store_id, day, sessions, garments, liked_or_bought, rejected, size_swaps,
    bought_visit, bought_store, bought_online, bought_miniapp, too_small, too_big, colour, style, price)
  VALUES (st, d, 0, v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13])
  ON CONFLICT (store_id, day) DO UPDATE SET garments = t.garments + EXCLUDED.garments,
    liked_or_bought = t.liked_or_bought + EXCLUDED.liked_or_bought, rejected = t.rejected + EXCLUDED.rejected,
    size_swaps = t.size_swaps + EXCLUDED.size_swaps, bought_visit = t.bought_visit + EXCLUDED.bought_visit,
    bought_store = t.bought_store + EXCLUDED.bought_store, bought_online = t.bought_online + EXCLUDED.bought_online,
    bought_miniapp = t.bought_miniapp + EXCLUDED.bought_miniapp, too_small = t.too_small + EXCLUDED.too_small,
    too_big = t.too_big + EXCLUDED.too_big, colour = t.colour + EXCLUDED.colour, style = t.style + EXCLUDED.style,
    price = t.price + EXCLUDED.price $$;

-- Moves a garment's contribution from its old state o (all NULL when new) to its new state n.
CREATE FUNCTION hq_garment_changed(o hq_garments, n hq_garments) RETURNS void LANGUAGE plpgsql AS $$
DECLARE nv int[] := hq_garment_vec(n); ov int[]; d int[] := '{}';
BEGIN
  IF o.session_id IS NULL THEN
    PERFORM hq_tryon_counters_apply(n.store_id, n.day, n.sku, n.style_id, nv);
    RETURN;
  END IF;
  ov := hq_garment_vec(o);
  IF o.day = n.day AND o.store_id = n.store_id THEN
    IF ov IS DISTINCT FROM nv THEN
      FOR i IN 1..13 LOOP d := d || (nv[i] - ov[i]); END LOOP;
      PERFORM hq_tryon_counters_apply(n.store_id, n.day, n.sku, n.style_id, d);
    END IF;
  ELSE
    FOR i IN 1..13 LOOP d := d || (-ov[i]); END LOOP;
    PERFORM hq_tryon_counters_apply(o.store_id, o.day, o.sku, o.style_id, d);
    PERFORM hq_tryon_counters_apply(n.store_id, n.day, n.sku, n.style_id, nv);
  END IF;
END $$;

-- A session counts once, on the day of its earliest garment.
CREATE FUNCTION hq_sessions_apply(st text, d date, n int) RETURNS void LANGUAGE sql AS $$
  INSERT INTO hq_tryon_store_day AS t VALUES (st, d, n, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  ON CONFLICT (store_id, day) DO UPDATE SET sessions = t.sessions + EXCLUDED.sessions $$;

CREATE FUNCTION hq_session_touch(g hq_garments) RETURNS void LANGUAGE plpgsql AS $$
DECLARE v_day date; v_store text;
BEGIN
  INSERT INTO hq_visits VALUES (g.session_id, g.day, g.store_id) ON CONFLICT (session_id) DO NOTHING;
  IF FOUND THEN
    PERFORM hq_sessions_apply(g.store_id, g.day, 1);
    RETURN;
  END IF;
  SELECT day, store_id INTO v_day, v_store FROM hq_visits WHERE session_id = g.session_id FOR UPDATE;
  IF g.day < v_day THEN
    UPDATE hq_visits SET day = g.day WHERE session_id = g.session_id;
    PERFORM hq_sessions_apply(v_store, v_day, -1);
    PERFORM hq_sessions_apply(v_store, g.day, 1);
  END IF;
END $$;

-- "Tried since the style last sold here": a garment counts at its store while its first try-on is
-- later than the store's last sale of the style.
CREATE FUNCTION hq_tries_apply(g hq_garments, s int) RETURNS void LANGUAGE sql AS $$
  INSERT INTO hq_style_store AS t (location_id, style_id, on_hand, tries) VALUES (g.store_id, g.style_id, 0, s)
  ON CONFLICT (location_id, style_id) DO UPDATE SET tries = t.tries + EXCLUDED.tries
  WHERE t.last_sold_at IS NULL OR t.last_sold_at < g.first_at $$;

-- An erased member's try-ons arrive anonymous.
CREATE FUNCTION hq_before_tryon() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT hq_bulk() AND NEW.body->>'memberId' IS NOT NULL
    AND EXISTS (SELECT 1 FROM members WHERE member_id = NEW.body->>'memberId' AND erased) THEN
    NEW.body := jsonb_set(NEW.body, '{memberId}', 'null'::jsonb);
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION hq_on_tryon() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_session text := NEW.body->>'sessionId';
  v_sku text := NEW.body->>'sku';
  v_member text := NEW.body->>'memberId';
  v_outcome text := coalesce(NEW.outcome, 'tried');
  v_style text;
  o hq_garments;
  n hq_garments;
  p record;
BEGIN
  IF hq_bulk() OR v_session IS NULL OR v_sku IS NULL THEN RETURN NULL; END IF;
  IF v_member IS NOT NULL THEN PERFORM hq_member_lock(v_member); END IF;
  SELECT * INTO o FROM hq_garments WHERE session_id = v_session AND sku = v_sku FOR UPDATE;
  IF o.session_id IS NULL THEN
    SELECT style_id INTO v_style FROM variants WHERE sku = v_sku;
    n := ROW(v_session, v_sku, NEW.store_id, NEW.at, hq_day(NEW.at), coalesce(v_style, '?'), v_member,
      v_outcome = 'liked', v_outcome = 'rejected', v_outcome = 'size-swap', v_outcome = 'bought', NEW.reason,
      CASE WHEN NEW.reason IS NOT NULL THEN NEW.at END, NULL, NULL, NULL)::hq_garments;
  ELSE
    n := o;
    n.liked := o.liked OR v_outcome = 'liked';
    n.rejected := o.rejected OR v_outcome = 'rejected';
    n.size_swap := o.size_swap OR v_outcome = 'size-swap';
    n.bought_visit := o.bought_visit OR v_outcome = 'bought';
    n.member_key := GREATEST(o.member_key, v_member);
    IF NEW.at < o.first_at THEN
      n.first_at := NEW.at;
      n.day := hq_day(NEW.at);
      n.store_id := NEW.store_id;
    END IF;
    IF NEW.reason IS NOT NULL AND (o.reason_at IS NULL OR NEW.at > o.reason_at
        OR (NEW.at = o.reason_at AND NEW.reason > o.reason)) THEN
      n.reason := NEW.reason;
      n.reason_at := NEW.at;
    END IF;
  END IF;
  IF n.bought_visit THEN
    n.bought_via := 'visit';
    n.bought_at := NULL;
    n.bought_sale := NULL;
  ELSIF n.member_key IS NOT NULL AND (o.session_id IS NULL OR n.first_at <> o.first_at
      OR n.member_key IS DISTINCT FROM o.member_key) THEN
    SELECT channel, sold_at, sale_id INTO p FROM hq_sale_lines
      WHERE member_key = n.member_key AND style_id = n.style_id
        AND sold_at BETWEEN n.first_at AND n.first_at + interval '7 days'
      ORDER BY sold_at, sale_id LIMIT 1;
    n.bought_via := p.channel;
    n.bought_at := p.sold_at;
    n.bought_sale := p.sale_id;
  END IF;
  IF o.session_id IS NULL THEN
    INSERT INTO hq_garments SELECT n.*;
  ELSIF n IS DISTINCT FROM o THEN
    UPDATE hq_garments SET store_id = n.store_id, first_at = n.first_at, day = n.day, member_key = n.member_key,
      liked = n.liked, rejected = n.rejected, size_swap = n.size_swap, bought_visit = n.bought_visit,
      reason = n.reason, reason_at = n.reason_at, bought_via = n.bought_via, bought_at = n.bought_at,
      bought_sale = n.bought_sale
    WHERE session_id = v_session AND sku = v_sku;
  END IF;
  PERFORM hq_garment_changed(o, n);
  IF o.session_id IS NULL OR n.day < o.day THEN PERFORM hq_session_touch(n); END IF;
  IF o.session_id IS NULL THEN
    PERFORM hq_tries_apply(n, 1);
  ELSIF n.first_at <> o.first_at OR n.store_id <> o.store_id THEN
    PERFORM hq_tries_apply(o, -1);
    PERFORM hq_tries_apply(n, 1);
  END IF;
  RETURN NULL;
END $$;

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

CREATE FUNCTION hq_store_members_apply(m members, s int) RETURNS void LANGUAGE sql AS $$
  INSERT INTO hq_store_members AS t VALUES (coalesce(m.home_store, '-'), m.tier, s, s * m.consent_profile::int,
    s * m.consent_marketing::int, s * m.consent_photo::int)
  ON CONFLICT (home_store, tier) DO UPDATE SET members = t.members + EXCLUDED.members,
    consent_profile = t.consent_profile + EXCLUDED.consent_profile,
    consent_marketing = t.consent_marketing + EXCLUDED.consent_marketing,
    consent_photo = t.consent_photo + EXCLUDED.consent_photo $$;

CREATE FUNCTION hq_on_member_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v_join date := hq_join_month(NEW.joined_on);
BEGIN
  IF hq_bulk() THEN RETURN NULL; END IF;
  IF NOT NEW.erased THEN PERFORM hq_store_members_apply(NEW, 1); END IF;
  IF v_join IS NOT NULL THEN
    INSERT INTO hq_new_members_day AS t VALUES (NEW.joined_on::date, coalesce(NEW.home_store, '-'), 1)
      ON CONFLICT (day, home_store) DO UPDATE SET members = t.members + 1;
    INSERT INTO hq_cohort_sizes AS t VALUES (v_join, coalesce(NEW.home_store, '-'), 1)
      ON CONFLICT (join_month, home_store) DO UPDATE SET members = t.members + 1;
  END IF;
  RETURN NULL;
END $$;

-- Consent, tier or home store changed, or the member was erased. Erasure gives every analytics row
-- of the member one fresh random key: the counts stay, nothing points back to the person.
CREATE FUNCTION hq_on_member_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v_anon text;
BEGIN
  IF hq_bulk() THEN RETURN NULL; END IF;
  IF NOT OLD.erased THEN PERFORM hq_store_members_apply(OLD, -1); END IF;
  IF NOT NEW.erased THEN PERFORM hq_store_members_apply(NEW, 1); END IF;
  IF NEW.erased AND NOT OLD.erased THEN
    PERFORM hq_member_lock(OLD.member_id);
    v_anon := 'anon:' || gen_random_uuid();
    UPDATE hq_garments SET member_key = v_anon WHERE member_key = OLD.member_id;
    UPDATE hq_sale_lines SET member_key = v_anon WHERE member_key = OLD.member_id;
    UPDATE hq_member_month SET member_key = v_anon WHERE member_key = OLD.member_id;
    UPDATE hq_rfm_members SET member_key = v_anon WHERE member_key = OLD.member_id;
    UPDATE tryons SET body = jsonb_set(body, '{memberId}', to_jsonb(v_anon))
      WHERE body->>'memberId' = OLD.member_id;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION hq_on_nps() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF hq_bulk() THEN RETURN NULL; END IF;
  INSERT INTO hq_nps_week AS w
  SELECT date_trunc('week', NEW.created_at AT TIME ZONE 'Asia/Shanghai')::date, d.store_id, 1,
    (NEW.score >= 9)::int, (NEW.score BETWEEN 7 AND 8)::int, (NEW.score <= 6)::int
  FROM devices d WHERE d.device_id = NEW.device_id
  ON CONFLICT (week, store_id) DO UPDATE SET responses = w.responses + 1, promoters = w.promoters + EXCLUDED.promoters,
    passives = w.passives + EXCLUDED.passives, detractors = w.detractors + EXCLUDED.detractors;
  RETURN NULL;
END $$;

-- Time to bring a size: from the request to "done", by the done update's HLC wall clock (the
-- kiosk's time of the tap, not the time the update reached the cloud).
CREATE FUNCTION hq_bring_seconds(r staff_requests) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT greatest(0, floor(extract(epoch FROM
    to_timestamp(substr(r.updated_hlc, 1, 15)::bigint / 1000.0) - r.created_at)))::bigint $$;

CREATE FUNCTION hq_on_size_request() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v_day date; v_oos boolean; v_done boolean := NEW.status = 'done';
BEGIN
  IF hq_bulk() THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    v_day := hq_day(NEW.created_at);
    v_oos := NOT EXISTS (SELECT 1 FROM stock WHERE sku = NEW.sku AND location_id = NEW.store_id AND on_hand > 0);
    INSERT INTO hq_size_requests VALUES (NEW.request_id, NEW.store_id, NEW.sku, v_day, v_oos);
    INSERT INTO hq_size_requests_day AS t VALUES (NEW.store_id, v_day, NEW.sku, 1, v_oos::int, v_done::int,
      CASE WHEN v_done THEN hq_bring_seconds(NEW) ELSE 0 END)
    ON CONFLICT (store_id, day, sku) DO UPDATE SET requests = t.requests + 1,
      out_of_stock = t.out_of_stock + EXCLUDED.out_of_stock, brought = t.brought + EXCLUDED.brought,
      bring_seconds = t.bring_seconds + EXCLUDED.bring_seconds;
  ELSE
    UPDATE hq_size_requests_day t SET brought = t.brought + 1, bring_seconds = t.bring_seconds + hq_bring_seconds(NEW)
    FROM hq_size_requests r
    WHERE r.request_id = NEW.request_id AND t.day = r.day AND t.store_id = r.store_id AND t.sku = r.sku;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION hq_stock_apply(location text, sku text, delta bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO hq_style_store AS s (location_id, style_id, on_hand)
  VALUES (location, coalesce((SELECT style_id FROM variants WHERE variants.sku = hq_stock_apply.sku), '?'), delta)
  ON CONFLICT (location_id, style_id) DO UPDATE SET on_hand = s.on_hand + EXCLUDED.on_hand;
  INSERT INTO hq_style_stock_all AS s (style_id, online, on_hand)
  VALUES (coalesce((SELECT style_id FROM variants WHERE variants.sku = hq_stock_apply.sku), '?'), location = 'ONLINE', delta)
  ON CONFLICT (style_id, online) DO UPDATE SET on_hand = s.on_hand + EXCLUDED.on_hand $$;

CREATE FUNCTION hq_on_stock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF hq_bulk() THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM hq_stock_apply(OLD.location_id, OLD.sku, -(OLD.on_hand::bigint)); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM hq_stock_apply(NEW.location_id, NEW.sku, NEW.on_hand); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER hq_before_tryon BEFORE INSERT ON tryons FOR EACH ROW EXECUTE FUNCTION hq_before_tryon();
CREATE TRIGGER hq_tryon AFTER INSERT ON tryons FOR EACH ROW EXECUTE FUNCTION hq_on_tryon();
CREATE TRIGGER hq_sale AFTER INSERT ON sales FOR EACH ROW EXECUTE FUNCTION hq_on_sale();
CREATE TRIGGER hq_member_insert AFTER INSERT ON members FOR EACH ROW EXECUTE FUNCTION hq_on_member_insert();
CREATE TRIGGER hq_member_update AFTER UPDATE OF tier, home_store, consent_profile, consent_marketing, consent_photo, erased
  ON members FOR EACH ROW
  WHEN ((OLD.tier, OLD.home_store, OLD.consent_profile, OLD.consent_marketing, OLD.consent_photo, OLD.erased)
    IS DISTINCT FROM (NEW.tier, NEW.home_store, NEW.consent_profile, NEW.consent_marketing, NEW.consent_photo, NEW.erased))
  EXECUTE FUNCTION hq_on_member_update();
CREATE TRIGGER hq_nps AFTER INSERT ON nps FOR EACH ROW EXECUTE FUNCTION hq_on_nps();
CREATE TRIGGER hq_size_request AFTER INSERT ON staff_requests FOR EACH ROW
  WHEN (NEW.kind = 'size' AND NEW.sku IS NOT NULL) EXECUTE FUNCTION hq_on_size_request();
CREATE TRIGGER hq_size_request_done AFTER UPDATE OF status ON staff_requests FOR EACH ROW
  WHEN (NEW.kind = 'size' AND NEW.sku IS NOT NULL AND NEW.status = 'done' AND OLD.status <> 'done')
  EXECUTE FUNCTION hq_on_size_request();
CREATE TRIGGER hq_stock AFTER INSERT OR UPDATE OF on_hand OR DELETE ON stock FOR EACH ROW
  EXECUTE FUNCTION hq_on_stock();

-- events already in the database get their rollups at the next start (cloud/hq/rollups/backfill.ts)
CREATE TABLE hq_backfill (requested_at timestamptz NOT NULL);
INSERT INTO hq_backfill VALUES (now());
`;
