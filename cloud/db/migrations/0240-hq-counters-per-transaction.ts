/**
 * Try-on counters applied once per transaction, not once per event (issues 12 and 15).
 *
 * The three try-on counter grains (store × day × SKU, brand × day × style, store × day with its
 * sessions) are additive: their final value does not depend on the order of the deltas. Migration
 * 150 upserted them for every try-on, so a push of 300 try-ons of one store updated the same
 * store × day row 600 times in one transaction; every update leaves a row version the next one
 * walks past (they cannot be pruned while the transaction runs): quadratic in the batch, and the
 * row stays locked against other kiosks' pushes for the whole batch.
 *
 * Now the same functions append their delta to `hq_tryon_delta`; the first delta of a transaction
 * also writes a marker row whose deferred constraint trigger folds the transaction's deltas into
 * the rollups at COMMIT: one upsert per touched row, in key order (the same lock order for every
 * transaction). The deltas, the marker and the rollups change in the same transaction as the
 * events, so exactly-once holds; a rollback to a savepoint drops its deltas (and, when the marker
 * was written inside it, the marker and its transaction-local flag too).
 *
 * "Tried since the style last sold here" is not additive (a try-on counts only if it is later than
 * the store's last sale of the style, and a later sale recounts from the facts), so its deltas keep
 * the try-on time and are folded with that condition, evaluated against the store's last sale time:
 * at COMMIT, and before every sale of the store (trigger `hq_sa_tries`, which fires before `hq_sale`
 * because triggers fire in name order), so a sale always finds the count one at a time would have
 * left.
 */
export const sql = `
CREATE UNLOGGED TABLE hq_tryon_delta (
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(), store_id text NOT NULL, day date NOT NULL, sku text,
  style_id text, sessions int NOT NULL, garments int NOT NULL, liked_or_bought int NOT NULL, rejected int NOT NULL,
  size_swaps int NOT NULL, bought_visit int NOT NULL, bought_store int NOT NULL, bought_online int NOT NULL,
  bought_miniapp int NOT NULL, too_small int NOT NULL, too_big int NOT NULL, colour int NOT NULL, style int NOT NULL,
  price int NOT NULL);
CREATE INDEX hq_tryon_delta_tx ON hq_tryon_delta (tx);
CREATE UNLOGGED TABLE hq_tries_delta (tx xid8 NOT NULL DEFAULT pg_current_xact_id(), location_id text NOT NULL,
  style_id text NOT NULL, first_at timestamptz NOT NULL, tries int NOT NULL);
CREATE INDEX hq_tries_delta_tx ON hq_tries_delta (tx, location_id);
CREATE UNLOGGED TABLE hq_delta_marker (tx xid8 NOT NULL);

-- Folds this transaction's "tried since last sold" deltas of one location (all when NULL): as one
-- at a time would, a delta counts when the style has not sold there, or last sold before it.
CREATE FUNCTION hq_flush_tries_deltas(loc text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE me xid8 := pg_current_xact_id();
BEGIN
  INSERT INTO hq_style_store AS t (location_id, style_id, on_hand, tries)
  SELECT d.location_id, d.style_id, 0,
    coalesce(sum(d.tries) FILTER (WHERE x.last_sold_at IS NULL OR x.last_sold_at < d.first_at), 0)
  FROM hq_tries_delta d LEFT JOIN hq_style_store x USING (location_id, style_id)
  WHERE d.tx = me AND (loc IS NULL OR d.location_id = loc)
  GROUP BY d.location_id, d.style_id ORDER BY d.location_id, d.style_id
  ON CONFLICT (location_id, style_id) DO UPDATE SET tries = t.tries + EXCLUDED.tries WHERE EXCLUDED.tries <> 0;
  DELETE FROM hq_tries_delta WHERE tx = me AND (loc IS NULL OR location_id = loc);
END $$;

-- Folds this transaction's deltas into the rollups, one upsert per row, in key order.
CREATE FUNCTION hq_flush_tryon_deltas() RETURNS void LANGUAGE plpgsql AS $$
DECLARE me xid8 := pg_current_xact_id();
BEGIN
  INSERT INTO hq_tryon_day AS t (store_id, day, sku, garments, liked_or_bought, rejected, size_swaps, bought_visit,
    bought_store, bought_online, bought_miniapp, too_small, too_big, colour, style, price)
  SELECT store_id, day, sku, sum(garments), sum(liked_or_bought), sum(rejected), sum(size_swaps), sum(bought_visit),
    sum(bought_store), sum(bought_online), sum(bought_miniapp), sum(too_small), sum(too_big), sum(colour), sum(style),
    sum(price)
  FROM hq_tryon_delta WHERE tx = me AND sku IS NOT NULL GROUP BY store_id, day, sku ORDER BY store_id, day, sku
  ON CONFLICT (store_id, day, sku) DO UPDATE SET garments = t.garments + EXCLUDED.garments,
    liked_or_bought = t.liked_or_bought + EXCLUDED.liked_or_bought, rejected = t.rejected + EXCLUDED.rejected,
    size_swaps = t.size_swaps + EXCLUDED.size_swaps, bought_visit = t.bought_visit + EXCLUDED.bought_visit,
    bought_store = t.bought_store + EXCLUDED.bought_store, bought_online = t.bought_online + EXCLUDED.bought_online,
    bought_miniapp = t.bought_miniapp + EXCLUDED.bought_miniapp, too_small = t.too_small + EXCLUDED.too_small,
    too_big = t.too_big + EXCLUDED.too_big, colour = t.colour + EXCLUDED.colour, style = t.style + EXCLUDED.style,
    price = t.price + EXCLUDED.price;
  INSERT INTO hq_tryon_style_all AS t (day, style_id, garments, liked_or_bought, rejected, size_swaps, bought_visit,
    bought_store, bought_online, bought_miniapp, too_small, too_big, colour, style, price)
  SELECT day, style_id, sum(garments), sum(liked_or_bought), sum(rejected), sum(size_swaps), sum(bought_visit),
    sum(bought_store), sum(bought_online), sum(bought_miniapp), sum(too_small), sum(too_big), sum(colour), sum(style),
    sum(price)
  FROM hq_tryon_delta WHERE tx = me AND sku IS NOT NULL GROUP BY day, style_id ORDER BY day, style_id
  ON CONFLICT (day, style_id) DO UPDATE SET garments = t.garments + EXCLUDED.garments,
    liked_or_bought = t.liked_or_bought + EXCLUDED.liked_or_bought, rejected = t.rejected + EXCLUDED.rejected,
    size_swaps = t.size_swaps + EXCLUDED.size_swaps, bought_visit = t.bought_visit + EXCLUDED.bought_visit,
    bought_store = t.bought_store + EXCLUDED.bought_store, bought_online = t.bought_online + EXCLUDED.bought_online,
    bought_miniapp = t.bought_miniapp + EXCLUDED.bought_miniapp, too_small = t.too_small + EXCLUDED.too_small,
    too_big = t.too_big + EXCLUDED.too_big, colour = t.colour + EXCLUDED.colour, style = t.style + EXCLUDED.style,
    price = t.price + EXCLUDED.price;
  INSERT INTO hq_tryon_store_day AS t (store_id, day, sessions, garments, liked_or_bought, rejected, size_swaps,
    bought_visit, bought_store, bought_online, bought_miniapp, too_small, too_big, colour, style, price)
  SELECT store_id, day, sum(sessions), sum(garments), sum(liked_or_bought), sum(rejected), sum(size_swaps),
    sum(bought_visit), sum(bought_store), sum(bought_online), sum(bought_miniapp), sum(too_small), sum(too_big),
    sum(colour), sum(style), sum(price)
  FROM hq_tryon_delta WHERE tx = me GROUP BY store_id, day ORDER BY store_id, day
  ON CONFLICT (store_id, day) DO UPDATE SET sessions = t.sessions + EXCLUDED.sessions,
    garments = t.garments + EXCLUDED.garments,
    liked_or_bought = t.liked_or_bought + EXCLUDED.liked_or_bought, rejected = t.rejected + EXCLUDED.rejected,
    size_swaps = t.size_swaps + EXCLUDED.size_swaps, bought_visit = t.bought_visit + EXCLUDED.bought_visit,
    bought_store = t.bought_store + EXCLUDED.bought_store, bought_online = t.bought_online + EXCLUDED.bought_online,
    bought_miniapp = t.bought_miniapp + EXCLUDED.bought_miniapp, too_small = t.too_small + EXCLUDED.too_small,
    too_big = t.too_big + EXCLUDED.too_big, colour = t.colour + EXCLUDED.colour, style = t.style + EXCLUDED.style,
    price = t.price + EXCLUDED.price;
  DELETE FROM hq_tryon_delta WHERE tx = me;
END $$;

CREATE FUNCTION hq_on_delta_marker() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hq_flush_tryon_deltas();
  PERFORM hq_flush_tries_deltas(NULL);
  DELETE FROM hq_delta_marker WHERE tx = NEW.tx;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER hq_delta_marker AFTER INSERT ON hq_delta_marker DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION hq_on_delta_marker();

-- The first delta of a transaction (or of a savepoint that was rolled back since) writes the marker.
CREATE FUNCTION hq_delta_note() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('hq.delta_marked', true) IS DISTINCT FROM 'on' THEN
    PERFORM set_config('hq.delta_marked', 'on', true);
    INSERT INTO hq_delta_marker VALUES (pg_current_xact_id());
  END IF;
END $$;

CREATE OR REPLACE FUNCTION hq_tryon_counters_apply(st text, d date, k text, style text, v int[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hq_delta_note();
  INSERT INTO hq_tryon_delta (store_id, day, sku, style_id, sessions, garments, liked_or_bought, rejected, size_swaps,
    bought_visit, bought_store, bought_online, bought_miniapp, too_small, too_big, colour, style, price)
  VALUES (st, d, k, style, 0, v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13]);
END $$;

CREATE OR REPLACE FUNCTION hq_sessions_apply(st text, d date, n int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hq_delta_note();
  INSERT INTO hq_tryon_delta VALUES (DEFAULT, st, d, NULL, NULL, n, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
END $$;

CREATE OR REPLACE FUNCTION hq_tries_apply(g hq_garments, s int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hq_delta_note();
  INSERT INTO hq_tries_delta (location_id, style_id, first_at, tries) VALUES (g.store_id, g.style_id, g.first_at, s);
END $$;

CREATE FUNCTION hq_on_sale_tries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT hq_bulk() THEN PERFORM hq_flush_tries_deltas(NEW.store_id); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER hq_sa_tries AFTER INSERT ON sales FOR EACH ROW EXECUTE FUNCTION hq_on_sale_tries();
`;
