/**
 * Online-channel client credentials: `<client id>.<secret>`, shown once at creation; the cloud
 * keeps the secret's digest. A kiosk's device token is never accepted here, nor this one there.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../auth/secrets';
import type { Queryable } from '../db/db';

export interface OnlineClient {
  clientId: string;
  name: string;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export async function createOnlineClient(
  q: Queryable,
  name: string,
  now: Date,
): Promise<OnlineClient & { credential: string }> {
  const id = `oc_${Array.from(randomBytes(12), (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('')}`;
  const secret = randomBytes(32).toString('base64url');
  await q.query(
    'INSERT INTO online_clients (client_id, name, secret_hash, created_at) VALUES ($1, $2, $3, $4)',
    [id, name, sha256Hex(secret), now.toISOString()],
  );
  return { clientId: id, name, credential: `${id}.${secret}` };
}

/** The client a bearer credential names, when its secret matches and it is not revoked. */
export async function authenticateOnlineClient(
  q: Queryable,
  credential: string | undefined,
): Promise<OnlineClient | null> {
  const m = /^(oc_[a-z0-9]{12})\.([A-Za-z0-9_-]{43})$/.exec(credential ?? '');
  if (!m?.[1] || !m[2]) return null;
  const { rows } = await q.query<{ name: string; secret_hash: string }>(
    'SELECT name, secret_hash FROM online_clients WHERE client_id = $1 AND revoked_at IS NULL',
    [m[1]],
  );
  const row = rows[0];
  if (!row) return null;
  const same = timingSafeEqual(
    Buffer.from(row.secret_hash, 'hex'),
    Buffer.from(sha256Hex(m[2]), 'hex'),
  );
  return same ? { clientId: m[1], name: row.name } : null;
}

export async function audit(
  q: Queryable,
  entry: { clientId: string | null; memberId: string | null; endpoint: string; status: number },
  now: Date,
): Promise<void> {
  await q.query(
    'INSERT INTO online_audit (client_id, member_id, endpoint, status, at) VALUES ($1, $2, $3, $4, $5)',
    [entry.clientId, entry.memberId, entry.endpoint, entry.status, now.toISOString()],
  );
}
