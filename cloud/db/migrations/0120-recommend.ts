/**
 * Brand-wide recommendation training (cloud/recommend):
 * - `history_transactions` / `history_tryons`: the brand's past sales (every store and channel)
 *   and try-ons with outcome and reason, as exported before the kiosks synced (the demo's CSVs);
 *   new sales and try-ons arrive in `sales` / `tryons` by push and are read from there;
 * - `recommend_models`: every trained version with its meta and what each store's copy holds
 *   (rows, bytes, checksum), newest first by `trained_at`;
 * - `model_rows`: the current model as the `model` stream projects it (scope '*' or a store id,
 *   key `meta` / `item:<style>` / `member:<id>`);
 * - the `model` stream's epoch.
 */
export const sql = `
CREATE TABLE history_transactions (txn_id text NOT NULL, line_no int NOT NULL, member_id text,
  location_id text NOT NULL, channel text NOT NULL CHECK (channel IN ('store', 'online', 'miniapp')),
  ts timestamptz NOT NULL, sku text NOT NULL, qty int NOT NULL CHECK (qty > 0),
  unit_price_cents int NOT NULL CHECK (unit_price_cents >= 0), PRIMARY KEY (txn_id, line_no));
CREATE INDEX history_transactions_member ON history_transactions (member_id) WHERE member_id IS NOT NULL;
CREATE TABLE history_tryons (session_id text NOT NULL, line_no int NOT NULL, member_id text,
  store_id text NOT NULL, ts timestamptz NOT NULL, sku text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('liked', 'rejected', 'size-swap', 'bought')),
  reason text CHECK (reason IN ('too-small', 'too-big', 'colour', 'style', 'price')),
  PRIMARY KEY (session_id, line_no));
CREATE INDEX history_tryons_member ON history_tryons (member_id) WHERE member_id IS NOT NULL;
CREATE TABLE recommend_models (version text PRIMARY KEY, trained_at timestamptz NOT NULL,
  data_until timestamptz NOT NULL, events int NOT NULL, members int NOT NULL, ms int NOT NULL,
  meta jsonb NOT NULL, stores jsonb NOT NULL);
CREATE INDEX recommend_models_newest ON recommend_models (trained_at DESC);
CREATE TABLE model_rows (scope text NOT NULL, key text NOT NULL, data jsonb NOT NULL,
  PRIMARY KEY (scope, key));
CREATE INDEX model_rows_key ON model_rows (key);
INSERT INTO stream_epochs (stream, epoch) VALUES ('model', 1) ON CONFLICT DO NOTHING;
`;
