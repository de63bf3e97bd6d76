import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** SHA-256 hex: enough for high-entropy secrets (tokens, codes), which are never stored in clear. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A device token: `dt_` + 32 random bytes base64url. */
export function newDeviceToken(): string {
  return `dt_${randomBytes(32).toString('base64url')}`;
}

/**
 * Enrollment codes are typed by a supervisor: 31 symbols that cannot be mistaken for one another
 * (no 0/O, no 1/I/L), 15 of them in groups of five, `K7QF9-XTDM2-PA3RW`: 15 × log2(31) ≈ 74.3 bits.
 */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 15;

/** A one-time enrollment code; every symbol equally likely (rejection sampling, no modulo bias). */
export function newEnrollmentCode(): string {
  const limit = 256 - (256 % CODE_ALPHABET.length);
  let chars = '';
  while (chars.length < CODE_LENGTH) {
    for (const b of randomBytes(32)) {
      if (b < limit && chars.length < CODE_LENGTH) chars += CODE_ALPHABET[b % CODE_ALPHABET.length];
    }
  }
  return `${chars.slice(0, 5)}-${chars.slice(5, 10)}-${chars.slice(10, 15)}`;
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
