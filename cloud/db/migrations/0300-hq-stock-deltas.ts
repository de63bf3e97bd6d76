/**
 * Stock rollups folded once per transaction (issues 12 and 15), the way migrations 240 and 250
 * fold the try-on and sales counters.
 *
 * Every sale takes its units off the store's stock, and migration 290's statement trigger then
 * upserted the store × style and style × channel rows at once: two upserts a sale, ~0.25 ms, on
 * rows every sale of the style shares. The stock rollups are additive, so the trigger now appends
 * the statement's moves to `hq_stock_delta`, and a deferred trigger folds a transaction's moves at
 * COMMIT: one upsert per touched row, in key order. Its marker is its own (not migration 240's),
 * so the try-on and sales folds stay as they are. Nothing inside a push reads these rollups.
 */
export const sql = `
CREATE UNLOGGED TABLE hq_stock_delta (tx xid8 NOT NULL DEFAULT pg_current_xact_id(), location_id text NOT NULL,
  sku text NOT NULL, d bigint NOT NULL);
CREATE INDEX hq_stock_delta_tx ON hq_stock_delta (tx);
CREATE UNLOGGED TABLE hq_stock_marker (tx xid8 NOT NULL);

CREATE FUNCTION hq_flush_stock_deltas() RETURNS void LANGUAGE plpgsql AS $$
DECLARE me xid8 := pg_current_xact_id();
BEGIN
  INSERT INTO hq_style_store AS s (location_id, style_id, on_hand)
  SELECT m.location_id, coalesce((SELECT v.style_id FROM variants v WHERE v.sku = m.sku), '?'), sum(m.d)
  FROM (SELECT location_id, sku, sum(d) AS d FROM hq_stock_delta WHERE tx = me GROUP BY 1, 2) m
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (location_id, style_id) DO UPDATE SET on_hand = s.on_hand + EXCLUDED.on_hand;
  INSERT INTO hq_style_stock_all AS s (style_id, online, on_hand)
  SELECT coalesce((SELECT v.style_id FROM variants v WHERE v.sku = m.sku), '?'), m.location_id = 'ONLINE', sum(m.d)
  FROM (SELECT location_id, sku, sum(d) AS d FROM hq_stock_delta WHERE tx = me GROUP BY 1, 2) m
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (style_id, online) DO UPDATE SET on_hand = s.on_hand + EXCLUDED.on_hand;
  DELETE FROM hq_stock_delta WHERE tx = me;
END $$;

CREATE FUNCTION hq_on_stock_marker() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hq_flush_stock_deltas();
  DELETE FROM hq_stock_marker WHERE tx = NEW.tx;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER hq_stock_marker AFTER INSERT ON hq_stock_marker DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION hq_on_stock_marker();

-- The statement's moves, appended; the first of a transaction (or of a savepoint rolled back since)
-- writes the marker.
CREATE OR REPLACE FUNCTION hq_on_stock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF hq_bulk() THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO hq_stock_delta (location_id, sku, d) SELECT location_id, sku, on_hand FROM added;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO hq_stock_delta (location_id, sku, d) SELECT location_id, sku, -on_hand::bigint FROM removed;
  ELSE
    INSERT INTO hq_stock_delta (location_id, sku, d)
    SELECT location_id, sku, on_hand FROM added UNION ALL SELECT location_id, sku, -on_hand::bigint FROM removed;
  END IF;
  IF FOUND AND current_setting('hq.stock_marked', true) IS DISTINCT FROM 'on' THEN
    PERFORM set_config('hq.stock_marked', 'on', true);
    INSERT INTO hq_stock_marker VALUES (pg_current_xact_id());
  END IF;
  RETURN NULL;
END $$;

-- 290's per-statement upsert, unused now
DROP FUNCTION hq_stock_moves(text[], text[], bigint[]);
`;
