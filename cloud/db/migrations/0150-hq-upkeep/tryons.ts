/**
 * Migration 0150 (HQ rollup upkeep), part: Try-on facts: a garment (session, SKU) and its counters at three grains, sessions per day,
 * "tried since the style last sold here", and the try-on triggers' functions.
 * Applied databases ran this text: never edit it; a change is a new migration.
 */
export const tryOnUpkeepSql = `
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
`;
