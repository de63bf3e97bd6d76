import { randomBytes } from 'node:crypto';
import type {
  CreateEnrollmentCodeResponse,
  EnrollResponse,
  RotateTokenResponse,
} from '../../sync/protocol';
import type { Db } from '../db/db';
import { fail, ok, type CloudResult } from '../result';
import { newDeviceToken, newEnrollmentCode, normalizeEnrollmentCode, sha256Hex } from './secrets';

/** How long a rotated-away token keeps working, so a kiosk that lost the answer can still retry. */
export const TOKEN_GRACE_MS = 10 * 60_000;
export const DEFAULT_CODE_TTL_S = 900;

export interface DeviceIdentity {
  deviceId: string;
  storeId: string;
  tokenHash: string;
}

/** Creates a one-time code for `storeId`; only its hash is stored. */
export async function createEnrollmentCode(
  db: Db,
  storeId: string,
  ttlSeconds: number,
  now: Date,
): Promise<CloudResult<CreateEnrollmentCodeResponse>> {
  const { rows } = await db.query('SELECT 1 FROM stores WHERE store_id = $1', [storeId]);
  if (rows.length === 0) return fail('unknown-store', `no store ${storeId}`);
  const code = newEnrollmentCode();
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000).toISOString();
  await db.query(
    'INSERT INTO enrollment_codes (code_hash, store_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
    [sha256Hex(normalizeEnrollmentCode(code)), storeId, now.toISOString(), expiresAt],
  );
  return ok({ code, storeId, expiresAt });
}

/**
 * Spends a code and creates a device with its first token. The code is consumed by one
 * conditional UPDATE, so two kiosks racing with the same code cannot both enroll.
 * Unknown, used and expired codes get the same answer (no oracle for guessing).
 */
export async function enroll(
  db: Db,
  code: string,
  deviceName: string,
  role: string | null,
  now: Date,
): Promise<CloudResult<EnrollResponse>> {
  const deviceId = `dev_${randomBytes(10).toString('hex')}`;
  const token = newDeviceToken();
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ store_id: string }>(
      `UPDATE enrollment_codes SET used_at = $2, device_id = $3
       WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING store_id`,
      [sha256Hex(normalizeEnrollmentCode(code)), now.toISOString(), deviceId],
    );
    const storeId = rows[0]?.store_id;
    if (!storeId)
      return fail('invalid-enrollment-code', 'enrollment code unknown, used or expired');
    await tx.query(
      'INSERT INTO devices (device_id, store_id, name, role, created_at) VALUES ($1, $2, $3, $4, $5)',
      [deviceId, storeId, deviceName, role, now.toISOString()],
    );
    await tx.query(
      'INSERT INTO device_tokens (token_hash, device_id, created_at) VALUES ($1, $2, $3)',
      [sha256Hex(token), deviceId, now.toISOString()],
    );
    return ok({ deviceId, storeId, token, epoch: null, lastSeq: 0 });
  });
}

/** Resolves a bearer token: unknown or expired → unauthorized; revoked device → device-revoked. */
export async function authenticate(
  db: Db,
  token: string | undefined,
  now: Date,
): Promise<CloudResult<DeviceIdentity>> {
  if (!token) return fail('unauthorized', 'missing bearer token');
  const tokenHash = sha256Hex(token);
  const { rows } = await db.query<{
    device_id: string;
    store_id: string;
    expires_at: Date | string | null;
    revoked_at: Date | string | null;
    first_used_at: Date | string | null;
  }>(
    `SELECT d.device_id, d.store_id, t.expires_at, d.revoked_at, t.first_used_at
     FROM device_tokens t JOIN devices d USING (device_id) WHERE t.token_hash = $1`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return fail('unauthorized', 'unknown token');
  if (row.revoked_at !== null) return fail('device-revoked', 'this device was revoked');
  if (row.expires_at !== null && new Date(row.expires_at).getTime() <= now.getTime())
    return fail('unauthorized', 'token expired');
  if (row.first_used_at === null) await retireOlderTokens(db, row.device_id, tokenHash, now);
  return ok({ deviceId: row.device_id, storeId: row.store_id, tokenHash });
}

/**
 * The first use of a token proves the kiosk stored it: from then on the device's older tokens
 * live only for the grace period (requests already on their way with them still pass).
 * Idempotent and safe with several instances: only the request that marks the first use retires.
 */
async function retireOlderTokens(db: Db, deviceId: string, tokenHash: string, now: Date) {
  const until = new Date(now.getTime() + TOKEN_GRACE_MS).toISOString();
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ created_at: Date | string }>(
      `UPDATE device_tokens SET first_used_at = $2 WHERE token_hash = $1 AND first_used_at IS NULL
       RETURNING created_at`,
      [tokenHash, now.toISOString()],
    );
    const created = rows[0]?.created_at;
    if (created === undefined) return;
    await tx.query(
      `UPDATE device_tokens SET expires_at = $3 WHERE device_id = $1 AND token_hash <> $2
         AND created_at <= $4 AND (expires_at IS NULL OR expires_at > $3)`,
      [deviceId, tokenHash, until, new Date(created).toISOString()],
    );
  });
}

/**
 * Issues a new token. The calling token stays valid until the new one is first used (then for the
 * grace period), so a kiosk that crashed before storing the answer is never locked out: it rotates
 * again with its old token, and tokens issued earlier but never used (lost answers) expire now.
 */
export async function rotateToken(
  db: Db,
  device: DeviceIdentity,
  now: Date,
): Promise<RotateTokenResponse> {
  const token = newDeviceToken();
  const until = new Date(now.getTime() + TOKEN_GRACE_MS).toISOString();
  await db.transaction(async (tx) => {
    await tx.query(
      `UPDATE device_tokens SET expires_at = $3 WHERE device_id = $1 AND token_hash <> $2
         AND first_used_at IS NULL AND (expires_at IS NULL OR expires_at > $3)`,
      [device.deviceId, device.tokenHash, now.toISOString()],
    );
    await tx.query(
      'INSERT INTO device_tokens (token_hash, device_id, created_at) VALUES ($1, $2, $3)',
      [sha256Hex(token), device.deviceId, now.toISOString()],
    );
  });
  return { token, previousTokenValidUntil: until };
}

export async function revokeDevice(
  db: Db,
  deviceId: string,
  now: Date,
): Promise<CloudResult<{ deviceId: string; revokedAt: string }>> {
  const { rows } = await db.query<{ device_id: string }>(
    'UPDATE devices SET revoked_at = coalesce(revoked_at, $2) WHERE device_id = $1 RETURNING device_id',
    [deviceId, now.toISOString()],
  );
  if (rows.length === 0) return fail('not-found', `no device ${deviceId}`);
  return ok({ deviceId, revokedAt: now.toISOString() });
}
