/**
 * Looks shared from a mirror visit to the shopper's phone (issue 13.2): the kiosk's random token,
 * the store, the garments, the expiry. No member and no personal data: the page a token opens
 * shows garments, stock and prices only. `shareLook` upserts by token keeping the highest revision.
 */
export const sql = `
CREATE TABLE looks (token text PRIMARY KEY CHECK (token ~ '^[A-Za-z0-9_-]{22}$'),
  store_id text NOT NULL REFERENCES stores, device_id text NOT NULL REFERENCES devices,
  revision int NOT NULL CHECK (revision > 0), skus jsonb NOT NULL,
  expires_at timestamptz NOT NULL, shared_at timestamptz NOT NULL);
`;
