/**
 * HQ passwords: scrypt (N = 2^15, r = 8, p = 1, 32-byte key, 16-byte random salt), stored as
 * `scrypt$N$r$p$<salt b64url>$<key b64url>`. Hashing runs on libuv's pool, so a login never
 * blocks other requests; verification is constant-time.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const PARAMS = { N: 32768, r: 8, p: 1 } as const;
/** scrypt needs 128·N·r bytes; give it room above the default 32 MiB limit. */
const MAX_MEM = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, length: number, o: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, length, { ...o, maxmem: MAX_MEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, 32, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** False for a wrong password and for a stored value that is not a scrypt hash of ours. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  const N = Number(n);
  if (alg !== 'scrypt' || !salt || !hash || !Number.isInteger(N) || N < 1024 || N > 1 << 20)
    return false;
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length < 16) return false;
  const key = await derive(password, Buffer.from(salt, 'base64url'), expected.length, {
    N,
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(key, expected);
}

/** A password nobody chose: for accounts made without one (printed once by the CLI). */
export function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}
