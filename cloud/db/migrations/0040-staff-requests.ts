/**
 * Staff requests shared by every kiosk of a store (size requests, help, unknown-item alerts).
 * Status only moves forward; the winner of concurrent updates is the highest (status rank, HLC,
 * device id), so every server instance and every kiosk converges on the same row.
 */
export const sql = `
CREATE TABLE staff_requests (request_id text PRIMARY KEY, store_id text NOT NULL REFERENCES stores,
  origin_device text NOT NULL, kind text NOT NULL CHECK (kind IN ('size', 'help', 'unknown-item')),
  place text NOT NULL, sku text, size text, name_zh text, name_en text,
  status text NOT NULL CHECK (status IN ('waiting', 'on-the-way', 'done', 'cancelled')),
  created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, updated_hlc text NOT NULL,
  updated_device text NOT NULL, updated_by text);
CREATE INDEX staff_requests_store_recent ON staff_requests (store_id, updated_at);
INSERT INTO stream_epochs (stream, epoch) VALUES ('requests', 1) ON CONFLICT DO NOTHING;
`;
