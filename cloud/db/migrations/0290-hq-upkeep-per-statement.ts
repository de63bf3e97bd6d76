/**
 * Try-on and stock upkeep once per statement, not once per row (issues 12 and 15).
 *
 * A push inserts its try-ons with one statement (cloud/push/tryon-group.ts), yet migration 150's
 * row trigger then ran for each of them: a dozen small statements a try-on (look the garment up,
 * merge, look a purchase up, write it, then counters, sessions and "tried since last sold" through
 * four more functions), ~0.12 ms each time. The statement trigger below reads the inserted rows
 * from the transition table and does the same work for all of them in five statements:
 *
 * 1. the members named are locked, in key order (one at a time took them in insert order);
 * 2. the new events are folded per garment (session × SKU) exactly as one at a time would fold
 *    them into the garment: outcomes OR-ed, the member the greatest, the first try-on the earliest
 *    (ties by try-on id, as the recompute breaks them), the reason the latest by (time, reason);
 *    then merged into the garment already there, and the 7-day purchase looked up again only when
 *    the first try-on or the member changed, as before;
 * 3. the garments are written, only those that changed;
 * 4. the counters move by the new state minus the old one (deltas folded at COMMIT, migration 240)
 *    and "tried since last sold" moves when a garment is new or its first try-on moved;
 * 5. a visit is added on its earliest garment's day, or moved to an earlier day.
 *
 * The stock trigger moved each changed row's units through the rollups one row at a time; three
 * statement triggers (insert, update, delete: a trigger with transition tables has one event)
 * now sum the statement's moves per store × style and style × channel and upsert each once.
 *
 * A sale folded its store's "tried since last sold" deltas before it (migration 240) whether or
 * not there were any: two statements a sale. Appending a delta now sets a transaction-local flag,
 * and the trigger's WHEN skips the call while it is off.
 *
 * The result is the one the row triggers gave: cloud/hq/rollups/upkeep.property.test.ts checks
 * the triggers against the recompute from events, and cloud/test/migration-0290.test.ts checks
 * these triggers against 150's on the same statements.
 */
export const sql = `
DROP TRIGGER hq_tryon ON tryons;

CREATE TYPE hq_garment_pair AS (o hq_garments, n hq_garments);

CREATE FUNCTION hq_on_tryons() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  pairs hq_garment_pair[];
  v_sessions text[];
  v_days date[];
  v_stores text[];
BEGIN
  IF hq_bulk() THEN RETURN NULL; END IF;
  PERFORM hq_member_lock(k) FROM (SELECT DISTINCT body->>'memberId' AS k FROM added
    WHERE body->>'memberId' IS NOT NULL AND body->>'sessionId' IS NOT NULL AND body->>'sku' IS NOT NULL ORDER BY 1) x;
  -- each touched garment before (o, NULL when new) and after (n)
  WITH t AS (
    SELECT r.tryon_id, r.store_id, r.at, coalesce(r.outcome, 'tried') AS outcome, r.reason,
      r.body->>'sessionId' AS session_id, r.body->>'sku' AS sku, r.body->>'memberId' AS member
    FROM added r WHERE r.body->>'sessionId' IS NOT NULL AND r.body->>'sku' IS NOT NULL),
  a AS (
    SELECT session_id, sku, (array_agg(store_id ORDER BY at, tryon_id))[1] AS store_id, min(at) AS first_at,
      max(member) AS member_key, bool_or(outcome = 'liked') AS liked, bool_or(outcome = 'rejected') AS rejected,
      bool_or(outcome = 'size-swap') AS size_swap, bool_or(outcome = 'bought') AS bought_visit,
      (array_agg(reason ORDER BY at DESC, reason DESC) FILTER (WHERE reason IS NOT NULL))[1] AS reason,
      max(at) FILTER (WHERE reason IS NOT NULL) AS reason_at
    FROM t GROUP BY session_id, sku),
  m AS (
    SELECT x.o, a.session_id, a.sku,
      CASE WHEN (x.o).session_id IS NULL OR a.first_at < (x.o).first_at THEN a.store_id ELSE (x.o).store_id END AS store_id,
      CASE WHEN (x.o).session_id IS NULL THEN a.first_at ELSE least((x.o).first_at, a.first_at) END AS first_at,
      coalesce((x.o).style_id, (SELECT v.style_id FROM variants v WHERE v.sku = a.sku), '?') AS style_id,
      greatest((x.o).member_key, a.member_key) AS member_key,
      coalesce((x.o).liked, false) OR a.liked AS liked, coalesce((x.o).rejected, false) OR a.rejected AS rejected,
      coalesce((x.o).size_swap, false) OR a.size_swap AS size_swap,
      coalesce((x.o).bought_visit, false) OR a.bought_visit AS bought_visit,
      CASE WHEN a.reason IS NOT NULL AND ((x.o).reason_at IS NULL OR a.reason_at > (x.o).reason_at
          OR (a.reason_at = (x.o).reason_at AND a.reason > (x.o).reason)) THEN a.reason ELSE (x.o).reason END AS reason,
      CASE WHEN a.reason IS NOT NULL AND ((x.o).reason_at IS NULL OR a.reason_at > (x.o).reason_at
          OR (a.reason_at = (x.o).reason_at AND a.reason > (x.o).reason)) THEN a.reason_at ELSE (x.o).reason_at END AS reason_at
    -- by key, locked as read (LIMIT keeps the planner from hashing the whole table for a batch's
    -- rows; a garment is one store's, whose pushes queue on their advisory lock)
    FROM a LEFT JOIN LATERAL (SELECT g AS o FROM hq_garments g WHERE g.session_id = a.session_id AND g.sku = a.sku
      LIMIT 1 FOR UPDATE) x ON true)
  SELECT coalesce(array_agg(ROW(m.o, ROW(m.session_id, m.sku, m.store_id, m.first_at, hq_day(m.first_at),
      m.style_id, m.member_key, m.liked, m.rejected, m.size_swap, m.bought_visit, m.reason, m.reason_at,
      CASE WHEN m.bought_visit THEN 'visit' WHEN look THEN p.channel ELSE (m.o).bought_via END,
      CASE WHEN m.bought_visit THEN NULL WHEN look THEN p.sold_at ELSE (m.o).bought_at END,
      CASE WHEN m.bought_visit THEN NULL WHEN look THEN p.sale_id ELSE (m.o).bought_sale END)::hq_garments
    )::hq_garment_pair ORDER BY m.session_id, m.sku), '{}') INTO pairs
  FROM m
  CROSS JOIN LATERAL (SELECT NOT m.bought_visit AND m.member_key IS NOT NULL AND ((m.o).session_id IS NULL
    OR m.first_at <> (m.o).first_at OR m.member_key IS DISTINCT FROM (m.o).member_key) AS look) k
  LEFT JOIN LATERAL (
    SELECT l.channel, l.sold_at, l.sale_id FROM hq_sale_lines l
    WHERE k.look AND l.member_key = m.member_key AND l.style_id = m.style_id
      AND l.sold_at BETWEEN m.first_at AND m.first_at + interval '7 days'
    ORDER BY l.sold_at, l.sale_id LIMIT 1) p ON true;
  IF cardinality(pairs) = 0 THEN RETURN NULL; END IF;
  PERFORM hq_delta_note();

  INSERT INTO hq_garments AS g SELECT (p.n).* FROM unnest(pairs) p WHERE p.o IS DISTINCT FROM p.n
  ON CONFLICT (session_id, sku) DO UPDATE SET store_id = EXCLUDED.store_id, first_at = EXCLUDED.first_at,
    day = EXCLUDED.day, member_key = EXCLUDED.member_key, liked = EXCLUDED.liked, rejected = EXCLUDED.rejected,
    size_swap = EXCLUDED.size_swap, bought_visit = EXCLUDED.bought_visit, reason = EXCLUDED.reason,
    reason_at = EXCLUDED.reason_at, bought_via = EXCLUDED.bought_via, bought_at = EXCLUDED.bought_at,
    bought_sale = EXCLUDED.bought_sale;

  -- counters: + the new state, − the old one (where it existed), folded at COMMIT
  INSERT INTO hq_tryon_delta (store_id, day, sku, style_id, sessions, garments, liked_or_bought, rejected,
    size_swaps, bought_visit, bought_store, bought_online, bought_miniapp, too_small, too_big, colour, style, price)
  SELECT (c.g).store_id, (c.g).day, (c.g).sku, (c.g).style_id, 0, c.s * v[1], c.s * v[2], c.s * v[3], c.s * v[4],
    c.s * v[5], c.s * v[6], c.s * v[7], c.s * v[8], c.s * v[9], c.s * v[10], c.s * v[11], c.s * v[12], c.s * v[13]
  FROM unnest(pairs) p
  CROSS JOIN LATERAL (VALUES (p.n, 1), (p.o, -1)) AS c(g, s)
  CROSS JOIN LATERAL hq_garment_vec(c.g) AS v
  WHERE (c.g).session_id IS NOT NULL AND ((p.o).session_id IS NULL OR (p.o).day <> (p.n).day
    OR (p.o).store_id <> (p.n).store_id OR hq_garment_vec(p.o) IS DISTINCT FROM hq_garment_vec(p.n));

  -- tried since last sold: a new garment counts once; a moved first try-on moves its count
  INSERT INTO hq_tries_delta (location_id, style_id, first_at, tries)
  SELECT (c.g).store_id, (c.g).style_id, (c.g).first_at, c.s
  FROM unnest(pairs) p CROSS JOIN LATERAL (VALUES (p.n, 1), (p.o, -1)) AS c(g, s)
  WHERE (c.g).session_id IS NOT NULL AND ((p.o).session_id IS NULL
    OR (p.n).first_at <> (p.o).first_at OR (p.n).store_id <> (p.o).store_id);
  IF FOUND THEN PERFORM set_config('hq.tries_deltas', 'on', true); END IF;

  -- visits: on the earliest garment's day; an earlier garment moves the visit (its store stays)
  SELECT array_agg(session_id ORDER BY session_id), array_agg(day ORDER BY session_id),
    array_agg(store_id ORDER BY session_id) INTO v_sessions, v_days, v_stores
  FROM (SELECT (p.n).session_id, min((p.n).day) AS day, min((p.n).store_id) AS store_id FROM unnest(pairs) p
        WHERE (p.o).session_id IS NULL OR (p.n).day < (p.o).day GROUP BY 1) c;
  IF v_sessions IS NULL THEN RETURN NULL; END IF;
  WITH c AS (SELECT * FROM unnest(v_sessions, v_days, v_stores) AS c(session_id, day, store_id)),
  was AS (SELECT x.session_id, x.day, x.store_id FROM hq_visits x WHERE x.session_id = ANY (v_sessions)
          ORDER BY 1 FOR UPDATE),
  moved AS (
    UPDATE hq_visits v SET day = c.day FROM c JOIN was USING (session_id)
    WHERE v.session_id = ANY (v_sessions) AND v.session_id = c.session_id AND c.day < was.day
    RETURNING v.store_id, was.day AS old_day, c.day AS new_day),
  fresh AS (
    INSERT INTO hq_visits SELECT c.session_id, c.day, c.store_id FROM c
    WHERE NOT EXISTS (SELECT 1 FROM was WHERE was.session_id = c.session_id) ORDER BY 1
    ON CONFLICT (session_id) DO NOTHING RETURNING store_id, day)
  INSERT INTO hq_tryon_delta (store_id, day, sku, style_id, sessions, garments, liked_or_bought, rejected,
    size_swaps, bought_visit, bought_store, bought_online, bought_miniapp, too_small, too_big, colour, style, price)
  SELECT store_id, day, NULL, NULL, n, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
  FROM (SELECT store_id, day, 1 AS n FROM fresh UNION ALL SELECT store_id, new_day, 1 FROM moved
        UNION ALL SELECT store_id, old_day, -1 FROM moved) s;
  RETURN NULL;
END $$;

CREATE TRIGGER hq_tryon AFTER INSERT ON tryons REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION hq_on_tryons();

-- A sale folds its store's "tried since last sold" deltas first (migration 240) only when the
-- transaction has some: the flag is transaction-local and goes with a rolled-back savepoint.
CREATE OR REPLACE FUNCTION hq_tries_apply(g hq_garments, s int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hq_delta_note();
  PERFORM set_config('hq.tries_deltas', 'on', true);
  INSERT INTO hq_tries_delta (location_id, style_id, first_at, tries) VALUES (g.store_id, g.style_id, g.first_at, s);
END $$;
-- 240's fold, with the store's last sale looked up by key (a join let the planner hash the whole
-- rollup for a few deltas)
CREATE OR REPLACE FUNCTION hq_flush_tries_deltas(loc text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE me xid8 := pg_current_xact_id();
BEGIN
  INSERT INTO hq_style_store AS t (location_id, style_id, on_hand, tries)
  SELECT d.location_id, d.style_id, 0, coalesce(sum(d.tries) FILTER (WHERE d.last_sold_at IS NULL
    OR d.last_sold_at < d.first_at), 0)
  FROM (SELECT d.location_id, d.style_id, d.first_at, d.tries,
          (SELECT x.last_sold_at FROM hq_style_store x WHERE x.location_id = d.location_id
             AND x.style_id = d.style_id) AS last_sold_at
        FROM hq_tries_delta d WHERE d.tx = me AND (loc IS NULL OR d.location_id = loc)) d
  GROUP BY d.location_id, d.style_id ORDER BY d.location_id, d.style_id
  ON CONFLICT (location_id, style_id) DO UPDATE SET tries = t.tries + EXCLUDED.tries WHERE EXCLUDED.tries <> 0;
  DELETE FROM hq_tries_delta WHERE tx = me AND (loc IS NULL OR location_id = loc);
END $$;
DROP TRIGGER hq_sa_tries ON sales;
CREATE TRIGGER hq_sa_tries AFTER INSERT ON sales FOR EACH ROW
  WHEN (current_setting('hq.tries_deltas', true) = 'on') EXECUTE FUNCTION hq_on_sale_tries();

-- Stock: the statement's moves summed per store × style and style × channel, upserted once each.
CREATE FUNCTION hq_stock_moves(locations text[], skus text[], deltas bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO hq_style_store AS s (location_id, style_id, on_hand)
  SELECT r.location_id, coalesce((SELECT v.style_id FROM variants v WHERE v.sku = r.sku), '?'), sum(r.d)
  FROM unnest(locations, skus, deltas) AS r(location_id, sku, d) GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (location_id, style_id) DO UPDATE SET on_hand = s.on_hand + EXCLUDED.on_hand;
  INSERT INTO hq_style_stock_all AS s (style_id, online, on_hand)
  SELECT coalesce((SELECT v.style_id FROM variants v WHERE v.sku = r.sku), '?'), r.location_id = 'ONLINE', sum(r.d)
  FROM unnest(locations, skus, deltas) AS r(location_id, sku, d) GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (style_id, online) DO UPDATE SET on_hand = s.on_hand + EXCLUDED.on_hand;
END $$;

CREATE OR REPLACE FUNCTION hq_on_stock() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE l text[]; k text[]; d bigint[];
BEGIN
  IF hq_bulk() THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(location_id), array_agg(sku), array_agg(on_hand::bigint) INTO l, k, d FROM added;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(location_id), array_agg(sku), array_agg(-on_hand::bigint) INTO l, k, d FROM removed;
  ELSE
    SELECT array_agg(location_id), array_agg(sku), array_agg(x.d) INTO l, k, d
    FROM (SELECT location_id, sku, on_hand::bigint AS d FROM added
          UNION ALL SELECT location_id, sku, -on_hand::bigint FROM removed) x;
  END IF;
  IF l IS NOT NULL THEN PERFORM hq_stock_moves(l, k, d); END IF;
  RETURN NULL;
END $$;

DROP TRIGGER hq_stock ON stock;
CREATE TRIGGER hq_stock AFTER UPDATE ON stock REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION hq_on_stock();
CREATE TRIGGER hq_stock_insert AFTER INSERT ON stock REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION hq_on_stock();
CREATE TRIGGER hq_stock_delete AFTER DELETE ON stock REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION hq_on_stock();
`;
