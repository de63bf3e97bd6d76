/**
 * Staff PIN hashing: scrypt (N=2^14, r=8, p=1) over the PIN peppered with a sub-key of the data key,
 * so a copied database alone cannot be brute-forced through the small 4–6 digit PIN space.
 * Comparison is constant-time.
 */
import { createHmac, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import type { DataKey } from './data-key';

export interface PinHash {
  hash: Buffer;
  salt: Buffer;
  /** e.g. 'scrypt:N=16384,r=8,p=1,len=32' — stored so the cost can rise later. */
  params: string;
}

const DEFAULT = { N: 16384, r: 8, p: 1, len: 32 };
const PARAMS = /^scrypt:N=(\d+),r=(\d+),p=(\d+),len=(\d+)$/;

function peppered(key: DataKey, pin: string): Buffer {
  return createHmac('sha256', key.subKey('pin-pepper')).update(pin, 'utf8').digest();
}

function parseParams(params: string): typeof DEFAULT | null {
  const m = PARAMS.exec(params);
  if (!m) return null;
  const [N, r, p, len] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  if (N > 1 << 20 || r > 16 || p > 4 || len < 16 || len > 64) return null;
  return { N, r, p, len };
}

export function hashPin(key: DataKey, pin: string): PinHash {
  const salt = randomBytes(16);
  const { N, r, p, len } = DEFAULT;
  const hash = scryptSync(peppered(key, pin), salt, len, { N, r, p, maxmem: 64 * 1024 * 1024 });
  return { hash, salt, params: `scrypt:N=${N},r=${r},p=${p},len=${len}` };
}

/** Synchronous check (import only: a few rows, no event loop to keep free). */
export function verifyPinSync(key: DataKey, pin: string, stored: PinHash): boolean {
  const params = parseParams(stored.params);
  if (!params || stored.hash.length !== params.len) return false;
  const { N, r, p, len } = params;
  const hash = scryptSync(peppered(key, pin), stored.salt, len, {
    N,
    r,
    p,
    maxmem: 64 * 1024 * 1024,
  });
  return timingSafeEqual(hash, stored.hash);
}

/** Asynchronous check for sign-in: scrypt runs off the event loop. */
export async function verifyPin(key: DataKey, pin: string, stored: PinHash): Promise<boolean> {
  const params = parseParams(stored.params);
  if (!params || stored.hash.length !== params.len) return false;
  const { N, r, p, len } = params;
  const hash = await new Promise<Buffer>((resolve, reject) =>
    scrypt(
      peppered(key, pin),
      stored.salt,
      len,
      { N, r, p, maxmem: 64 * 1024 * 1024 },
      (err, out) => (err ? reject(err) : resolve(out)),
    ),
  );
  return timingSafeEqual(hash, stored.hash);
}
