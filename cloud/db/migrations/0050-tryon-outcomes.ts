/**
 * Why tried garments are not bought: every try-on keeps its outcome and the shopper's reason
 * (logTryOn v2; a v1 row gets the outcome its action stands for and no reason), and the view
 * `tryon_reasons` counts them per store, SKU, outcome and reason for the brand to read
 * (docs/sync-protocol.md, "Try-on outcomes").
 */
export const sql = `
ALTER TABLE tryons ADD COLUMN outcome text
  CHECK (outcome IN ('tried', 'liked', 'rejected', 'size-swap', 'bought'));
ALTER TABLE tryons ADD COLUMN reason text
  CHECK (reason IN ('too-small', 'too-big', 'colour', 'style', 'price'));
UPDATE tryons SET outcome = CASE body->>'action'
  WHEN 'like' THEN 'liked' WHEN 'unlike' THEN 'rejected' WHEN 'request-size' THEN 'size-swap' END
  WHERE outcome IS NULL;
CREATE INDEX tryons_outcome ON tryons (store_id, outcome, reason);
CREATE VIEW tryon_reasons AS
  SELECT store_id, body->>'sku' AS sku, outcome, coalesce(reason, 'none') AS reason,
    count(*)::int AS tryons, min(at) AS first_at, max(at) AS last_at
  FROM tryons WHERE outcome IS NOT NULL
  GROUP BY store_id, body->>'sku', outcome, coalesce(reason, 'none');
`;
