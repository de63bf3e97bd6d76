/**
 * HQ console accounts. A user has one role: `analyst` (every store), `store-manager` (the one
 * store named on the account) or `marketing` (brand-wide customer views; campaigns come next).
 * Passwords are scrypt hashes; a session is a random cookie value stored as its SHA-256, with a
 * CSRF token (synchronizer token: useless without the httpOnly cookie) that every write must echo
 * in a header.
 */
export const sql = `
CREATE TABLE hq_users (user_id text PRIMARY KEY, username text NOT NULL UNIQUE
    CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
  display_name text NOT NULL, role text NOT NULL CHECK (role IN ('analyst', 'store-manager', 'marketing')),
  store_id text REFERENCES stores, password_hash text NOT NULL, created_at timestamptz NOT NULL,
  disabled_at timestamptz,
  CHECK ((role = 'store-manager') = (store_id IS NOT NULL)));
CREATE TABLE hq_sessions (token_hash text PRIMARY KEY, user_id text NOT NULL REFERENCES hq_users ON DELETE CASCADE,
  csrf_token text NOT NULL, created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL);
CREATE INDEX hq_sessions_user ON hq_sessions (user_id);
CREATE INDEX hq_sessions_expiry ON hq_sessions (expires_at);
`;
