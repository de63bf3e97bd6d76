/**
 * PINs of staff added in the member cloud. The cloud hashes a PIN as plain scrypt (it cannot know
 * the kiosk's pepper); the kiosk stores that hash sealed with its data key (AES-256-GCM, bound to
 * the staff id) so a copied database alone reveals no hash to brute-force, and checks a PIN by
 * recomputing scrypt with the cloud's salt and parameters. See docs/sync-protocol.md (config).
 *
 * Stored in `staff`: `pin_params` = `cloud-scrypt:N=…,r=…,p=…,len=…`, `pin_salt` = the salt
 * bytes, `pin_hash` = the sealed base64url hash.
 */
import { scrypt, timingSafeEqual } from 'node:crypto';
import { decryptField, encryptField } from '../crypto/field-crypto';
import type { DataKey } from '../crypto/data-key';

export const CLOUD_PIN_PREFIX = 'cloud-scrypt:';
const PARAMS = /^cloud-scrypt:N=(\d+),r=(\d+),p=(\d+),len=(\d+)$/;
/** The cloud's wire format: `scrypt$N$r$p$<salt b64url>$<hash b64url>`. */
const WIRE = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]{16,128})\$([A-Za-z0-9_-]{16,128})$/;

export interface StoredCloudPin {
  hash: Buffer;
  salt: Buffer;
  params: string;
}

const aad = (staffId: string) => ({ table: 'staff', column: 'pin_hash', rowId: staffId });

function bounded(N: number, r: number, p: number, len: number): boolean {
  // N a power of two; the same ceilings as the kiosk's own hashes (memory and time per check)
  return (
    N >= 1024 &&
    N <= 1 << 20 &&
    (N & (N - 1)) === 0 &&
    r >= 1 &&
    r <= 16 &&
    p >= 1 &&
    p <= 4 &&
    len >= 16 &&
    len <= 64
  );
}

/** The cloud's PIN hash, sealed for the `staff` row of `staffId`; null when it is not usable. */
export function sealCloudPin(key: DataKey, staffId: string, wire: string): StoredCloudPin | null {
  const m = WIRE.exec(wire);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const salt = Buffer.from(m[4] ?? '', 'base64url');
  const hash = Buffer.from(m[5] ?? '', 'base64url');
  if (!bounded(N, r, p, hash.length) || salt.length < 8) return null;
  return {
    hash: encryptField(key, hash.toString('base64url'), aad(staffId)),
    salt,
    params: `${CLOUD_PIN_PREFIX}N=${N},r=${r},p=${p},len=${hash.length}`,
  };
}

/** Checks a PIN against a sealed cloud hash, off the event loop; false for anything unusable. */
export async function verifyCloudPin(
  key: DataKey,
  staffId: string,
  pin: string,
  stored: StoredCloudPin,
): Promise<boolean> {
  const m = PARAMS.exec(stored.params);
  if (!m) return false;
  const [N, r, p, len] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  if (!bounded(N, r, p, len)) return false;
  let expected: Buffer;
  try {
    expected = Buffer.from(decryptField(key, stored.hash, aad(staffId)), 'base64url');
  } catch {
    return false; // tampered or moved to another row
  }
  if (expected.length !== len) return false;
  const actual = await new Promise<Buffer>((resolve, reject) =>
    scrypt(pin, stored.salt, len, { N, r, p, maxmem: 256 * 1024 * 1024 }, (err, out) =>
      err ? reject(err) : resolve(out),
    ),
  );
  return timingSafeEqual(actual, expected);
}
