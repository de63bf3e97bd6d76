/** Push bookkeeping, business tables written by mutations, and the pull change log. */
export const sql = `
CREATE TABLE mutations (device_id text NOT NULL REFERENCES devices, key text NOT NULL, epoch text NOT NULL,
  seq bigint NOT NULL, name text NOT NULL, version int NOT NULL, outcome jsonb NOT NULL,
  processed_at timestamptz NOT NULL, PRIMARY KEY (key));
CREATE INDEX mutations_seq ON mutations (device_id, epoch, seq);

CREATE TABLE points_ledger (id bigserial PRIMARY KEY, ref text UNIQUE NOT NULL, member_id text NOT NULL REFERENCES members,
  delta int NOT NULL, balance_after int NOT NULL, sale_id text, device_id text NOT NULL, created_at timestamptz NOT NULL);
CREATE INDEX points_ledger_member ON points_ledger (member_id, id);
CREATE TABLE coupon_redemptions (redemption_id text PRIMARY KEY, coupon_code text NOT NULL REFERENCES coupons,
  member_id text NOT NULL REFERENCES members, single_use boolean NOT NULL, sale_id text, discount_cents int NOT NULL,
  device_id text NOT NULL, created_at timestamptz NOT NULL);
-- single-use across kiosks: the database, not a read-then-write check, is the arbiter
CREATE UNIQUE INDEX coupon_single_use ON coupon_redemptions (coupon_code, member_id) WHERE single_use;
CREATE TABLE sales (sale_id text PRIMARY KEY, device_id text NOT NULL, store_id text NOT NULL, member_id text,
  total_cents int NOT NULL, body jsonb NOT NULL, sold_at timestamptz NOT NULL);
CREATE TABLE tryons (tryon_id text PRIMARY KEY, device_id text NOT NULL, store_id text NOT NULL, body jsonb NOT NULL,
  at timestamptz NOT NULL);
CREATE TABLE member_settings (member_id text NOT NULL REFERENCES members, key text NOT NULL, value jsonb NOT NULL,
  hlc text NOT NULL, device_id text NOT NULL, PRIMARY KEY (member_id, key));
CREATE TABLE consent_events (consent_id text PRIMARY KEY, member_id text NOT NULL, kind text NOT NULL,
  granted boolean NOT NULL, hlc text NOT NULL, device_id text NOT NULL, applied boolean NOT NULL);
CREATE TABLE orders (order_id text PRIMARY KEY, kind text NOT NULL, from_location text NOT NULL, body jsonb NOT NULL,
  status text NOT NULL, device_id text NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE staff_tasks (id bigserial PRIMARY KEY, store_id text NOT NULL, device_id text, kind text NOT NULL,
  message text NOT NULL, ref text, status text NOT NULL DEFAULT 'open', created_at timestamptz NOT NULL);
CREATE TABLE erasure_requests (request_id text PRIMARY KEY, member_id text NOT NULL, device_id text NOT NULL,
  created_at timestamptz NOT NULL);
CREATE TABLE nps (nps_id text PRIMARY KEY, score int NOT NULL, comment text, member_id text, device_id text NOT NULL,
  created_at timestamptz NOT NULL);

-- Pull change log: the latest state of every (stream, scope, key). Each write stamps the writer's
-- transaction id (xid) and a position; readers serve only rows whose xid is below the oldest
-- transaction still running, ordered by (xid, pos). See docs/sync-protocol.md "Cursors".
CREATE SEQUENCE stream_pos;
CREATE TABLE stream_rows (stream text NOT NULL, scope text NOT NULL, key text NOT NULL, data jsonb,
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(), pos bigint NOT NULL DEFAULT nextval('stream_pos'),
  PRIMARY KEY (stream, scope, key));
CREATE INDEX stream_rows_order ON stream_rows (stream, xid, pos);
CREATE TABLE stream_epochs (stream text PRIMARY KEY, epoch int NOT NULL);
INSERT INTO stream_epochs (stream, epoch) VALUES ('catalog', 1), ('prices', 1), ('stock', 1), ('members', 1),
  ('coupons', 1), ('config', 1);
`;
