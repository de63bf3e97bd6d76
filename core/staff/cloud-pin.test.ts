import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DataKey } from '../crypto';
import { sealCloudPin, verifyCloudPin } from './cloud-pin';

/** The member cloud's format (cloud/auth/secrets.ts): plain scrypt, base64url salt and hash. */
const cloudHash = (pin: string, N = 16384) => {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, 32, { N, r: 8, p: 1 });
  return `scrypt$${N}$8$1$${salt.toString('base64url')}$${hash.toString('base64url')}`;
};

describe('cloud PIN hashes', () => {
  const key = DataKey.generate();

  it('verifies the right PIN only, with the hash sealed and bound to its staff row', async () => {
    const sealed = sealCloudPin(key, 'E1', cloudHash('2468'));
    if (!sealed) throw new Error('not sealed');
    expect(sealed.params).toBe('cloud-scrypt:N=16384,r=8,p=1,len=32');
    expect(await verifyCloudPin(key, 'E1', '2468', sealed)).toBe(true);
    expect(await verifyCloudPin(key, 'E1', '2469', sealed)).toBe(false);
    // moved to another staff row, another kiosk's key, or tampered: refused, never thrown
    expect(await verifyCloudPin(key, 'E2', '2468', sealed)).toBe(false);
    expect(await verifyCloudPin(DataKey.generate(), 'E1', '2468', sealed)).toBe(false);
    const tampered = { ...sealed, hash: Buffer.from(sealed.hash) };
    tampered.hash.writeUInt8((tampered.hash.at(-1) ?? 0) ^ 1, tampered.hash.length - 1);
    expect(await verifyCloudPin(key, 'E1', '2468', tampered)).toBe(false);
  });

  it('refuses hashes it cannot check safely', async () => {
    expect(sealCloudPin(key, 'E1', 'plain-text-pin')).toBeNull();
    expect(sealCloudPin(key, 'E1', cloudHash('1').replace('$16384$', '$2097152$'))).toBeNull();
    expect(sealCloudPin(key, 'E1', cloudHash('1').replace('$16384$', '$16383$'))).toBeNull();
    const sealed = sealCloudPin(key, 'E1', cloudHash('2468'));
    if (!sealed) throw new Error('not sealed');
    expect(
      await verifyCloudPin(key, 'E1', '2468', {
        ...sealed,
        params: 'cloud-scrypt:N=3,r=8,p=1,len=32',
      }),
    ).toBe(false);
  });
});
