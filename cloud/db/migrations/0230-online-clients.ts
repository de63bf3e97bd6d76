/**
 * The online channel's API clients (the e-shop, the mini-program): each has its own credential,
 * kept as a SHA-256 digest (256 random bits: no need for a slow hash), and every call is audited
 * (client, member, endpoint, answer) — refused calls too.
 */
export const sql = `
CREATE TABLE online_clients (client_id text PRIMARY KEY CHECK (client_id ~ '^oc_[a-z0-9]{12}$'),
  name text NOT NULL, secret_hash text NOT NULL UNIQUE, created_at timestamptz NOT NULL, revoked_at timestamptz);
CREATE TABLE online_audit (id bigserial PRIMARY KEY, client_id text REFERENCES online_clients, member_id text,
  endpoint text NOT NULL, status int NOT NULL, at timestamptz NOT NULL);
CREATE INDEX online_audit_member ON online_audit (member_id, at);
`;
