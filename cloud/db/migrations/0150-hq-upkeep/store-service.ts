/**
 * Migration 0150 (HQ rollup upkeep), part: Service facts: NPS answers and the time staff take to bring a requested size.
 * Applied databases ran this text: never edit it; a change is a new migration.
 */
export const storeServiceUpkeepSql = `
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
`;
