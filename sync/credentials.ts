/**
 * The kiosk's cloud credentials: URL, optional CA file, device id, store id and the device token.
 * The token is stored only sealed with the kiosk's data key (AES-256-GCM, core/crypto), bound to
 * its settings row, in the kiosk database; a copied database without the key file cannot use it.
 *
 * Enrollment adopts the cloud's device id for the outbox in the same transaction that stores the
 * credentials, so mutations queued before enrollment are sent under the enrolled identity.
 * Rotation stores the new token durably before it is used; the old one stays valid for a grace
 * period on the server, so a crash between the answer and the save loses nothing.
 */
import { decryptField, encryptField, type DataKey } from '../core/crypto';
import { adoptDeviceId } from '../core/sync-store/outbox-sync';
import type { WritableDB } from '../core/store/db';
import type { CloudClient } from './cloud-client';
import type { HttpResult, SyncHttpError } from './http-client';
import { readSetting, writeSetting } from './schema';

export interface Credentials {
  url: string;
  caFile: string | null;
  deviceId: string;
  storeId: string;
  token: string;
  enrolledAt: string;
  rotatedAt: string | null;
}

const KEY = 'sync.credentials';
const AAD = { table: 'settings', column: 'value', rowId: KEY };

export type CredentialsError = { kind: 'credentials-unreadable'; message: string };

/** The stored credentials, null when the kiosk is not enrolled, or a typed error when tampered. */
export function loadCredentials(
  db: WritableDB,
  key: DataKey,
): { ok: true; value: Credentials | null } | { ok: false; error: CredentialsError } {
  const text = readSetting(db, KEY);
  if (text === null) return { ok: true, value: null };
  try {
    const stored = JSON.parse(text) as Omit<Credentials, 'token'> & { tokenSealed: string };
    const token = decryptField(key, Buffer.from(stored.tokenSealed, 'base64'), AAD);
    const { tokenSealed: _sealed, ...rest } = stored;
    return { ok: true, value: { ...rest, token } };
  } catch (error) {
    return {
      ok: false,
      error: {
        kind: 'credentials-unreadable',
        message: `stored credentials cannot be opened: ${error instanceof Error ? error.message : String(error)}`,
      },
    };
  }
}

/** Writes the credentials (call inside a transaction, or alone: one statement). */
export function saveCredentials(db: WritableDB, key: DataKey, creds: Credentials): void {
  const { token, ...rest } = creds;
  const tokenSealed = encryptField(key, token, AAD).toString('base64');
  writeSetting(db, KEY, JSON.stringify({ ...rest, tokenSealed }));
}

export interface EnrollInput {
  db: WritableDB;
  key: DataKey;
  client: CloudClient;
  url: string;
  caFile: string | null;
  code: string;
  deviceName: string;
  now?: () => Date;
}

export async function enroll(input: EnrollInput): Promise<HttpResult<Credentials>> {
  const answer = await input.client.enroll(input.code.trim(), input.deviceName);
  if (!answer.ok) return answer;
  const at = (input.now ?? (() => new Date()))().toISOString();
  const creds: Credentials = {
    url: input.url,
    caFile: input.caFile,
    deviceId: answer.value.deviceId,
    storeId: answer.value.storeId,
    token: answer.value.token,
    enrolledAt: at,
    rotatedAt: null,
  };
  input.db.transaction(() => {
    saveCredentials(input.db, input.key, creds);
    adoptDeviceId(input.db, creds.deviceId);
    writeSetting(input.db, 'sync.storeId', creds.storeId);
  });
  return { ok: true, value: creds };
}

/** Rotates the device token; the new token is saved before this returns it. */
export async function rotateToken(
  db: WritableDB,
  key: DataKey,
  client: CloudClient,
  now: () => Date = () => new Date(),
): Promise<HttpResult<Credentials>> {
  const loaded = loadCredentials(db, key);
  if (!loaded.ok || !loaded.value) {
    const error: SyncHttpError = {
      kind: 'unauthorized',
      message: loaded.ok ? 'not enrolled' : loaded.error.message,
    };
    return { ok: false, error };
  }
  const answer = await client.rotate(loaded.value.token);
  if (!answer.ok) return answer;
  const creds = { ...loaded.value, token: answer.value.token, rotatedAt: now().toISOString() };
  db.transaction(() => saveCredentials(db, key, creds));
  return { ok: true, value: creds };
}
