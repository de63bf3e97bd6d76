import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** SHA-256 hex: enough for high-entropy secrets (tokens, codes), which are never stored in clear. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A device token: `dt_` + 32 random bytes base64url. */
export function newDeviceToken(): string {
  return `dt_${randomBytes(32).toString('base64url')}`;
}

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I/L: typed by a supervisor

/** A one-time enrollment code like `K7QF-9XTD-M2PA` (~70 bits). */
export function newEnrollmentCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length] ?? 'A').join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** Codes are compared case- and dash-insensitively, as people type them. */
export function normalizeEnrollmentCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Staff PIN hash served to kiosks: `scrypt$16384$8$1$<salt b64url>$<hash b64url>` (32-byte key). */
export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  const key = scryptSync(pin, salt, 32, { N: 16384, r: 8, p: 1 });
  return `scrypt$16384$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export function verifyPin(pin: string, stored: string): boolean {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = scryptSync(pin, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(key, expected);
}
