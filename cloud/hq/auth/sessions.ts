/**
 * Console sessions. Login checks the password (the same scrypt work for an unknown user, so the
 * answer time does not tell which usernames exist) and opens a session: a random 256-bit cookie
 * value stored only as its SHA-256, a CSRF token, 12 hours at most and 2 hours idle.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { HqUser } from '../../hq-api';
import type { Queryable } from '../../db/db';
import { sha256Hex } from '../../auth/secrets';
import { fail, ok, type Result } from '../../../common/result';
import { verifyPassword } from './passwords';
import { toHqUser, userColumns, type UserRow } from './users';

export const SESSION_MAX_MS = 12 * 3600_000;
export const SESSION_IDLE_MS = 2 * 3600_000;
/** last_seen_at is written at most this often (a read per request, a write per minute). */
const TOUCH_EVERY_MS = 60_000;
/** A real scrypt hash of nothing anyone knows: checked when the username is unknown. */
const DECOY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export interface Session {
  user: HqUser;
  tokenHash: string;
  csrfToken: string;
  expiresAt: string;
}

export async function login(
  q: Queryable,
  username: string,
  password: string,
  now: Date,
): Promise<Result<Session & { token: string }, 'unauthorized'>> {
  const { rows } = await q.query<UserRow>(
    `SELECT ${userColumns()} FROM hq_users WHERE username = $1 AND disabled_at IS NULL`,
    [username],
  );
  const row = rows[0];
  const good = await verifyPassword(password, row?.password_hash ?? DECOY_HASH);
  if (!row || !good) return fail('unauthorized', 'wrong username or password');
  await q.query('DELETE FROM hq_sessions WHERE expires_at < $1', [now.toISOString()]);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_MAX_MS).toISOString();
  const tokenHash = sha256Hex(token);
  await q.query(
    `INSERT INTO hq_sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at)
     VALUES ($1, $2, $3, $4, $5, $4)`,
    [tokenHash, row.user_id, csrfToken, now.toISOString(), expiresAt],
  );
  return ok({ token, tokenHash, csrfToken, expiresAt, user: toHqUser(row) });
}

/** The session of a cookie value, if it is live; touches its idle clock. */
export async function authenticate(
  q: Queryable,
  token: string | undefined,
  now: Date,
): Promise<Result<Session, 'unauthorized'>> {
  if (!token || token.length > 100) return fail('unauthorized', 'sign in first');
  const tokenHash = sha256Hex(token);
  const { rows } = await q.query<
    UserRow & { csrf_token: string; expires_ms: number; last_seen_ms: number }
  >(
    `SELECT ${userColumns('u.')}, s.csrf_token,
       (extract(epoch FROM s.expires_at) * 1000)::float8 AS expires_ms,
       (extract(epoch FROM s.last_seen_at) * 1000)::float8 AS last_seen_ms
     FROM hq_sessions s JOIN hq_users u ON u.user_id = s.user_id WHERE s.token_hash = $1`,
    [tokenHash],
  );
  const row = rows[0];
  const nowMs = now.getTime();
  if (
    !row ||
    row.disabled_at !== null ||
    row.expires_ms <= nowMs ||
    row.last_seen_ms + SESSION_IDLE_MS <= nowMs
  )
    return fail('unauthorized', 'the session has ended; sign in again');
  if (row.last_seen_ms + TOUCH_EVERY_MS <= nowMs)
    await q.query('UPDATE hq_sessions SET last_seen_at = $2 WHERE token_hash = $1', [
      tokenHash,
      now.toISOString(),
    ]);
  return ok({
    user: toHqUser(row),
    tokenHash,
    csrfToken: row.csrf_token,
    expiresAt: new Date(row.expires_ms).toISOString(),
  });
}

export function csrfMatches(session: Session, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(sha256Hex(given), 'hex');
  const b = Buffer.from(sha256Hex(session.csrfToken), 'hex');
  return timingSafeEqual(a, b);
}

export async function logout(q: Queryable, session: Session): Promise<void> {
  await q.query('DELETE FROM hq_sessions WHERE token_hash = $1', [session.tokenHash]);
}
