/**
 * Try-on counters by calendar month, and brand-wide by day (issue 12: HQ API p95 at 10 M try-ons).
 *
 * An analyst's brand-wide fitting room and "why not bought" for a year summed the brand × day ×
 * style rollup (365 × styles rows), the store × day rollup twice (365 × stores rows, for the
 * stores and the sessions) and grouped them by style, by store and by day: 0.4–0.5 s at 500 stores
 * and 300 styles. Now a range reads its whole months from month rollups (brand × month × style,
 * store × month with sessions), only the days of its partial months from the day rollups, and its
 * day series from one brand × day row per day.
 *
 * The three tables are additive like the day rollups, so migration 240's COMMIT-time fold keeps
 * them from the same per-transaction deltas, in the same transaction: `hq_on_delta_marker` folds
 * them first (the try-on fold deletes the deltas), each in key order. The brand × day row counts
 * only try-ons of known styles (a SKU unknown to the catalog rolls up under style '?', which no
 * product row has, so the brand-wide totals never counted it), but every session.
 *
 * The store × day rollup gets an index by day: brand-wide pages read a range of its days (the partial
 * months, or a whole range shorter than a month) for every store, and its key leads with the store.
 *
 * Existing clouds already hold events: the new tables are filled from the day rollups here.
 */
const COUNTERS = [
  'garments',
  'liked_or_bought',
  'rejected',
  'size_swaps',
  'bought_visit',
  'bought_store',
  'bought_online',
  'bought_miniapp',
  'too_small',
  'too_big',
  'colour',
  'style',
  'price',
];
const columns = COUNTERS.join(', ');
const definitions = COUNTERS.map((c) => `${c} int NOT NULL`).join(', ');
const sums = COUNTERS.map((c) => `sum(${c})`).join(', ');
const knownSums = COUNTERS.map(
  (c) => `coalesce(sum(${c}) FILTER (WHERE sku IS NOT NULL AND style_id <> '?'), 0)`,
).join(', ');
const added = COUNTERS.map((c) => `${c} = t.${c} + EXCLUDED.${c}`).join(', ');
const month = "date_trunc('month', day)::date";

export const sql = `
CREATE TABLE hq_tryon_style_month (month date NOT NULL, style_id text NOT NULL, ${definitions},
  PRIMARY KEY (month, style_id));
CREATE TABLE hq_tryon_store_month (store_id text NOT NULL, month date NOT NULL, sessions int NOT NULL, ${definitions},
  PRIMARY KEY (store_id, month));
CREATE TABLE hq_tryon_brand_day (day date PRIMARY KEY, sessions int NOT NULL, ${definitions});
-- brand-wide pages read the store × day rollup by day (its key leads with the store)
CREATE INDEX hq_tryon_store_day_day ON hq_tryon_store_day (day);

-- Folds this transaction's try-on deltas into the month and brand-day rollups, one upsert per row,
-- in key order (before hq_flush_tryon_deltas, which deletes them).
CREATE FUNCTION hq_flush_tryon_month_deltas() RETURNS void LANGUAGE plpgsql AS $$
DECLARE me xid8 := pg_current_xact_id();
BEGIN
  INSERT INTO hq_tryon_style_month AS t (month, style_id, ${columns})
  SELECT ${month}, style_id, ${sums} FROM hq_tryon_delta WHERE tx = me AND sku IS NOT NULL
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (month, style_id) DO UPDATE SET ${added};
  INSERT INTO hq_tryon_store_month AS t (store_id, month, sessions, ${columns})
  SELECT store_id, ${month}, sum(sessions), ${sums} FROM hq_tryon_delta WHERE tx = me
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (store_id, month) DO UPDATE SET sessions = t.sessions + EXCLUDED.sessions, ${added};
  INSERT INTO hq_tryon_brand_day AS t (day, sessions, ${columns})
  SELECT day, sum(sessions), ${knownSums} FROM hq_tryon_delta WHERE tx = me
  GROUP BY 1 ORDER BY 1
  ON CONFLICT (day) DO UPDATE SET sessions = t.sessions + EXCLUDED.sessions, ${added};
END $$;

CREATE OR REPLACE FUNCTION hq_on_delta_marker() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hq_flush_tryon_month_deltas();
  PERFORM hq_flush_tryon_deltas();
  PERFORM hq_flush_tries_deltas(NULL);
  PERFORM hq_flush_sales_deltas();
  DELETE FROM hq_delta_marker WHERE tx = NEW.tx;
  RETURN NULL;
END $$;

INSERT INTO hq_tryon_style_month (month, style_id, ${columns})
SELECT ${month}, style_id, ${sums} FROM hq_tryon_style_all GROUP BY 1, 2 ORDER BY 1, 2;
INSERT INTO hq_tryon_store_month (store_id, month, sessions, ${columns})
SELECT store_id, ${month}, sum(sessions), ${sums} FROM hq_tryon_store_day GROUP BY 1, 2 ORDER BY 1, 2;
INSERT INTO hq_tryon_brand_day (day, sessions, ${columns})
SELECT coalesce(s.day, k.day), coalesce(s.sessions, 0), ${COUNTERS.map((c) => `coalesce(k.${c}, 0)`).join(', ')}
FROM (SELECT day, sum(sessions) AS sessions FROM hq_tryon_store_day GROUP BY day) s
FULL JOIN (SELECT day, ${COUNTERS.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM hq_tryon_style_all
           WHERE style_id <> '?' GROUP BY day) k ON k.day = s.day
ORDER BY 1;
`;
