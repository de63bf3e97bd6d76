/**
 * The fleet: each kiosk's latest heartbeat (sent after every sync run), one row per device,
 * replaced by each report. `devices` (store, name, role, revoked) stays the source of who exists.
 */
export const sql = `
CREATE TABLE hq_kiosk_status (device_id text PRIMARY KEY REFERENCES devices, app_version text NOT NULL,
  role text NOT NULL, last_sync_at timestamptz, outbox_depth int NOT NULL, parked int NOT NULL,
  oldest_pending_at timestamptz, devices jsonb NOT NULL, errors_24h int NOT NULL, last_error_kind text,
  reported_at timestamptz NOT NULL);
`;
