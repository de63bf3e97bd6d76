/**
 * - `rate_limits`: one counter per (bucket, fixed window), shared by every instance
 *   (cloud/http/rate-limit.ts): member look-ups per device, failed enrollments per address.
 * - `server_secrets`: secrets the instances must share, generated once per database (the
 *   presence-ticket HMAC key, cloud/auth/presence.ts), unless the operator supplies one.
 */
export const sql = `
CREATE TABLE rate_limits (bucket text NOT NULL, window_start timestamptz NOT NULL, hits int NOT NULL,
  PRIMARY KEY (bucket, window_start));
CREATE INDEX rate_limits_window ON rate_limits (window_start);
CREATE TABLE server_secrets (name text PRIMARY KEY, secret text NOT NULL, created_at timestamptz NOT NULL);
`;
