/** HQ accounts: create, list, disable; what a stored account looks like to the API. */
import { randomBytes } from 'node:crypto';
import { UsernameSchema, VIEWS_BY_ROLE, type HqRole, type HqUser } from '../../hq-api';
import type { Queryable } from '../../db/db';
import { fail, ok, type Result } from '../../../common/result';
import { hashPassword } from './passwords';

export interface UserRow {
  user_id: string;
  username: string;
  display_name: string;
  role: HqRole;
  store_id: string | null;
  password_hash: string;
  disabled_at: string | null;
}

/** The hq_users columns a UserRow holds, optionally of a table alias (`u.`). */
export const userColumns = (a = '') =>
  `${a}user_id, ${a}username, ${a}display_name, ${a}role, ${a}store_id, ${a}password_hash, ${a}disabled_at::text AS disabled_at`;

export function toHqUser(row: UserRow): HqUser {
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    storeId: row.store_id,
    views: [...VIEWS_BY_ROLE[row.role]],
  };
}

export interface NewUser {
  username: string;
  displayName: string;
  role: HqRole;
  storeId: string | null;
  password: string;
}

export type UserError = 'bad-request' | 'exists';

export async function createUser(
  q: Queryable,
  u: NewUser,
  now: Date,
): Promise<Result<HqUser, UserError>> {
  if (!UsernameSchema.safeParse(u.username).success)
    return fail('bad-request', 'a username has 3–40 characters: a–z, 0–9, . _ -');
  if ((u.role === 'store-manager') !== (u.storeId !== null))
    return fail('bad-request', 'a store manager needs --store; other roles take none');
  if (u.password.length < 10)
    return fail('bad-request', 'the password needs at least 10 characters');
  if (u.storeId) {
    const { rows } = await q.query('SELECT 1 FROM stores WHERE store_id = $1', [u.storeId]);
    if (rows.length === 0) return fail('bad-request', `no store ${u.storeId}`);
  }
  const { rows } = await q.query<UserRow>(
    `INSERT INTO hq_users (user_id, username, display_name, role, store_id, password_hash, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (username) DO NOTHING RETURNING ${userColumns()}`,
    [
      `U${randomBytes(8).toString('hex')}`,
      u.username,
      u.displayName,
      u.role,
      u.storeId,
      await hashPassword(u.password),
      now.toISOString(),
    ],
  );
  const row = rows[0];
  return row ? ok(toHqUser(row)) : fail('exists', `user ${u.username} exists`);
}

export async function listUsers(q: Queryable): Promise<(HqUser & { disabled: boolean })[]> {
  const { rows } = await q.query<UserRow>(
    `SELECT ${userColumns()} FROM hq_users ORDER BY username`,
  );
  return rows.map((r) => ({ ...toHqUser(r), disabled: r.disabled_at !== null }));
}

/** Disables an account and ends its sessions. */
export async function disableUser(q: Queryable, username: string, now: Date): Promise<boolean> {
  const { rows } = await q.query<{ user_id: string }>(
    'UPDATE hq_users SET disabled_at = $2 WHERE username = $1 AND disabled_at IS NULL RETURNING user_id',
    [username, now.toISOString()],
  );
  const id = rows[0]?.user_id;
  if (id) await q.query('DELETE FROM hq_sessions WHERE user_id = $1', [id]);
  return id !== undefined;
}
