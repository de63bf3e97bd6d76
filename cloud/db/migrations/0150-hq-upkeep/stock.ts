/**
 * Migration 0150 (HQ rollup upkeep), part: Stock facts: on-hand per store and style, and brand-wide per style (stores / online).
 * Applied databases ran this text: never edit it; a change is a new migration.
 */
export const stockUpkeepSql = `
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
`;
